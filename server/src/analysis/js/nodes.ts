/** Small helpers over TypeScript AST nodes, shared by the JS/TS side of every rule. */
import ts = require('typescript');

/** `a.b.c` / `this.logger` for identifier and property-access chains, else undefined. */
export function dottedName(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const obj = dottedName(node.expression);
    return obj ? `${obj}.${node.name.text}` : undefined;
  }
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) return dottedName(node.expression);
  return undefined;
}

/** Strips parentheses, `as`, `!` and `satisfies` wrappers. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) {
    n = n.expression;
  }
  return n;
}

export function isStringLiteralLike(node: ts.Node): boolean {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** The node's start offset without leading trivia. */
export function startOf(node: ts.Node, sf: ts.SourceFile): number {
  return node.getStart(sf);
}

/** Whether the node sits inside `if (require.main === module) { ... }`. */
export function insideMainGuard(node: ts.Node): boolean {
  for (let child: ts.Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && p.thenStatement === child && isRequireMainCheck(p.expression)) return true;
  }
  return false;
}

function isRequireMainCheck(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const sides = [dottedName(e.left), dottedName(e.right)];
  return sides.includes('require.main') && sides.includes('module');
}

/** The name of a property key (`a`, `"a"`, `[\"a\"]`), or undefined for computed keys. */
export function propertyKeyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return (name.expression as ts.StringLiteral).text;
  return undefined;
}

/** The operands of a `+` chain (`a + "b" + c` → a, "b", c), through parentheses and casts. Iterative: chains can be long. */
export function plusLeaves(e: ts.Expression): ts.Expression[] {
  const out: ts.Expression[] = [];
  const stack: ts.Expression[] = [e];
  while (stack.length) {
    const u = unwrap(stack.pop()!);
    if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) stack.push(u.right, u.left);
    else out.push(u);
  }
  return out;
}

/** Deeper than this, `preorder` continues with an explicit stack instead of recursion. */
const MAX_RECURSION = 400;

/**
 * Visits `root` and every node below it in document order. Recursion is the fast path; below
 * `MAX_RECURSION` levels a subtree is walked with an explicit stack, so deeply nested code
 * cannot overflow the call stack.
 */
export function preorder(root: ts.Node, visit: (node: ts.Node) => void): void {
  let depth = 0;
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => { children.push(child); };
  const iterate = (node: ts.Node): void => {
    const stack: ts.Node[] = [];
    const pushChildren = (n: ts.Node): void => {
      ts.forEachChild(n, collect);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      children.length = 0;
    };
    pushChildren(node);
    while (stack.length) {
      const n = stack.pop()!;
      visit(n);
      pushChildren(n);
    }
  };
  const recurse = (node: ts.Node): void => {
    visit(node);
    if (depth >= MAX_RECURSION) return iterate(node);
    depth++;
    ts.forEachChild(node, recurse);
    depth--;
  };
  recurse(root);
}
