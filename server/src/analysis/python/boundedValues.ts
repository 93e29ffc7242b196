/**
 * Values that come from a fixed, small set in Python: they do not vary per request, so putting
 * them in a span name does not grow its cardinality (span-name-cardinality; reusable by any rule
 * that must tell constants from request data).
 *
 * Bounded: literals; UPPER_CASE constants; settings (`settings.x`, `config.x`, `app.config["X"]`,
 * `os.environ[...]` / `os.getenv(...)`); members of an `Enum` defined in the file; code names
 * (`__name__`, `__qualname__`, `__module__`, `type(x).__name__`); the parts OpenTelemetry puts
 * in span names (`method`, `route`, `operation`, `queue_name`… see spanNames.ts); a name whose
 * every assignment in its scope (the function, else the module) is bounded; a loop variable over
 * a literal list, a constant, a setting or an Enum; a parameter annotated `Literal[...]` or with
 * an Enum of the file. Everything else (ids, paths, URLs, user input, parameters) is not.
 *
 * Only asked about the few values interpolated into a span name, so the parent walks and text
 * scans here never run on the hot path of an ordinary file.
 */
import type { Node } from 'web-tree-sitter';
import type { PyContext } from '../rule';
import { lowCardinalityName } from '../spanNames';
import { callArgs, dottedName, isStaticString } from './nodes';

const CONSTANT = /^_*[A-Z][A-Z0-9_]*$/;
const CODE_NAME = /^__(name|qualname|module)__$/;
/** Roots whose attributes are configuration: one value per deployment, not per request. */
const SETTINGS = /^(settings|config|conf|cfg|configuration|app_settings|app_config)$/i;
const ENUM_BASES = /\b(Enum|StrEnum|IntEnum|Flag|IntFlag)\b/;
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
/** Calls that keep a collection's values (`sorted(OPS)`, `enumerate(OPS)`). */
const KEEPS = /^(sorted|reversed|list|tuple|set|frozenset|enumerate|iter)$/;

const ENUMS = new WeakMap<object, Set<string>>();

/** Names of the Enum classes this file defines (`class Op(str, Enum):`), from the text, once per file. */
function enums(ctx: PyContext): Set<string> {
  let set = ENUMS.get(ctx.facts);
  if (!set) {
    set = new Set();
    for (const m of ctx.text.matchAll(/^[ \t]*class[ \t]+(\w+)[ \t]*\(([^)]*)\)/gm)) if (ENUM_BASES.test(m[2])) set.add(m[1]);
    ENUMS.set(ctx.facts, set);
  }
  return set;
}

/** Whether an expression's value comes from a fixed, small set (see the module comment). */
export function pyBounded(expr: Node, ctx: PyContext, depth = 0): boolean {
  if (depth > 8) return false;
  const e = expr.type === 'parenthesized_expression' && expr.namedChildren[0] ? expr.namedChildren[0] : expr;
  switch (e.type) {
    case 'integer': case 'float': case 'true': case 'false': case 'none': return true;
    case 'string': case 'concatenated_string': return isStaticString(e);
    case 'conditional_expression': return e.namedChildren.filter((c, i): c is Node => !!c && i !== 1).every((c) => pyBounded(c, ctx, depth + 1));
    case 'identifier': return boundedName(e, ctx, depth);
    case 'attribute': return boundedAttribute(e, ctx, depth);
    case 'subscript': return settingsRooted(dottedName(e.childForFieldName('value')));
    case 'call': return boundedCall(e, ctx);
    default: return false;
  }
}

function boundedAttribute(e: Node, ctx: PyContext, depth: number): boolean {
  const attr = e.childForFieldName('attribute')?.text ?? '';
  if (CODE_NAME.test(attr)) return true; // type(self).__name__, func.__qualname__
  const name = dottedName(e);
  if (!name) return false;
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  if (CONSTANT.test(last) || lowCardinalityName(last) || settingsRooted(name)) return true;
  // Op.read, Op.read.value / .name of an Enum defined here.
  const owner = last === 'value' || last === 'name' ? parts[parts.length - 3] : parts[parts.length - 2];
  if (owner && enums(ctx).has(owner)) return true;
  // `op.value` of a bounded `op` (a loop over an Enum).
  const obj = e.childForFieldName('object');
  return (last === 'value' || last === 'name') && !!obj && pyBounded(obj, ctx, depth + 1);
}

/** `settings.x`, `self.config.x`, `django.conf.settings.X`, `os.environ` … */
function settingsRooted(name: string | undefined): boolean {
  if (!name) return false;
  const parts = name.split('.');
  if (parts[0] === 'os' && parts[1] === 'environ') return true;
  const first = parts[0] === 'self' || parts[0] === 'cls' ? 1 : 0;
  return parts.slice(first, -1).some((p) => SETTINGS.test(p));
}

function boundedCall(e: Node, ctx: PyContext): boolean {
  const fn = dottedName(e.childForFieldName('function'));
  if (!fn) return false;
  // os.getenv("SERVICE"), os.environ.get("SERVICE"), settings.get("x")
  if (/^os\.(getenv|environ\.get)$/.test(fn) || /\.get$/.test(fn) && settingsRooted(`${fn}.x`)) return true;
  // str(Op.READ), Op.READ.value.upper()
  const args = callArgs(e).positional;
  if (/^(str|repr)$/.test(fn) && args.length === 1) return pyBounded(args[0], ctx, 1);
  return false;
}

/** A plain name: its loop, its parameter's annotation, or every assignment to it in its scope. */
function boundedName(id: Node, ctx: PyContext, depth: number): boolean {
  const name = id.text;
  if (CONSTANT.test(name) || CODE_NAME.test(name) || lowCardinalityName(name)) return true;
  let scope: Node | undefined;
  for (let p = id.parent; p; p = p.parent) {
    if (p.type === 'for_statement' && binds(p.childForFieldName('left'), name)) {
      const body = p.childForFieldName('body');
      if (body && body.startIndex <= id.startIndex && id.endIndex <= body.endIndex) {
        const iter = p.childForFieldName('right');
        return !!iter && boundedCollection(iter, ctx, depth + 1);
      }
    }
    if (SCOPES.has(p.type)) { scope = p; break; }
  }
  if (scope?.type === 'lambda' || scope?.type === 'class_definition') return false;
  if (scope) {
    const param = parameter(scope, name);
    if (param) return boundedAnnotation(param.childForFieldName('type'), ctx);
  }
  const root = ctx.tree.rootNode;
  const local = assignedBounded(name, scope ?? root, ctx, depth);
  // Not assigned in the function: a module-level name.
  return local === 'none' && scope ? assignedBounded(name, root, ctx, depth) === 'yes' : local === 'yes';
}

/** A `for` target that binds the name (`op`, `name, handler`, `(i, op)`). */
function binds(target: Node | null, name: string): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return target.text === name;
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') return target.namedChildren.some((c) => binds(c, name));
  return false;
}

/** The parameter node of a `def` that declares this name, if any. */
function parameter(fn: Node, name: string): Node | undefined {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
    if (id?.text === name) return p;
  }
  return undefined;
}

/** `Literal["read", "write"]`, an Enum of this file (`op: Operation`). */
function boundedAnnotation(type: Node | null, ctx: PyContext): boolean {
  if (!type) return false;
  const text = type.text.replace(/\s+/g, '');
  if (/^(typing\.|t\.)?Literal\[/.test(text)) return true;
  return enums(ctx).has(text);
}

/** Whether every assignment to the name directly in the scope (not in nested functions) has a bounded value; `none` when there is none. */
function assignedBounded(name: string, scope: Node, ctx: PyContext, depth: number): 'yes' | 'no' | 'none' {
  const { text } = ctx;
  const end = Math.min(scope.endIndex, text.length);
  const re = new RegExp(`(?<![\\w.])${name}\\b\\s*(?::[^=\\n]*)?(=(?!=)|[-+*/%|&^@]=|\\bin\\b)`, 'g');
  re.lastIndex = scope.startIndex;
  let seen = 0;
  const root = ctx.tree.rootNode;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const at = root.descendantForIndex(m.index, m.index + name.length);
    if (at?.type !== 'identifier' || at.text !== name) continue;
    const holder = at.parent;
    if (!holder) return 'no';
    if (holder.type === 'keyword_argument' || holder.type === 'default_parameter' || holder.type === 'typed_default_parameter' || holder.type === 'comparison_operator') continue;
    if (m[1] !== '=' && !m[1].startsWith('in')) return 'no'; // `x += ...`
    if (innerScope(at, scope)) continue;
    if (holder.type === 'assignment' && holder.childForFieldName('left')?.id === at.id) {
      const right = holder.childForFieldName('right');
      if (!right || !pyBounded(right, ctx, depth + 1)) return 'no';
      seen++;
    } else if (m[1].startsWith('in') && holder.type === 'for_statement') {
      const iter = holder.childForFieldName('right');
      if (!iter || !boundedCollection(iter, ctx, depth + 1)) return 'no';
      seen++;
    } else if (holder.type === 'pattern_list' || holder.type === 'tuple_pattern') return 'no';
  }
  return seen > 0 ? 'yes' : 'none';
}

/** Whether the node sits in a function or class nested inside the scope. */
function innerScope(node: Node, scope: Node): boolean {
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) if (SCOPES.has(p.type)) return true;
  return false;
}

/** A collection whose items are bounded: a literal, a constant, a setting, an Enum, a name bound to one of those. */
export function pyBoundedCollection(expr: Node, ctx: PyContext): boolean {
  return boundedCollection(expr, ctx, 0);
}

function boundedCollection(expr: Node, ctx: PyContext, depth: number): boolean {
  if (depth > 8) return false;
  const e = expr.type === 'parenthesized_expression' && expr.namedChildren[0] ? expr.namedChildren[0] : expr;
  if (e.type === 'list' || e.type === 'tuple' || e.type === 'set') return e.namedChildren.every((c) => !c || c.type === 'comment' || pyBounded(c, ctx, depth + 1) || boundedCollection(c, ctx, depth + 1));
  if (e.type === 'dictionary') return true; // keys of a literal dict are written in the code
  if (e.type === 'attribute' || e.type === 'subscript') {
    const name = e.type === 'attribute' ? dottedName(e) : dottedName(e.childForFieldName('value'));
    const last = name?.slice(name.lastIndexOf('.') + 1) ?? '';
    return settingsRooted(name) || CONSTANT.test(last) || (e.type === 'attribute' && enums(ctx).has(last));
  }
  if (e.type === 'identifier') {
    if (CONSTANT.test(e.text) || enums(ctx).has(e.text)) return true;
    let scope: Node | undefined;
    for (let p = e.parent; p; p = p.parent) if (SCOPES.has(p.type)) { scope = p; break; }
    if (scope && parameter(scope, e.text)) return false;
    const root = ctx.tree.rootNode;
    const local = assignedCollection(e.text, scope ?? root, ctx, depth);
    return local === 'none' && scope ? assignedCollection(e.text, root, ctx, depth) === 'yes' : local === 'yes';
  }
  if (e.type === 'call') {
    const fnNode = e.childForFieldName('function');
    const fn = dottedName(fnNode);
    const args = callArgs(e).positional;
    if (fn && KEEPS.test(fn) && args[0]) return boundedCollection(args[0], ctx, depth + 1);
    if (fn === 'range') return args.length > 0 && args.every((a) => a.type === 'integer');
    // OPS.items() / .keys() / .values()
    if (fnNode?.type === 'attribute' && /^(items|keys|values)$/.test(fnNode.childForFieldName('attribute')?.text ?? '')) {
      const obj = fnNode.childForFieldName('object');
      return !!obj && boundedCollection(obj, ctx, depth + 1);
    }
  }
  return false;
}

/** Every assignment to the name in the scope is a bounded collection (`OPS = ["a", "b"]`), and there is one. */
function assignedCollection(name: string, scope: Node, ctx: PyContext, depth: number): 'yes' | 'no' | 'none' {
  const { text } = ctx;
  const end = Math.min(scope.endIndex, text.length);
  const re = new RegExp(`(?<![\\w.])${name}\\s*(?::[^=\\n]*)?(=(?!=)|[-+*/|&]=)`, 'g');
  re.lastIndex = scope.startIndex;
  let seen = 0;
  const root = ctx.tree.rootNode;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const at = root.descendantForIndex(m.index, m.index + name.length);
    const holder = at?.parent;
    if (at?.type !== 'identifier' || !holder || holder.type === 'keyword_argument' || holder.type === 'default_parameter' || holder.type === 'typed_default_parameter') continue;
    if (innerScope(at, scope)) continue;
    if (m[1] !== '=' || holder.type !== 'assignment' || holder.childForFieldName('left')?.id !== at.id) return 'no';
    const right = holder.childForFieldName('right');
    if (!right || !boundedCollection(right, ctx, depth + 1)) return 'no';
    seen++;
  }
  // A collection changed in place (`OPS.append(x)`) is not fixed.
  if (new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(append|extend|add|update|insert)\\s*\\(`).test(text)) return 'no';
  return seen > 0 ? 'yes' : 'none';
}
