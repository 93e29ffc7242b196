import type { Lang } from './types';

const BY_LANGUAGE_ID: Record<string, Lang> = {
  python: 'py', javascript: 'js', javascriptreact: 'js', typescript: 'js', typescriptreact: 'js', yaml: 'yaml',
};

/** LSP language id for a file name, or undefined when the analyzer does not read that kind of file. */
export function languageIdForFile(filename: string): string | undefined {
  const m = /\.([A-Za-z]+)$/.exec(filename);
  switch (m?.[1].toLowerCase()) {
    case 'py': case 'pyi': return 'python';
    case 'js': case 'mjs': case 'cjs': return 'javascript';
    case 'jsx': return 'javascriptreact';
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'typescriptreact';
    case 'yaml': case 'yml': return 'yaml';
    default: return undefined;
  }
}

export function langOf(languageId: string): Lang | undefined {
  return BY_LANGUAGE_ID[languageId];
}
