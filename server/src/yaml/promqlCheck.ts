/**
 * The checks Prometheus' parser runs after the grammar (`checkAST` in promql/parser/parse.go):
 * argument types and counts, binary-operator rules, empty selectors, ranges. A port of the
 * `Parser` class of `@prometheus-io/codemirror-promql` (the Prometheus project's own port),
 * reusing its editor-free modules: the function table, `getType`, label matchers and vector
 * matching. Its `Parser` itself cannot be loaded here: `parser/parser.js` imports
 * `@codemirror/language` for `syntaxTree(EditorState)`, which would pull an editor into the core.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { buildLabelMatchers as BuildLabelMatchers } from '@prometheus-io/codemirror-promql/dist/cjs/parser/matcher';
import { parseDuration } from './duration';

// The packages are typed for ESM but ship CommonJS builds, which is what `require` loads.
/* eslint-disable @typescript-eslint/no-require-imports */
type Lezer = typeof import('@prometheus-io/lezer-promql', { with: { 'resolution-mode': 'import' } });
const L = require('@prometheus-io/lezer-promql') as Lezer;
const { getFunction, ValueType, Matcher, VectorMatchCardinality } = require('@prometheus-io/codemirror-promql/dist/cjs/types') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/types');
const { getType } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/type') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser/type');
const { buildLabelMatchers } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/matcher') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser/matcher');
const { buildVectorMatching } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/vector') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser/vector');
const { containsAtLeastOneChild, containsChild } = require('@prometheus-io/codemirror-promql/dist/cjs/parser/path-finder') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser/path-finder');
/* eslint-enable @typescript-eslint/no-require-imports */

type ValueType = (typeof ValueType)[keyof typeof ValueType];
/** The only part of an EditorState the helper modules read. */
type SourceText = Parameters<typeof BuildLabelMatchers>[1];

/** What Prometheus rejects, as a message id of promql-syntax and its parameters. */
export interface PromqlProblem { from: number; to: number; code: string; params: Record<string, string | number> }

/** Prometheus' names for value types (`DocumentedType`). */
const TYPE_NAMES: Record<string, string> = { vector: 'instant vector', matrix: 'range vector', scalar: 'scalar', string: 'string', none: 'nothing' };

/** Semantic problems of a query that parsed without syntax errors (Prometheus type-checks only then). */
export function checkPromql(tree: Tree, query: string): PromqlProblem[] {
  const problems: PromqlProblem[] = [];
  const state = { sliceDoc: (from: number, to: number) => query.slice(from, to) } as unknown as SourceText;
  const add = (node: SyntaxNode, code: string, params: Record<string, string | number> = {}) => problems.push({ from: node.from, to: node.to, code, params });
  const typeName = (t: ValueType) => TYPE_NAMES[t] ?? t;

  const expectType = (node: SyntaxNode, want: ValueType, context: string) => {
    const got = check(node);
    if (got !== want) add(node, 'type', { want: typeName(want), context, got: typeName(got) });
  };

  function check(node: SyntaxNode | null): ValueType {
    if (!node) return ValueType.none;
    switch (node.type.id) {
      case L.AggregateExpr: aggregation(node); break;
      case L.BinaryExpr: binary(node); break;
      case L.FunctionCall: call(node); break;
      case L.ParenExpr: check(node.getChild('Expr')); break;
      case L.UnaryExpr: {
        const t = check(node.getChild('Expr'));
        if (t !== ValueType.scalar && t !== ValueType.vector) add(node, 'unary', { got: typeName(t) });
        break;
      }
      case L.SubqueryExpr: {
        const t = check(node.getChild('Expr'));
        if (t !== ValueType.vector) add(node, 'subquery', { got: typeName(t) });
        durations(node);
        break;
      }
      case L.OffsetExpr: check(node.getChild('Expr')); break;
      case L.MatrixSelector: {
        const inner = node.getChild('Expr');
        check(inner);
        if (inner && inner.type.id !== L.VectorSelector) add(node, 'range');
        durations(node);
        break;
      }
      case L.VectorSelector: selector(node); break;
      case L.StepInvariantExpr: {
        const t = check(node.getChild('Expr'));
        if (t !== ValueType.vector && t !== ValueType.matrix) add(node, 'at');
        break;
      }
    }
    return getType(node);
  }

  function aggregation(node: SyntaxNode): void {
    const op = node.firstChild?.firstChild;
    const params = node.getChild(L.FunctionCallBody)?.getChildren('Expr') ?? [];
    if (!op || !params.length) { add(node, 'aggregationArgs'); return; }
    const withParam = [L.Topk, L.Bottomk, L.LimitK, L.LimitRatio, L.Quantile, L.CountValues].includes(op.type.id);
    if (params.length !== (withParam ? 2 : 1)) { add(node, 'aggregationCount', { expected: withParam ? 2 : 1, got: params.length }); return; }
    expectType(params[params.length - 1], ValueType.vector, 'aggregation expression');
    if (op.type.id === L.CountValues) expectType(params[0], ValueType.string, 'aggregation parameter');
    else if (withParam) expectType(params[0], ValueType.scalar, 'aggregation parameter');
  }

  function binary(node: SyntaxNode): void {
    const lhs = node.firstChild;
    const rhs = node.lastChild;
    if (!lhs || !rhs) return;
    const lt = check(lhs);
    const rt = check(rhs);
    const comparison = containsAtLeastOneChild(node, L.Eql, L.Neq, L.Lte, L.Lss, L.Gte, L.Gtr);
    const set = containsAtLeastOneChild(node, L.And, L.Or, L.Unless);
    if (node.getChild(L.BoolModifier)) {
      if (!comparison) add(node, 'boolModifier');
    } else if (lt === ValueType.scalar && rt === ValueType.scalar) {
      if (comparison) add(node, 'scalarComparison');
      else if (containsChild(node, L.TrimLower) || containsChild(node, L.TrimUpper)) add(node, 'scalarTrim');
    }
    const matching = buildVectorMatching(state, node);
    if (matching?.on) for (const l of matching.matchingLabels) if (matching.include.includes(l)) add(node, 'onAndGroup', { label: l });
    if (lt !== ValueType.scalar && lt !== ValueType.vector) add(lhs, 'binaryOperand');
    if (rt !== ValueType.scalar && rt !== ValueType.vector) add(rhs, 'binaryOperand');
    if (lt !== ValueType.vector || rt !== ValueType.vector) {
      if (matching && matching.matchingLabels.length > 0) add(node, 'vectorMatching');
    } else if (set && matching) {
      if (matching.card === VectorMatchCardinality.CardOneToMany || matching.card === VectorMatchCardinality.CardManyToOne) add(node, 'setGrouping');
      else if (matching.card !== VectorMatchCardinality.CardManyToMany) add(node, 'setCardinality');
    }
    if ((lt === ValueType.scalar || rt === ValueType.scalar) && set) add(node, 'setScalar', { op: setOperator(node) });
  }

  function setOperator(node: SyntaxNode): string {
    for (let c = node.firstChild; c; c = c.nextSibling) if ([L.And, L.Or, L.Unless].includes(c.type.id)) return query.slice(c.from, c.to);
    return 'and';
  }

  function call(node: SyntaxNode): void {
    const id = node.firstChild?.firstChild;
    if (!id) return;
    const fn = getFunction(id.type.id) as ReturnType<typeof getFunction> | undefined;
    if (!fn) return; // a function the table does not know yet: the grammar accepted it, so does this check
    const args = node.getChild(L.FunctionCallBody)?.getChildren('Expr') ?? [];
    const n = fn.argTypes.length;
    if (fn.variadic === 0) {
      if (args.length !== n) add(node, 'argCount', { fn: fn.name, expected: n, got: args.length });
    } else if (n - 1 > args.length) {
      add(node, 'argCount', { fn: fn.name, expected: `at least ${n - 1}`, got: args.length });
    } else if (fn.variadic > 0 && n - 1 + fn.variadic < args.length) {
      add(node, 'argCount', { fn: fn.name, expected: `at most ${n - 1 + fn.variadic}`, got: args.length });
    }
    args.forEach((arg, i) => {
      if (i >= n && fn.variadic === 0) return;
      // `info`'s second argument selects data labels: an all-empty matcher is allowed there.
      if (fn.name === 'info' && i === 1 && arg.type.id === L.VectorSelector) {
        if (arg.getChild(L.Identifier)) add(arg, 'infoSelector');
        return;
      }
      expectType(arg, fn.argTypes[Math.min(i, n - 1)], `call to function "${fn.name}"`);
    });
  }

  function selector(node: SyntaxNode): void {
    const list = node.getChild(L.LabelMatchers);
    const matchers = [L.QuotedLabelName, L.QuotedLabelMatcher, L.UnquotedLabelMatcher].flatMap((t) => buildLabelMatchers(list ? list.getChildren(t) : [], state));
    const name = node.getChild(L.Identifier);
    const names = matchers.filter((m) => m.name === '__name__');
    if (name && names.length) add(node, 'nameTwice', { a: query.slice(name.from, name.to), b: names[0].value });
    else if (!name && names.length > 1) add(node, 'nameTwice', { a: names[0].value, b: names[1].value });
    if (name) matchers.push(new Matcher(L.EqlSingle, '__name__', query.slice(name.from, name.to)));
    if (matchers.every((m) => m.matchesEmpty())) add(node, 'emptySelector');
  }

  /** A range or subquery window of zero (`[0m]`, `[5m:0s]`): Prometheus wants it greater than 0. */
  function durations(node: SyntaxNode): void {
    for (const d of node.getChildren(L.DurationExpr)) {
      const literal = d.firstChild;
      if (!literal || literal.nextSibling || literal.type.id !== L.NumberDurationLiteralInDurationContext) continue;
      const text = query.slice(literal.from, literal.to);
      const ms = /^[\d.]+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
      if (ms === 0) add(literal, 'zeroDuration', { duration: text });
    }
  }

  check(tree.topNode.firstChild);
  return problems.sort((a, b) => a.from - b.from);
}
