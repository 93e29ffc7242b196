/** `--format sarif`: SARIF 2.1.0 with rule metadata from the registry. */
import { pathToFileURL } from 'node:url';
import { RULES } from '../registry';
import { ruleLanguages } from '../rule';
import type { Severity } from '../types';
import type { FileReport } from './model';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  version: string;
  /** Folder that relative result paths are relative to. */
  cwd: string;
  /** Reads a rule's docs page (markdown) for `help`, if available. */
  readDocs?: (ruleId: string) => string | undefined;
}

export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  const rules = RULES.map((r) => {
    const markdown = options.readDocs?.(r.id);
    return {
      id: r.id,
      name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.docs.summary },
      ...(markdown ? { help: { text: r.docs.summary, markdown } } : {}),
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      properties: { languages: ruleLanguages(r), fixable: r.hasFix, docs: `docs/rules/${r.id}.md` },
    };
  });
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(r.file.replace(/\\/g, '/')), ...(isAbsolute(r.file) ? {} : { uriBaseId: '%SRCROOT%' }) },
          region: {
            startLine: f.range.start.line + 1,
            startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
          },
        },
      }],
      ...(f.severity === 'hint' ? { properties: { severity: 'hint' } } : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'o11y-lint', version: options.version, semanticVersion: options.version, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd).href + '/' } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}
