/** The shared insertion helpers of fixes (server/src/analysis/fixes/insert.ts). */
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import { initAnalyzer } from '../helpers/analyze';
import { parsePython } from '../../server/src/analysis/python/parser';
import { FACT_NODE_TYPES, PyFacts } from '../../server/src/analysis/python/facts';
import { JsFacts } from '../../server/src/analysis/js/facts';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { detectEol } from '../../server/src/analysis/text';
import type { JsContext, PyContext } from '../../server/src/analysis/rule';
import type { OffsetEdit } from '../../server/src/analysis/types';
import { indentUnit, jsImportEdit, jsModuleStatementEdit, jsSemi, lineIndentAt, mergeInserts, pyImportEdit, pyModuleAssigns, pyModuleAssignments, pyModuleStatementEdit } from '../../server/src/analysis/fixes/insert';

function pyCtx(text: string): PyContext {
  const tree = parsePython(text);
  const facts = new PyFacts(tree.rootNode.descendantsOfType(FACT_NODE_TYPES).filter((n) => !!n));
  return { text, eol: detectEol(text), tree, facts, settings: DEFAULT_SETTINGS, filename: 'app.py' } as unknown as PyContext;
}

function jsCtx(text: string, filename = 'app.ts'): JsContext {
  const sourceFile = ts.createSourceFile(filename, text, ts.ScriptTarget.Latest, true);
  return { text, eol: detectEol(text), sourceFile, facts: new JsFacts(sourceFile), settings: DEFAULT_SETTINGS, filename } as unknown as JsContext;
}

const apply = (text: string, edits: (OffsetEdit | undefined)[]) =>
  mergeInserts(edits).sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('fixes/insert', () => {
  before(() => initAnalyzer());

  it('indentUnit: tabs, 2 and 4 spaces, default 4', () => {
    assert.equal(indentUnit('def f():\n\tif x:\n\t\treturn 1\n'), '\t');
    assert.equal(indentUnit('function f() {\n  if (x) {\n    return 1;\n  }\n}\n'), '  ');
    assert.equal(indentUnit('def f():\n    return 1\n'), '    ');
    assert.equal(indentUnit('x = 1\n'), '    ');
  });

  it('lineIndentAt', () => {
    const text = 'a\n\t  b = 1\n';
    assert.equal(lineIndentAt(text, text.indexOf('b')), '\t  ');
    assert.equal(lineIndentAt(text, 0), '');
  });

  describe('pyImportEdit', () => {
    const cases: [string, string, string, string][] = [
      ['after the last top-level import', 'import os\nimport sys\n\nx = 1\n', 'import logging', 'import os\nimport sys\nimport logging\n\nx = 1\n'],
      ['after the module docstring', '"""Doc."""\nx = 1\n', 'import os', '"""Doc."""\nimport os\nx = 1\n'],
      ['after shebang and encoding comments', '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n', 'import os', '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nimport os\nx = 1\n'],
      ['after from __future__', 'from __future__ import annotations\nx = 1\n', 'import os', 'from __future__ import annotations\nimport os\nx = 1\n'],
      ['at the top of a file without imports', 'x = 1\n', 'import os', 'import os\n\nx = 1\n'],
      ['CRLF, no final newline', 'import os\r\nx = 1', 'import sys', 'import os\r\nimport sys\r\nx = 1'],
      ['an import inside a function does not count', 'def f():\n    import os\n', 'import os', 'import os\n\ndef f():\n    import os\n'],
    ];
    for (const [name, text, stmt, expected] of cases) it(name, () => assert.equal(apply(text, [pyImportEdit(pyCtx(text), stmt)]), expected));
    it('nothing when already imported (also in `from x import a, b`, also in a top-level try)', () => {
      assert.equal(pyImportEdit(pyCtx('import os\n'), 'import os'), undefined);
      assert.equal(pyImportEdit(pyCtx('from opentelemetry import metrics, trace\n'), 'from opentelemetry import trace'), undefined);
      assert.equal(pyImportEdit(pyCtx('try:\n    import orjson\nexcept ImportError:\n    orjson = None\n'), 'import orjson'), undefined);
      assert.equal(pyImportEdit(pyCtx('import logging.handlers\n'), 'import logging'), undefined);
    });
  });

  it('pyModuleStatementEdit: after the imports and a blank line; nothing when it exists', () => {
    const text = 'import os\n\n\ndef f():\n    pass\n';
    const ctx = pyCtx(text);
    assert.equal(apply(text, [pyImportEdit(ctx, 'import logging'), pyModuleStatementEdit(ctx, 'logger = logging.getLogger(__name__)', false)]),
      'import os\nimport logging\n\nlogger = logging.getLogger(__name__)\n\n\ndef f():\n    pass\n');
    assert.equal(pyModuleStatementEdit(ctx, 'x = 1', true), undefined);
  });

  it('pyModuleAssigns / pyModuleAssignments: module-level bindings only (assignments, defs, decorated defs, classes)', () => {
    const ctx = pyCtx('a = 1\nb = c = 2\ndef f():\n    inner = 1\n@dec\ndef g():\n    pass\nclass K:\n    attr = 1\nif x:\n    guarded = 1\nself.x = 3\n');
    assert.deepEqual(pyModuleAssignments(ctx).map((a) => a.text), ['a = 1', 'b = c = 2', 'self.x = 3']);
    for (const name of ['a', 'b', 'f', 'g', 'K', 'self.x']) assert.equal(pyModuleAssigns(ctx, name), true, name);
    for (const name of ['c', 'inner', 'attr', 'guarded', 'dec']) assert.equal(pyModuleAssigns(ctx, name), false, name);
  });

  describe('jsImportEdit', () => {
    it('ESM: a new import after the last one, in the file quote style and semicolons', () => {
      const text = 'import a from "a"\nconst x = 1\n';
      assert.equal(apply(text, [jsImportEdit(jsCtx(text), { module: 'pino', default: 'pino' })]), 'import a from "a"\nimport pino from "pino"\nconst x = 1\n');
    });
    it('ESM: merges a named import into an existing import from the module', () => {
      const text = "import { trace } from '@opentelemetry/api';\n";
      assert.equal(apply(text, [jsImportEdit(jsCtx(text), { module: '@opentelemetry/api', named: 'SpanStatusCode' })]), "import { trace, SpanStatusCode } from '@opentelemetry/api';\n");
      const withDefault = "import api from '@opentelemetry/api';\n";
      assert.equal(apply(withDefault, [jsImportEdit(jsCtx(withDefault), { module: '@opentelemetry/api', named: 'trace' })]), "import api, { trace } from '@opentelemetry/api';\n");
    });
    it('CommonJS: require, merged into an existing destructuring', () => {
      const text = "'use strict';\nconst { a } = require('m');\n";
      assert.equal(apply(text, [jsImportEdit(jsCtx(text, 'app.js'), { module: 'm', named: 'b' })]), "'use strict';\nconst { a, b } = require('m');\n");
      const bare = "'use strict';\nfoo();\n";
      assert.equal(apply(bare, [jsImportEdit(jsCtx(bare, 'app.js'), { module: 'pino', default: 'pino' })]), "'use strict';\nconst pino = require('pino');\nfoo();\n");
    });
    it('nothing when already imported', () => {
      assert.equal(jsImportEdit(jsCtx("import { trace } from '@opentelemetry/api';\n"), { module: '@opentelemetry/api', named: 'trace' }), undefined);
      assert.equal(jsImportEdit(jsCtx("const pino = require('pino');\n", 'a.js'), { module: 'pino', default: 'pino' }), undefined);
    });
    it('jsModuleStatementEdit after the imports, CRLF kept', () => {
      const text = "import pino from 'pino';\r\nrun();\r\n";
      assert.equal(apply(text, [jsModuleStatementEdit(jsCtx(text), 'const logger = pino();', false)]), "import pino from 'pino';\r\n\r\nconst logger = pino();\r\nrun();\r\n");
    });
  });

  describe('jsSemi: block statements (never ending in `;`) are no evidence either way', () => {
    const cases: [string, string, string][] = [
      ['only a try: the default `;`', 'try {\n  work()\n} catch (e) {\n  handle(e)\n}\n', ';'],
      ['one statement with `;` outweighs try/if/for/while/switch/function/class/enum', "import a from 'a';\ntry {\n  a()\n} finally {\n  b()\n}\nif (x) {\n  y()\n}\nfor (;;) {}\nwhile (x) {}\nswitch (x) {}\nfunction f() {}\nclass C {}\nenum E { A }\n", ';'],
      ['no `;` style still seen next to blocks', "import a from 'a'\nconst b = a()\ntry {\n  b()\n} catch {}\n", ''],
      ['the body of an if/for without braces is evidence', 'if (x) run()\nfor (const y of ys) use(y)\nlabel: while (z) z--\n', ''],
      ['  … with `;` too', 'if (x) run();\nelse stop();\n', ';'],
    ];
    for (const [name, text, expected] of cases) it(name, () => assert.equal(jsSemi(jsCtx(text)), expected));
  });
});
