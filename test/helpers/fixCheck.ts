/**
 * The correctness bar for fixes (issue 4): every fix output parses (Python: tree-sitter
 * without new ERROR/MISSING nodes, and real CPython compiles it; JS/TS: no parse diagnostics),
 * and the fixed finding is gone.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import ts = require('typescript');
import type { Node as PyNode } from 'web-tree-sitter';
import { parsePython } from '../../server/src/analysis/python/parser';
import { LineIndex } from '../../server/src/analysis/text';
import type { Finding, Fix } from '../../server/src/analysis/types';
import type { TestLang } from './analyze';

/** Python sources to compile with CPython, batched per test file (see `compilePython`). */
export interface PySource { name: string; input: string; output: string }

function countBroken(node: PyNode): number {
  let n = node.isMissing || node.type === 'ERROR' ? 1 : 0;
  for (const c of node.children) if (c) n += countBroken(c);
  return n;
}

function tsParseErrors(text: string, lang: TestLang): string[] {
  const kind = lang === 'tsx' ? ts.ScriptKind.TSX : lang === 'js' ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(`x.${lang}`, text, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Asserts that `output` parses at least as well as `input` did. */
export function assertParses(lang: TestLang, input: string, output: string, what: string): void {
  if (lang === 'py') {
    const before = countBroken(parsePython(input).rootNode);
    const after = countBroken(parsePython(output).rootNode);
    assert.ok(after <= before, `${what}: tree-sitter finds ${after - before} new ERROR/MISSING node(s) in:\n${output}`);
  } else if (lang !== 'yaml') {
    if (tsParseErrors(input, lang).length) return;
    assert.deepEqual(tsParseErrors(output, lang), [], `${what}: TypeScript cannot parse:\n${output}`);
  }
}

/** Where `[start, end)` of the input lands in the output of non-overlapping offset edits. */
export function mapRange(start: number, end: number, edits: readonly { start: number; end: number; text: string }[]): [number, number] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const map = (pos: number, isEnd: boolean): number => {
    let delta = 0;
    for (const e of sorted) {
      const grow = e.text.length - (e.end - e.start);
      if (e.start === e.end) {
        if (e.start < pos || (e.start === pos && !isEnd)) delta += grow;
        else break;
      } else if (e.end <= pos) delta += grow;
      else if (e.start < pos) return isEnd ? e.start + delta + e.text.length : e.start + delta;
      else break;
    }
    return pos + delta;
  };
  return [map(start, false), Math.max(map(start, false), map(end, true))];
}

/** Asserts the finding fixed by `fix` is not reported again at its (mapped) place in the output. */
export function assertFindingGone(input: string, output: string, finding: Finding, fix: Fix, after: readonly Finding[], what: string): void {
  const inLines = new LineIndex(input);
  const outLines = new LineIndex(output);
  const edits = fix.edits.map((e) => ({ start: inLines.offsetAt(e.range.start), end: inLines.offsetAt(e.range.end), text: e.newText }));
  const [ms, me] = mapRange(inLines.offsetAt(finding.range.start), inLines.offsetAt(finding.range.end), edits);
  const still = after.filter((f) => {
    if (f.rule !== finding.rule || f.message !== finding.message) return false;
    const s = outLines.offsetAt(f.range.start);
    const e = outLines.offsetAt(f.range.end);
    return s < me && ms < e || s === ms;
  });
  assert.deepEqual(still.map((f) => f.message), [], `${what}: the finding is still reported after the fix:\n${output}`);
}

/** CPython's compiler (what `python3 -m py_compile` runs) over many sources in one process: name → error; undefined without python3. */
export function cpythonErrors(sources: Record<string, string>): Record<string, string> | undefined {
  const script = 'import json,sys\nout={}\nfor name,src in json.load(sys.stdin).items():\n  try: compile(src,name,"exec",dont_inherit=True)\n  except SyntaxError as e: out[name]=f"{e.msg} (line {e.lineno})"\nprint(json.dumps(out))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as Record<string, string>;
}

/** Compiles every output whose input compiles with CPython, in one process; returns the failures. */
export function compilePython(sources: readonly PySource[]): string[] | undefined {
  if (!sources.length) return [];
  const errors = cpythonErrors(Object.fromEntries(sources.flatMap((s, i) => [[`in ${i}`, s.input], [`out ${i}`, s.output]])));
  if (!errors) return undefined;
  return sources.flatMap((s, i) => (!errors[`in ${i}`] && errors[`out ${i}`] ? [`${s.name}: ${errors[`out ${i}`]}\n${s.output}`] : []));
}

let warnedNoPython = false;

/** The `after` hook body: compiles the batch and fails with every output CPython rejects. */
export function assertPythonCompiles(sources: readonly PySource[]): void {
  const bad = compilePython(sources);
  if (bad === undefined) {
    if (!warnedNoPython) process.stdout.write('      (fix outputs not compiled: python3 is not available)\n');
    warnedNoPython = true;
    return;
  }
  assert.deepEqual(bad, [], 'CPython rejects fix output(s)');
}
