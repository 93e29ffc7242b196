/**
 * Preloaded with `node --require` (and imported by unit tests) to make a machine look absurdly loaded: every read of
 * the clock says an hour has passed. Nothing the analyzer finds may change (issue 16: findings must not depend on
 * machine load).
 */
const HOUR_MS = 3_600_000;

/** Makes `performance.now()` and `Date.now()` advance an hour per call; returns a function that restores them. */
export function installSlowClock(): () => void {
  const perf = globalThis.performance;
  const realPerfNow = perf.now.bind(perf);
  const realDateNow = Date.now;
  let calls = 0;
  perf.now = () => realPerfNow() + ++calls * HOUR_MS;
  Date.now = () => realDateNow() + ++calls * HOUR_MS;
  return () => { perf.now = realPerfNow; Date.now = realDateNow; };
}

if (process.env.O11Y_SLOW_CLOCK === '1') installSlowClock();
