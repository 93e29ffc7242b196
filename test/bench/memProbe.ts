/**
 * Preloaded into the language server by the benchmark (`node -r`): on SIGUSR2 it runs a full GC and
 * writes process.memoryUsage() to $O11Y_BENCH_MEM. Never part of the product.
 */
import * as fs from 'node:fs';

process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const file = process.env.O11Y_BENCH_MEM;
  if (file) fs.writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
  if (file) fs.renameSync(`${file}.tmp`, file);
});
