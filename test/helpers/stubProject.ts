import type { ExportedSymbol, ProjectView } from '../../server/src/analysis/project/view';

/**
 * A ProjectView that knows only the exports listed, keyed `specifier#name` (`./telemetry#meter`,
 * `app.tracing#traced`, `./metrics#default`): what the project layer would answer for those imports.
 */
export function stubProject(exports: Record<string, ExportedSymbol>): ProjectView & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    importedSymbol(specifier: string, name: string) {
      asked.push(`${specifier}#${name}`);
      return exports[`${specifier}#${name}`];
    },
  };
}
