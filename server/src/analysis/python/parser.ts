import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/** Finds a wasm file next to the bundle (dist/) or in node_modules (tests, dev). */
function locate(file: string, packageName: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${packageName}/${file}`);
}

/** Loads the tree-sitter runtime and the Python grammar once; later calls share it. */
export function initPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('web-tree-sitter.wasm', 'web-tree-sitter') });
    const language = await Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

/** The text as the parser sees it: a BOM is read as a space so offsets stay put. */
export function pythonSource(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** Parses Python text (incrementally when given the edited previous tree); `initPythonParser` must have finished. */
export function parsePython(text: string, previous?: Tree): Tree {
  if (!parser) throw new Error('Python parser used before initPythonParser() finished');
  const tree = parser.parse(pythonSource(text), previous ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
