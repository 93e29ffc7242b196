/**
 * `o11yLint.maskHelper` names the user's PII masking helper, and the safe "Mask PII" fix writes it into source
 * (`from <module> import <name>` / `import { <name> } from '<module>'`). A value from a workspace's settings must
 * therefore be a module path and an identifier and nothing else: config.ts refuses anything else with a
 * message, and the fix reads the value only through `parseMaskHelper`.
 */
export interface MaskHelper {
  lang: 'py' | 'js';
  module: string;
  name: string;
}

const PY_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PY_KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for from global if '
  + 'import in is lambda nonlocal not or pass raise return try while with yield').split(' '));
const JS_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const JS_RESERVED = new Set(('await break case catch class const continue debugger default delete do else enum export extends false finally for '
  + 'function if implements import in instanceof interface let new null package private protected public return static super switch this throw '
  + 'true try typeof var void while with yield').split(' '));
/** npm names (scoped too) with subpaths, relative paths and `#` subpath imports: no quote, space, backslash or `$`. */
const JS_MODULE = /^(?:#|@[A-Za-z0-9][\w.-]*\/|(?:\.\.?\/)+)?[\w.-]+(?:\/[\w.-]+)*$/;

/** What the setting means, or undefined when it is empty or not a valid helper name. */
export function parseMaskHelper(value: string): MaskHelper | undefined {
  const v = value.trim();
  const hash = v.lastIndexOf('#');
  if (hash > 0) {
    const module = v.slice(0, hash);
    const name = v.slice(hash + 1);
    return JS_MODULE.test(module) && JS_IDENT.test(name) && !JS_RESERVED.has(name) ? { lang: 'js', module, name } : undefined;
  }
  const parts = v.split('.');
  if (parts.length < 2 || !parts.every((p) => PY_IDENT.test(p) && !PY_KEYWORDS.has(p))) return undefined;
  return { lang: 'py', module: parts.slice(0, -1).join('.'), name: parts[parts.length - 1] };
}

/** The message for a value `parseMaskHelper` refuses. */
export function maskHelperProblem(value: string): string {
  return `'maskHelper' must be a Python module path and function (myapp.privacy.hash_pii) or a JavaScript module and export (./privacy#hashPii); `
    + `${JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value)} is neither, so the fixes insert a local helper instead`;
}
