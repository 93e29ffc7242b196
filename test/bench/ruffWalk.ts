/**
 * Ruff over a folder, for figure 4. Ruff's native binary is not installable here (offline machine, npm only),
 * so this drives its WebAssembly build (`@astral-sh/ruff-wasm-nodejs`) the way its CLI would: walk the
 * folder, read every .py file, check it with LOG, G, T20, BLE and S110 selected, print the count.
 * Usage: node out/test/bench/ruffWalk.js DIR
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';

function* pythonFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* pythonFiles(abs);
    else if (entry.name.endsWith('.py')) yield abs;
  }
}

const ruff = new Workspace({ lint: { select: ['LOG', 'G', 'T20', 'BLE', 'S110'] } }, PositionEncoding.Utf16);
let files = 0;
let findings = 0;
for (const file of pythonFiles(process.argv[2] ?? '.')) {
  files++;
  const diagnostics = ruff.check(fs.readFileSync(file, 'utf8')) as { code: string | null; message: string; start_location: { row: number; column: number } }[];
  findings += diagnostics.length;
  for (const d of diagnostics) process.stdout.write(`${file}:${d.start_location.row}:${d.start_location.column}: ${d.code} ${d.message}\n`);
}
process.stdout.write(`${findings} findings in ${files} files\n`);
