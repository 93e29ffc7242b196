/** Inputs the hardening tests share (issue 16). */

/** `depth` levels of `if` blocks around an f-string: 550 made tree-sitter-python fail with "memory access out of bounds". */
export function deeplyIndentedPython(depth = 550): string {
  let s = '';
  for (let i = 0; i < depth; i++) s += `${' '.repeat(i)}if a:\n`;
  return s + `${' '.repeat(depth)}print(f"{a}")\n`;
}
