import assert from "node:assert/strict";
import { holmAdjust, intervalPValue, studentTQuantile } from "../../../src/core/stats/mod.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("holmAdjust() multiplies the i-th smallest p by m - i + 1 and keeps the order monotone", () => {
  // sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 -> max(0.06, 0.04)
  const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
  const want = [0.03, 0.06, 0.06, 0.02];
  adj.forEach((p, i) => assert.ok(Math.abs(p - want[i]) < 1e-12, `${i}: ${p}`));
  assert.deepEqual(holmAdjust([0.5, 0.9]), [1, 1]); // 0.5 x 2 = 1, then max(1, 0.9)
  const withNaN = holmAdjust([0.01, NaN, 0.02]);
  assert.ok(Number.isNaN(withNaN[1]));
  assert.ok(Math.abs(withNaN[0] - 0.02) < 1e-12 && Math.abs(withNaN[2] - 0.02) < 1e-12);
  assert.throws(() => holmAdjust([1.5]), RangeError);
});

Deno.test("Holm keeps the family-wise error rate at most alpha over 10 true null hypotheses", () => {
  const rng = new Rng(7, "holm");
  const trials = 4000;
  let anyRejected = 0;
  let anyRejectedRaw = 0;
  for (let t = 0; t < trials; t++) {
    const p = Array.from({ length: 10 }, () => rng.uniform());
    if (holmAdjust(p).some((x) => x < 0.05)) anyRejected++;
    if (p.some((x) => x < 0.05)) anyRejectedRaw++;
  }
  // Unadjusted: 1 - 0.95^10 = 0.40; Holm on independent nulls: about 1 - 0.995^10 = 0.049.
  const fwer = anyRejected / trials;
  assert.ok(fwer > 0.035 && fwer < 0.06, `Holm FWER ${fwer}`);
  assert.ok(anyRejectedRaw / trials > 0.35, `raw ${anyRejectedRaw / trials}`);
});

Deno.test("intervalPValue() is 0.05 for a 95 % t-interval that touches zero, and NaN without an interval", () => {
  const se = 0.3;
  for (const df of [2, 4, 30]) {
    const q = studentTQuantile(0.975, df);
    const est = q * se;
    const p = intervalPValue({ estimate: est, ciLow: 0, ciHigh: 2 * est, df });
    assert.ok(Math.abs(p - 0.05) < 1e-6, `df ${df}: ${p}`);
    // Twice as far from zero: smaller; at zero: 1.
    assert.ok(intervalPValue({ estimate: 2 * est, ciLow: est, ciHigh: 3 * est, df }) < 0.05);
    assert.ok(Math.abs(intervalPValue({ estimate: 0, ciLow: -est, ciHigh: est, df }) - 1) < 1e-9);
  }
  assert.ok(Number.isNaN(intervalPValue({ estimate: 1, ciLow: NaN, ciHigh: NaN, df: NaN })));
  assert.equal(intervalPValue({ estimate: 0.2, ciLow: 0.2, ciHigh: 0.2, df: 3 }), 0);
});
