/** The `name` of the nearest package.json above a file (for `trace.getTracer(...)` in "Wrap in span"); cached per folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const cache = new Map<string, string | undefined>();

export function nearestPackageName(filename: string): string | undefined {
  if (!filename) return undefined;
  return lookup(path.dirname(filename));
}

function lookup(dir: string): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  let name: string | undefined;
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    name = typeof json.name === 'string' && json.name ? json.name : undefined;
  } catch {
    const parent = path.dirname(dir);
    name = parent !== dir ? lookup(parent) : undefined;
  }
  cache.set(dir, name);
  return name;
}
