/** The `name` of the nearest package.json above a file (for `trace.getTracer(...)` in "Wrap in span"); cached per folder. */
import * as path from 'node:path';
import { readRegularFile, SMALL_FILE_MAX_BYTES } from './analysis/readFile';

const cache = new Map<string, string | undefined>();

export function nearestPackageName(filename: string): string | undefined {
  if (!filename) return undefined;
  return lookup(path.dirname(filename));
}

function lookup(dir: string): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  let name: string | undefined;
  try {
    const read = readRegularFile(path.join(dir, 'package.json'), SMALL_FILE_MAX_BYTES);
    if (!read.ok) throw new Error(read.message);
    const json = JSON.parse(read.text) as { name?: unknown };
    name = typeof json.name === 'string' && json.name ? json.name : undefined;
  } catch {
    const parent = path.dirname(dir);
    name = parent !== dir ? lookup(parent) : undefined;
  }
  cache.set(dir, name);
  return name;
}
