/**
 * The exported values of a Python module: every top-level binding (assignments, `def`, `class`)
 * and the names it imports (`from .base import logger` in a package's `__init__.py` re-exports
 * it; `from .base import *` re-exports everything). Each local value goes through the classifiers.
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts } from '../python/facts';
import type { ModuleExports } from './exports';
import type { ExportedSymbol } from './view';

/** One exported value, as a classifier sees it. */
export interface PyExportedValue {
  name: string;
  /** The assigned expression, a `function_definition` or a `class_definition`. */
  node: Node;
  /** The module's facts (imports, logger bindings; project imports resolved when the module has a project view). */
  facts: PyFacts;
}

export type PyExportClassifier = (value: PyExportedValue) => ExportedSymbol | undefined;

/** The module's top-level statements that can bind a name. */
export function pyTopLevel(root: Node): Node[] {
  return root.namedChildren.filter((n): n is Node => !!n);
}

/** What the module (its tree's root) exports, each local value classified by the first classifier that knows it. */
export function pyModuleExports(root: Node, facts: PyFacts, classifiers: readonly PyExportClassifier[]): ModuleExports {
  const out: ModuleExports = { names: {}, stars: [] };
  const put = (name: string, node: Node) => {
    for (const classify of classifiers) {
      const symbol = classify({ name, node, facts });
      if (symbol) { out.names[name] = { symbol }; return; }
    }
    delete out.names[name]; // rebound to something else
  };
  for (const stmt of pyTopLevel(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (!def) continue;
    if (def.type === 'function_definition' || def.type === 'class_definition') {
      const name = def.childForFieldName('name')?.text;
      if (name) put(name, def);
    } else if (def.type === 'expression_statement') {
      const assign = def.firstNamedChild;
      const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
      const right = assign?.childForFieldName('right');
      if (left?.type === 'identifier' && right) put(left.text, right);
    } else if (def.type === 'import_from_statement') {
      const from = def.childForFieldName('module_name')?.text;
      if (!from) continue;
      if (def.namedChildren.some((c) => c?.type === 'wildcard_import')) { out.stars.push(from); continue; }
      for (const item of def.childrenForFieldName('name')) {
        if (item?.type === 'dotted_name' && !item.text.includes('.')) out.names[item.text] = { from, name: item.text };
        else if (item?.type === 'aliased_import') {
          const name = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (name && alias) out.names[alias] = { from, name };
        }
      }
    }
  }
  return out;
}
