import assert from "node:assert/strict";
import { summarize } from "../../../src/core/stats/mod.ts";

Deno.test("summarize() reports n, mean, std, IQM and the t-interval of the mean", () => {
  const s = summarize([0.9, 0.95, 1.0, 0.97]);
  assert.equal(s.n, 4);
  assert.ok(Math.abs(s.mean - 0.955) < 1e-12);
  assert.ok(Math.abs(s.iqm - 0.96) < 1e-12);
  // t_{0.975,3} = 3.1824; sd = 0.04203.
  const half = 3.182446305284263 * s.std / 2;
  assert.ok(
    Math.abs(s.ciLow - (s.mean - half)) < 1e-12 && Math.abs(s.ciHigh - (s.mean + half)) < 1e-12,
  );
  assert.deepEqual(summarize([0.9, 0.95, 1.0, 0.97]), s);
});

Deno.test("summarize() gives no interval for one value and NaNs for none", () => {
  assert.deepEqual(summarize([0.5]), {
    n: 1,
    mean: 0.5,
    std: NaN,
    iqm: 0.5,
    ciLow: NaN,
    ciHigh: NaN,
  });
  const e = summarize([]);
  assert.equal(e.n, 0);
  assert.ok([e.mean, e.std, e.iqm, e.ciLow, e.ciHigh].every(Number.isNaN));
});
