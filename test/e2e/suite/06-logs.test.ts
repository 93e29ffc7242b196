/** The Live Logs panel opens and its OTLP receiver takes records from the real OpenTelemetry exporter. */
import * as assert from 'node:assert/strict';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import * as vscode from 'vscode';
import { waitFor } from './helpers';
import { LOG_BODIES } from './logBodies';

describe('live logs panel', () => {
  it('opens and accepts records from @opentelemetry/exporter-logs-otlp-http', async () => {
    const port = vscode.workspace.getConfiguration('o11yLint.logs').get<number>('port');
    assert.ok(port, 'o11yLint.logs.port is set');
    await vscode.commands.executeCommand('o11yLint.showLiveLogs');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('o11yLint.liveLogs')), 'the Live Logs tab');

    const inner = new OTLPLogExporter({ url: `http://127.0.0.1:${port}/v1/logs` });
    const results: number[] = [];
    const exporter: LogRecordExporter = {
      export: (logs: ReadableLogRecord[], done) => inner.export(logs, (r) => { results.push(r.code); done(r); }),
      shutdown: () => inner.shutdown(),
      forceFlush: () => inner.forceFlush(),
    };
    const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout' }), processors: [new SimpleLogRecordProcessor({ exporter })] });
    try {
      const logger = provider.getLogger('e2e');
      logger.emit({ body: LOG_BODIES[0], severityNumber: SeverityNumber.INFO, severityText: 'info', attributes: { 'order.id': 7 } });
      logger.emit({ body: LOG_BODIES[1], severityNumber: SeverityNumber.ERROR, severityText: 'error', attributes: { 'order.id': 8 } });
      await provider.forceFlush();
      await waitFor(() => results.length === 2, 'two exports');
      assert.deepEqual(results, [0, 0], 'the receiver accepted both exports (ExportResultCode.SUCCESS)');
    } finally {
      await provider.shutdown();
    }
  });
});
