/** The "Wrap in span" refactoring as VS Code lists it (refactor.rewrite on a selection of whole statements), applied: the text must become the golden text. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnostic, open, revertAndClose } from './helpers';

/**
 * The selection runs from `first` to the end of `last`; the golden text is the document's text with each `from`
 * (occurring exactly once) replaced by its `to`. Same output as test/unit/wrapInSpan.test.ts for these shapes.
 */
const CASES: { file: string; rule: string; first: string; last: string; edits: [string, string][] }[] = [
  {
    file: 'src/orders.py', rule: 'no-print-logging', first: 'saved = self.repo.save(order)', last: 'notify(saved)',
    edits: [['        saved = self.repo.save(order)\n        notify(saved)\n',
      '        with tracer.start_as_current_span("Orders.place") as span:\n            saved = self.repo.save(order)\n            notify(saved)\n']],
  },
  {
    file: 'web/orders.ts', rule: 'span-not-ended', first: 'const saved = await this.repo.save(order);', last: 'let total: number = 0;',
    edits: [
      ["import { trace } from '@opentelemetry/api';", "import { trace, SpanStatusCode } from '@opentelemetry/api';"],
      ['    const saved = await this.repo.save(order);\n    let total: number = 0;\n',
        "    let saved, total: number;\n    await tracer.startActiveSpan('Orders.place', async (span) => {\n      try {\n        saved = await this.repo.save(order);\n        total = 0;\n"
        + '      } catch (err) {\n        span.recordException(err as Error);\n        span.setStatus({ code: SpanStatusCode.ERROR });\n        throw err;\n'
        + '      } finally {\n        span.end();\n      }\n    });\n'],
    ],
  },
];

describe('Wrap in span', () => {
  for (const c of CASES) {
    it(`${c.file}: the selected statements`, async () => {
      const editor = await open(c.file);
      try {
        const doc = editor.document;
        const before = doc.getText();
        let golden = before;
        for (const [from, to] of c.edits) {
          assert.equal(before.split(from).length, 2, `"${from}" occurs once in ${c.file}`);
          golden = golden.replace(from, () => to);
        }
        await diagnostic(doc.uri, c.rule); // the server has the document
        const range = new vscode.Range(doc.positionAt(before.indexOf(c.first)), doc.positionAt(before.indexOf(c.last) + c.last.length));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.RefactorRewrite.value);
        const titles = actions.map((a) => a.title);
        const wrap = actions.find((a) => a.title === 'Wrap in span');
        assert.ok(wrap?.edit, `"Wrap in span" among ${JSON.stringify(titles)}`);
        assert.equal(wrap.kind?.value, 'refactor.rewrite');
        assert.ok(await vscode.workspace.applyEdit(wrap.edit), 'edit applied');
        assert.equal(doc.getText(), golden);
      } finally {
        await revertAndClose();
      }
    });
  }
});
