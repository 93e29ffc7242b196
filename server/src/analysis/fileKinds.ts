/** Kinds of files by path: code that never ships (tests, benchmarks, scripts, examples). */

/**
 * Tests and benchmarks: their loggers are fixtures and their messages placeholders
 * (`log.info("hello world")`), asserted on by the test or written a million times on purpose.
 * `log-event-name`, `log-in-loop`, `hardcoded-log-level` and `logger-config-incomplete` stay
 * silent there. `printAllowed`'s default starts with these and `SCRIPT_GLOBS`.
 */
export const TEST_AND_BENCH_GLOBS: readonly string[] = [
  '**/test/**', '**/tests/**', '**/__tests__/**', '**/testing/**', '**/test_*.py', '**/*_test.py', '**/conftest.py',
  '**/*.test.*', '**/*.test-d.*', '**/*.spec.*', '**/benchmarks/**', '**/benchmark/**', '**/bench/**', '**/*.bench.*',
];

/** Scripts, command-line entry points and examples: their log level is a user-interface choice. */
export const SCRIPT_GLOBS: readonly string[] = [
  '**/scripts/**', '**/cli.py', '**/__main__.py', '**/cli.{js,ts,mjs,cjs}', '**/examples/**', '**/example/**',
];

/** The file is a test, benchmark, script or example (`TEST_AND_BENCH_GLOBS`, `SCRIPT_GLOBS`): its logs never reach production. */
export function notShipped(ctx: { matchesGlobs(globs: readonly string[]): boolean }): boolean {
  return ctx.matchesGlobs(TEST_AND_BENCH_GLOBS) || ctx.matchesGlobs(SCRIPT_GLOBS);
}
