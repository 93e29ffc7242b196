/** File roles (project/roles.ts, contentRole.ts): every source of evidence, its precedence, and rules standing down by role. */
import * as assert from 'node:assert/strict';
import { validateSettings } from '../../server/src/analysis/config';
import { decideRoleByPath, pathRole } from '../../server/src/analysis/project/roles';
import { mergeSettings } from '../../server/src/analysis/config';
import type { ProjectView } from '../../server/src/analysis/project/view';
import { initAnalyzer, run, type RunOptions, type TestLang } from '../helpers/analyze';

const roleOf = (code: string, lang: TestLang, options: RunOptions = {}) => run(code, lang, { ...options, only: [] }).role!;

describe('file roles', () => {
  before(() => initAnalyzer());

  describe('paths', () => {
    const cases: [string, string][] = [
      ['tests/test_app.py', 'test'], ['pkg/test_app.py', 'test'], ['src/app.spec.ts', 'test'], ['src/app.test.tsx', 'test'],
      ['integration-tests/orders.ts', 'test'], ['e2e/login.ts', 'test'], ['cypress/support/commands.ts', 'test'], ['playwright/auth.ts', 'test'],
      ['src/__mocks__/db.ts', 'test'], ['benchmarks/utils/runbench.js', 'test'], ['pkg/conftest.py', 'test'],
      ['src/__fixtures__/bad.ts', 'fixture'], ['tests/fixtures/bad.py', 'fixture'], ['test/fixtures/rules/x/invalid.ts', 'fixture'],
      ['src/Button.stories.tsx', 'example'], ['examples/hooks.py', 'example'], ['docs_src/tutorial/main.py', 'example'],
      ['auth/migrations/0011_update.py', 'migration'], ['alembic/versions/1a2b_add.py', 'migration'],
      ['admin/static/admin/js/vendor/select2.js', 'generated'], ['dist/index.js', 'generated'], ['api/orders_pb2.py', 'generated'], ['third_party/lib.py', 'generated'],
      ['scripts/migrate.py', 'script'], ['bin/run.js', 'cli'], ['pkg/cli.py', 'cli'], ['pkg/__main__.py', 'cli'], ['src/cli.ts', 'cli'],
      ['shop/management/commands/import_orders.py', 'cli'], ['web/static/app.js', 'browser'], ['plugins/theme.client.ts', 'browser'],
      ['webpack.config.js', 'build'], ['build/gen_schema.py', 'build'], ['setup.py', 'build'],
      ['src/orders.py', 'service'], ['src/orders/service.ts', 'service'], ['src/tasks.py', 'service'],
    ];
    for (const [file, role] of cases) {
      it(`${file} → ${role}`, () => assert.equal(roleOf('x = 1\n', file.endsWith('.py') ? 'py' : 'ts', { filename: file }).role, role));
    }

    it('says which glob matched', () => {
      assert.deepEqual(pathRole('tests/test_app.py'), { role: 'test', reason: 'path matches **/tests/** (tests)' });
    });

    it('a file outside the project root is matched without its ../ (site-packages/celery/bin)', () => {
      assert.equal(roleOf('print("x")\n', 'py', { filename: '../site-packages/celery/bin/upgrade.py' }).role, 'cli');
    });

    it('an untitled document (no file name) has no path evidence', () => {
      assert.equal(roleOf('print("x")\n', 'py', { filename: '' }).role, 'service');
    });
  });

  describe('settings "roles" override', () => {
    it('a configured glob decides, over the path and the content', () => {
      const settings = { roles: { cli: ['tools/**'], service: ['tests/smoke/**'] } };
      assert.deepEqual(roleOf('print("x")\n', 'py', { filename: 'tools/dump.py', settings }), { role: 'cli', reason: 'configured: "roles": { "cli": [...] } matches tools/dump.py' });
      assert.equal(roleOf('print("x")\n', 'py', { filename: 'tests/smoke/test_up.py', settings }).role, 'service');
      assert.equal(roleOf("import { Command } from 'commander';\n", 'ts', { filename: 'tests/smoke/cli.ts', settings }).role, 'service');
    });

    it('beats the manifests (ProjectView.role)', () => {
      const project: ProjectView = { role: { role: 'cli', reason: 'named by package.json "bin"' }, importedSymbol: () => undefined };
      assert.equal(decideRoleByPath('src/main.ts', mergeSettings({ roles: { service: ['src/**'] } }), project.role)?.role, 'service');
      assert.equal(decideRoleByPath('src/main.ts', mergeSettings(), project.role)?.role, 'cli');
    });

    it('is validated: an unknown role is an error with a did-you-mean, globs must be strings', () => {
      const { clean, problems } = validateSettings({ roles: { clii: ['tools/**'], script: 'x', cli: ['bin/**'] } });
      assert.deepEqual(clean.roles, { cli: ['bin/**'] });
      assert.deepEqual(problems.map((p) => p.path), ['roles.clii', 'roles.script']);
      assert.match(problems[0].message, /unknown role 'clii' \(did you mean 'cli'\?\)/);
      assert.match(validateSettings({ roles: [] }).problems[0].message, /'roles' must map file roles/);
    });
  });

  describe('printAllowed (deprecated)', () => {
    it('a file it matches that nothing else gives a role is a script', () => {
      const r = roleOf('print("x")\n', 'py', { filename: 'tools/dump.py', settings: { printAllowed: ['tools/**'] } });
      assert.equal(r.role, 'script');
      assert.match(r.reason, /deprecated/);
    });

    it('never turns a test into a script (a copied old default keeps tests tests)', () => {
      assert.equal(roleOf('x = 1\n', 'py', { filename: 'tests/test_a.py', settings: { printAllowed: ['**/tests/**'] } }).role, 'test');
    });

    it('defaults to nothing: the roles cover what its old default listed', () => {
      assert.deepEqual(mergeSettings().printAllowed, []);
    });
  });

  describe('content', () => {
    const cases: { name: string; lang: TestLang; code: string; role: string; reason?: RegExp }[] = [
      { name: 'JS imports commander', lang: 'ts', code: "import { Command } from 'commander';\nconsole.log('x');\n", role: 'cli', reason: /imports commander/ },
      { name: 'JS requires yargs', lang: 'js', code: "const yargs = require('yargs');\n", role: 'cli' },
      { name: 'JS imports @oclif/core', lang: 'ts', code: "import { Command } from '@oclif/core';\n", role: 'cli' },
      { name: 'JS imports inquirer', lang: 'ts', code: "import inquirer from 'inquirer';\n", role: 'cli' },
      { name: 'Python imports click', lang: 'py', code: 'import click\n', role: 'cli', reason: /imports click/ },
      { name: 'Python imports typer', lang: 'py', code: 'from typer import Typer\n', role: 'cli' },
      { name: 'Python imports argparse', lang: 'py', code: 'import argparse\n', role: 'cli' },
      { name: 'Python imports docopt', lang: 'py', code: 'from docopt import docopt\n', role: 'cli' },
      { name: 'Python curses app', lang: 'py', code: 'import curses\n', role: 'cli', reason: /curses/ },
      { name: "'use client'", lang: 'tsx', code: "'use client';\nimport { useState } from 'react';\n", role: 'browser', reason: /use client/ },
      { name: 'a React component (tsx importing react)', lang: 'tsx', code: "import React from 'react';\nexport const A = () => <div />;\n", role: 'browser' },
      { name: 'React hooks in a .ts file', lang: 'ts', code: "import { useEffect } from 'react';\n", role: 'browser' },
      { name: 'react-dom', lang: 'ts', code: "import { createRoot } from 'react-dom/client';\n", role: 'browser' },
      { name: 'vue', lang: 'ts', code: "import { createApp } from 'vue';\n", role: 'browser' },
      { name: 'DOM APIs', lang: 'js', code: "document.addEventListener('click', f);\nconsole.warn('x');\n", role: 'browser', reason: /DOM/ },
      { name: 'localStorage', lang: 'js', code: "localStorage.setItem('k', v);\n", role: 'browser' },
      { name: 'a JS module exporting a pino logger as default', lang: 'ts', code: "import pino from 'pino';\nexport default pino();\n", role: 'logger-implementation' },
      { name: 'a JS class wrapping console with level methods', lang: 'ts', code: 'export class AppLogger {\n  info(m: string) { console.log(m); }\n  error(m: string) { console.error(m); }\n}\n', role: 'logger-implementation' },
      { name: 'a JS factory returning a winston logger', lang: 'js', code: "const winston = require('winston');\nfunction createLogger(name) { return winston.createLogger({ defaultMeta: { name } }); }\nmodule.exports = { createLogger };\n", role: 'logger-implementation' },
      { name: 'a Python get_logger factory', lang: 'py', code: 'import structlog\ndef get_logger(name):\n    return structlog.get_logger(name)\n', role: 'logger-implementation' },
      { name: 'a Python logging.Handler subclass', lang: 'py', code: 'import logging, sys\nclass ConsoleHandler(logging.StreamHandler):\n    def emit(self, record):\n        sys.stderr.write(self.format(record))\n', role: 'logger-implementation' },
      { name: 'JS bootstrap: env validation that exits', lang: 'ts', code: "const port = process.env.PORT;\nif (!port) {\n  console.error('PORT is required');\n  process.exit(1);\n}\nexport const config = { port };\n", role: 'script', reason: /bootstrap/ },
      { name: 'Python bootstrap: config check that exits', lang: 'py', code: 'import os, sys\nif "DATABASE_URL" not in os.environ:\n    print("DATABASE_URL is not set", file=sys.stderr)\n    sys.exit(2)\n', role: 'script', reason: /bootstrap/ },
      { name: 'generated header', lang: 'ts', code: '// Code generated by protoc-gen-ts. DO NOT EDIT.\nexport const x = 1;\n', role: 'generated' },
      { name: 'Python generated header', lang: 'py', code: '# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\nx = 1\n', role: 'generated' },
      { name: 'JS shebang', lang: 'js', code: '#!/usr/bin/env node\nconsole.log("x");\n', role: 'script' },
      { name: 'top-level process.argv', lang: 'js', code: "const v = process.argv[2];\nif (v) console.log('Syncing', v);\n", role: 'cli' },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.role}`, () => {
        const r = roleOf(c.code, c.lang);
        assert.equal(r.role, c.role, r.reason);
        if (c.reason) assert.match(r.reason, c.reason);
      });
    }

    const service: { name: string; lang: TestLang; code: string; filename?: string }[] = [
      { name: 'a tsx component without a UI framework import', lang: 'tsx', code: 'export const A = () => { console.log("render"); return <div />; };\n' },
      { name: 'a module that creates a logger and does not export it', lang: 'ts', code: "import pino from 'pino';\nconst logger = pino();\nexport function f() { logger.info('x'); }\n" },
      { name: 'a Python module with the usual module logger', lang: 'py', code: 'import logging\nlogger = logging.getLogger(__name__)\ndef f():\n    logger.info("x")\n' },
      { name: 'console output besides the exit branch is not bootstrap', lang: 'ts', code: "if (!process.env.PORT) { console.error('PORT'); process.exit(1); }\nconsole.log('listening');\n" },
      { name: 'process.argv read inside a function', lang: 'js', code: "function flags() { return process.argv.slice(2); }\nconsole.log('x');\n" },
      { name: 'a header that only mentions generating', lang: 'py', code: '# Helpers that generate invoice numbers.\nx = 1\n' },
    ];
    for (const c of service) it(`${c.name} → service`, () => assert.equal(roleOf(c.code, c.lang, { filename: c.filename }).role, 'service'));

    it('a logger module named so exports its logger: logger-implementation; the same code elsewhere is service', () => {
      const code = "import pino from 'pino';\nexport const logger = pino();\n";
      assert.equal(roleOf(code, 'ts', { filename: 'src/logger.ts' }).role, 'logger-implementation');
      assert.equal(roleOf(code, 'ts', { filename: 'src/log/index.ts' }).role, 'logger-implementation');
      assert.equal(roleOf('import structlog\nlog = structlog.get_logger()\n', 'py', { filename: 'app/log.py' }).role, 'logger-implementation');
      assert.equal(roleOf(code, 'ts', { filename: 'src/db.ts' }).role, 'service');
    });

    it('path evidence comes before content: a test that imports commander is a test', () => {
      assert.equal(roleOf("import { Command } from 'commander';\n", 'ts', { filename: 'src/cli.test.ts' }).role, 'test');
    });
  });

  describe('rules stand down by role', () => {
    const findingsOf = (code: string, lang: TestLang, filename: string) => [...new Set(run(code, lang, { filename }).findings.map((f) => f.rule))].sort();

    it('no-print-logging: service only (not in a logger implementation, a CLI, a browser file)', () => {
      assert.deepEqual(findingsOf('print("x")\n', 'py', 'src/app.py'), ['no-print-logging']);
      assert.deepEqual(findingsOf('export class AppLogger {\n  info(m: string) { console.log(m); }\n  warn(m: string) { console.warn(m); }\n}\n', 'ts', 'src/appLogger.ts'), []);
      assert.deepEqual(findingsOf("import { program } from 'commander';\nconsole.log('done');\n", 'ts', 'src/tool.ts'), []);
    });

    it('swallowed-exception and the span rules do not apply to tests', () => {
      const py = 'from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\ndef f():\n    span = tracer.start_span("x")\n    try:\n        g()\n    except Exception:\n        pass\n';
      assert.ok(findingsOf(py, 'py', 'src/app.py').includes('swallowed-exception'));
      assert.ok(findingsOf(py, 'py', 'src/app.py').includes('span-not-ended'));
      assert.deepEqual(findingsOf(py, 'py', 'tests/test_app.py').filter((r) => r === 'swallowed-exception' || r.startsWith('span-')), []);
    });

    it('generated and fixture files get no code rule', () => {
      const code = 'import logging\nlogger = logging.getLogger(__name__)\nlogger.info(f"user {uid}")\nprint("x")\n';
      assert.ok(findingsOf(code, 'py', 'src/app.py').length >= 2);
      assert.deepEqual(findingsOf(code, 'py', 'src/gen/orders_pb2.py'), []);
      assert.deepEqual(findingsOf(code, 'py', 'tests/fixtures/bad.py'), []);
    });

    it('YAML rules apply whatever the role', () => {
      const yaml = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n';
      assert.ok(run(yaml, 'yaml', { filename: 'tests/fixtures/alerts.yaml' }).findings.some((f) => f.rule === 'alert-missing-for'));
    });
  });
});
