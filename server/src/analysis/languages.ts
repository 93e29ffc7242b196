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
  return Object.hasOwn(BY_LANGUAGE_ID, languageId) ? BY_LANGUAGE_ID[languageId] : undefined;
}

/** Ids other clients send for the same languages, used when a document has no file extension to go by. */
const ALIASES: Record<string, string> = {
  js: 'javascript', jsx: 'javascriptreact', 'javascript.jsx': 'javascriptreact', ts: 'typescript', tsx: 'typescriptreact',
  'typescript.tsx': 'typescriptreact', py: 'python', python3: 'python', yml: 'yaml',
};

/**
 * The LSP language id the analyzer uses for a document. A known id is kept; for any other (Emacs' eglot sends
 * `js` for js-mode, other clients `jsx`, `tsx`, `python3`…) the file extension decides, else a known alias.
 */
export function resolveLanguageId(languageId: unknown, filename: string): string | undefined {
  if (typeof languageId === 'string' && Object.hasOwn(BY_LANGUAGE_ID, languageId)) return languageId;
  return languageIdForFile(filename) ?? (typeof languageId === 'string' ? ALIASES[languageId.toLowerCase()] : undefined);
}
