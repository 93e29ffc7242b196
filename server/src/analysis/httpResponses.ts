/**
 * Values that hold an HTTP response, by how they were obtained (`r = requests.get(url)`,
 * `const res = await fetch …`, `async with session.get(url) as resp:`, `const { data } =
 * await axios.get(url)`), for `log-raw-payload`. Text-based and local: the assignment is looked
 * for in the enclosing function's text before the log call, and only in files that use an HTTP
 * client at all (`mayUseHttpClient`), so the common case costs one regex per file.
 */

import ts = require('typescript');
import type { Node } from 'web-tree-sitter';

/** What a logged value was obtained from, for names that are not `request`/`response`: `r = requests.get(...)` makes `r` a response. */
export interface Origins { response(name: string): boolean; body(name: string): boolean }

/** A file that could obtain a response: it mentions an HTTP client. */
const HTTP_CLIENT_MENTION = /\b(?:requests|httpx|aiohttp|urlopen|urllib3|axios|undici|superagent|needle)\b|\b(?:fetch|got|ky)\s*[.(]/;
export function mayUseHttpClient(text: string): boolean {
  return HTTP_CLIENT_MENTION.test(text);
}

/** A call that sends a request and returns its response (Python). */
const PY_HTTP_CALL = /^(?:await\s+)?(?:(?:requests|httpx|aiohttp|urllib3|session|client|http|http_client|self\.(?:_?\w*session|_?\w*client|_?http))\.(?:get|post|put|patch|delete|head|options|request|send)|(?:urllib\.request\.)?urlopen)\s*\(/;
/** A call that sends a request and returns its response (JS/TS): `fetch`, `axios`, `got`, `ky`, an `http`/`api`/`*Client` instance. */
const JS_HTTP_CALL = /^(?:await\s+)?(?:fetch|axios|got|ky|undici\.request|superagent|needle|(?:axios|got|ky|this\.(?:http|api|\w*[cC]lient)|http|api|\w*[cC]lient|\w*Api)\.(?:get|post|put|patch|delete|head|options|request|fetch))\s*\(/;

/** `name = <http call>` / `name: T = <http call>` / `async with <http call> as name:` in the Python text. */
export function pyHoldsResponse(scopeText: string, name: string): boolean {
  const esc = escape(name);
  for (const m of scopeText.matchAll(new RegExp(`^[ \\t]*${esc}\\s*(?::[^=\\n]*)?=(?!=)\\s*(.+)$`, 'gm'))) if (PY_HTTP_CALL.test(m[1].trim())) return true;
  return new RegExp(`(?:await\\s+)?[\\w.]+\\.(?:get|post|put|patch|delete|request)\\s*\\([^\\n]*\\)\\s+as\\s+${esc}\\s*[:,)]`).test(scopeText);
}

/** `name = <http call>.json()` / `name = r.text` where `r` holds a response: the name holds a whole body. */
export function pyHoldsBody(scopeText: string, name: string): boolean {
  const esc = escape(name);
  for (const m of scopeText.matchAll(new RegExp(`^[ \\t]*${esc}\\s*(?::[^=\\n]*)?=(?!=)\\s*(.+)$`, 'gm'))) {
    const rhs = m[1].trim().replace(/^await\s+/, '');
    const access = /^([\w.]+?)\.(?:json\(\)|text\b(?!\s*\()|content\b(?!\s*\()|read\(\))\s*$/.exec(rhs);
    if (access && pyHoldsResponse(scopeText, access[1])) return true;
    if (/\)\s*\.(?:json\(\)|text|content)\s*$/.test(rhs) && PY_HTTP_CALL.test(rhs)) return true;
  }
  return false;
}

/** `const res = await fetch …` / `res = await axios.get(url)`: the name holds a response. */
export function jsHoldsResponse(scopeText: string, name: string): boolean {
  const esc = escape(name);
  for (const m of scopeText.matchAll(new RegExp(`(?:\\b(?:const|let|var)\\s+|[;{}\\n]\\s*)${esc}\\s*(?::[^=;\\n]*)?=(?!=)\\s*([^;\\n]+)`, 'g'))) if (JS_HTTP_CALL.test(m[1].trim())) return true;
  return false;
}

/**
 * `const body = await res.json()` (a response's body), `const { data } = await axios.get(url)`,
 * `const data = (await axios.get(url)).data`: the name holds a whole body.
 */
export function jsHoldsBody(scopeText: string, name: string): boolean {
  const esc = escape(name);
  for (const m of scopeText.matchAll(new RegExp(`\\b(?:const|let|var)\\s+\\{([^}]*)\\}\\s*=\\s*([^;\\n]+)`, 'g'))) {
    const fields = m[1].split(',').map((f) => f.trim());
    if (fields.some((f) => new RegExp(`^(?:data|body)(?:\\s*:\\s*${esc})?$`).test(f) && (f === name || f.endsWith(name))) && JS_HTTP_CALL.test(m[2].trim())) return true;
  }
  for (const m of scopeText.matchAll(new RegExp(`(?:\\b(?:const|let|var)\\s+|[;{}\\n]\\s*)${esc}\\s*(?::[^=;\\n]*)?=(?!=)\\s*([^;\\n]+)`, 'g'))) {
    const rhs = m[1].trim().replace(/^await\s+/, '');
    const access = /^([\w$.]+?)\.(?:json|text)\(\)\s*$/.exec(rhs) ?? /^([\w$.]+?)\.(?:data|body)\s*$/.exec(rhs);
    if (access && jsHoldsResponse(scopeText, access[1])) return true;
    if (/^\(\s*await\s+/.test(rhs) && /\)\s*\.(?:data|body)\s*$/.test(rhs) && JS_HTTP_CALL.test(rhs.replace(/^\(\s*/, ''))) return true;
  }
  return false;
}

function escape(name: string): string {
  return name.replace(/[.$]/g, '\\$&');
}

/** An explicit debug or verbose option (`if self.debug:`, `if (this.options.verbose)`): the user asked for the dump. */
export const DEBUG_FLAG_CONDITION = /\b(?:self|this|options|opts|cfg|config|settings)\.\w*(?:debug|verbose|trace)\w*\b|^\s*\(?\s*(?:debug|verbose)\s*\)?\s*$/i;

/** `r` / `resp` / `data` named by how they were obtained in the enclosing function (see httpResponses.ts). */
/** A scope that sends a request at all: without one, no name in it holds a response (the common case, one regex). */
const PY_SENDS = /\.(?:get|post|put|patch|delete|head|options|request|send)\s*\(|urlopen\s*\(/;
const JS_SENDS = /\b(?:fetch|axios|got|ky|undici|superagent|needle)\b|\.(?:get|post|put|patch|delete|request|fetch)\s*\(/;

/**
 * Lazy and memoized: nothing is sliced or scanned until a value asks, the "does this function
 * send a request at all" regex runs once per function, and each name is looked up once per call.
 */
function origins(scope: () => string, sends: () => boolean, holdsResponse: (s: string, n: string) => boolean, holdsBody: (s: string, n: string) => boolean): Origins {
  const responses = new Map<string, boolean>();
  const bodies = new Map<string, boolean>();
  let text: string | undefined;
  const ask = (m: Map<string, boolean>, name: string, f: (s: string, n: string) => boolean) => {
    let hit = m.get(name);
    if (hit === undefined) {
      hit = sends() && (text ??= scope()).includes(name) && f(text, name);
      m.set(name, hit);
    }
    return hit;
  };
  return { response: (name) => ask(responses, name, holdsResponse), body: (name) => ask(bodies, name, holdsBody) };
}

const pySends = new WeakMap<object, Map<number, boolean>>();
const jsSends = new WeakMap<ts.Node, boolean>();

export function pyOrigins(text: string, call: Node): Origins {
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const from = fn ? fn.startIndex : 0;
  const sends = () => {
    const key = call.tree as object;
    let m = pySends.get(key);
    if (!m) pySends.set(key, (m = new Map()));
    let hit = m.get(fn?.id ?? -1);
    if (hit === undefined) m.set(fn?.id ?? -1, (hit = PY_SENDS.test(fn ? text.slice(fn.startIndex, fn.endIndex) : text)));
    return hit;
  };
  return origins(() => text.slice(from, call.startIndex), sends, pyHoldsResponse, pyHoldsBody);
}

export function jsOrigins(sf: ts.SourceFile, call: ts.CallExpression): Origins {
  let fn: ts.Node | undefined = call.parent;
  while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  const scopeNode = fn ?? sf;
  const from = ts.isSourceFile(scopeNode) ? 0 : scopeNode.pos;
  const sends = () => {
    let hit = jsSends.get(scopeNode);
    if (hit === undefined) jsSends.set(scopeNode, (hit = JS_SENDS.test(sf.text.slice(from, scopeNode.end))));
    return hit;
  };
  return origins(() => sf.text.slice(from, call.pos), sends, jsHoldsResponse, jsHoldsBody);
}

/**
 * A dump that is the point: any payload under the client's explicit debug option (`if
 * self.debug:`, `if (this.options.verbose)`). (A failed response's body in the branch that handles
 * the failure still counts: RULES.md and the fixtures list it; see the docs page.)
 */
export function pyExpectedDump(text: string, call: Node): boolean {
  let child: Node = call;
  for (let n = call.parent; n && n.type !== 'function_definition'; child = n, n = n.parent) {
    if (n.type !== 'if_statement' && n.type !== 'elif_clause') continue;
    const cond = n.childForFieldName('condition');
    if (child.type !== 'else_clause' && child.type !== 'elif_clause' && cond && DEBUG_FLAG_CONDITION.test(text.slice(cond.startIndex, cond.endIndex))) return true;
  }
  return false;
}

export function jsExpectedDump(sf: ts.SourceFile, call: ts.CallExpression): boolean {
  let child: ts.Node = call;
  for (let n: ts.Node = call.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isIfStatement(n) && child === n.thenStatement && DEBUG_FLAG_CONDITION.test(n.expression.getText(sf))) return true;
  }
  return false;
}
