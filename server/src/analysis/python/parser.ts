import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let language: Language | undefined;
let loading: Promise<Parser> | undefined;

/** The parser failed on one text (inside WebAssembly, after which it has been replaced), or the text is too deep to give it. */
export class ParserFailure extends Error {
  constructor(message: string, readonly tooDeep = false) { super(message); }
}

/**
 * More indentation levels than this are never given to the parser. tree-sitter-python's scanner saves its indent
 * stack in a 1,024-byte buffer and writes one byte past it once the stack holds about 383 levels and an odd
 * number of string delimiters (an f-string): WebAssembly memory is corrupted, later parses fail at random and a
 * finalizer can take the process down. CPython itself stops at 100 levels.
 */
export const MAX_INDENT_LEVELS = 380;

/** How many indentation levels deep `text` goes, counted as the scanner counts them (tab = 8, form feed resets); blank and comment lines do not count. */
export function indentLevels(text: string): number {
  const stack: number[] = [0];
  let max = 0;
  for (let i = 0; i < text.length; ) {
    let width = 0;
    let j = i;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 32) width++;
      else if (c === 9) width += 8;
      else if (c === 12) width = 0;
      else break;
    }
    const c = text.charCodeAt(j);
    const blank = j >= text.length || c === 10 || c === 13 || c === 35 /* # */;
    if (!blank) {
      while (width < stack[stack.length - 1]) stack.pop();
      if (width > stack[stack.length - 1]) { stack.push(width); if (stack.length - 1 > max) max = stack.length - 1; }
    }
    const nl = text.indexOf('\n', j);
    if (nl < 0) break;
    i = nl + 1;
  }
  return max;
}

/** `WebAssembly.RuntimeError` (not in the ES2022 lib types): a trap inside the parser, e.g. memory access out of bounds. */
const WasmRuntimeError = (globalThis as unknown as { WebAssembly?: { RuntimeError?: new () => Error } }).WebAssembly?.RuntimeError;

/** Whether an error came from inside WebAssembly (the parser failed, not our code). */
export function isParserFailure(error: unknown): error is Error {
  return error instanceof ParserFailure || (!!WasmRuntimeError && error instanceof WasmRuntimeError);
}

/** Finds a wasm file next to the bundle (dist/) or in node_modules (tests, dev). */
function locate(file: string, packageName: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${packageName}/${file}`);
}

function newParser(lang: Language): Parser {
  const p = new Parser();
  p.setLanguage(lang);
  return p;
}

/** Loads the tree-sitter runtime and the Python grammar once; later calls share it. */
export function initPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('web-tree-sitter.wasm', 'web-tree-sitter') });
    language = await Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python'));
    parser = newParser(language);
    return parser;
  })();
  return loading;
}

/** The text as the parser sees it: a BOM is read as a space so offsets stay put. */
export function pythonSource(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/**
 * Parses Python text (incrementally when given the edited previous tree); `initPythonParser` must have finished.
 * A crash inside WebAssembly (500+ levels of indentation make the grammar's scanner read out of bounds) leaves
 * the parser unusable for every later text: it is replaced, and this text fails with `ParserFailure`.
 */
export function parsePython(text: string, previous?: Tree): Tree {
  if (!parser || !language) throw new Error('Python parser used before initPythonParser() finished');
  const source = pythonSource(text);
  if (indentLevels(source) > MAX_INDENT_LEVELS) throw new ParserFailure(`more than ${MAX_INDENT_LEVELS} levels of indentation`, true);
  let tree: Tree | null;
  try {
    tree = parser.parse(source, previous ?? null);
  } catch (error) {
    resetPythonParser();
    throw new ParserFailure((error as Error)?.message ?? String(error));
  }
  if (!tree) throw new ParserFailure('tree-sitter returned no tree');
  return tree;
}

/** Replaces the parser (after a failure inside WebAssembly); the grammar stays loaded. */
export function resetPythonParser(): void {
  if (!language) return;
  const broken = parser;
  parser = newParser(language);
  try { broken?.delete(); } catch { /* its memory may be what broke */ }
}
