// What a test may need from the environment that scripts/test sets up, and what to do without it.
import assert from 'node:assert/strict';

/** True when CI=true: CI (`.ci/run`) starts every service, so nothing may be missing there. */
export function inCi() {
  return process.env.CI === 'true';
}

/**
 * Ends test `t` because the environment lacks `what`: a skip on a developer's machine, a failure
 * when CI=true, so CI never reports green over a test that did not run. Call it, then return:
 *   if (!process.env.X) { skipUnlessCi(t, 'X not set'); return; }
 */
export function skipUnlessCi(t, what) {
  if (inCi()) {
    assert.fail(`${what}, and CI=true: the test would not run`);
  }
  t.skip(what);
}
