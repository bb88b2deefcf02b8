import assert from "node:assert/strict";
import { iqm, mean, quantile, std } from "../../../src/core/stats/descriptive.ts";

Deno.test("mean() and std() use the usual and the unbiased (n - 1) conventions", () => {
  assert.equal(mean([1, 2, 3, 4]), 2.5);
  assert.ok(Math.abs(std([2, 4, 4, 4, 5, 5, 7, 9]) - Math.sqrt(32 / 7)) < 1e-15);
  assert.ok(Number.isNaN(mean([])));
  assert.ok(Number.isNaN(std([1])));
});

Deno.test("quantile() interpolates linearly like numpy", () => {
  // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.1, 0.25, 0.5, 0.9]) = [1, 1.75, 3.5, 6.9]
  const x = [3, 1, 4, 1, 5, 9, 2, 6];
  const want = [1, 1.75, 3.5, 6.9];
  [0.1, 0.25, 0.5, 0.9].forEach((q, i) => assert.ok(Math.abs(quantile(x, q) - want[i]) < 1e-12));
  assert.equal(quantile(x, 0), 1);
  assert.equal(quantile(x, 1), 9);
  assert.throws(() => quantile(x, 1.5), RangeError);
});

Deno.test("iqm() is the 25 % trimmed mean of rliable / scipy", () => {
  // scipy.stats.trim_mean(x, 0.25): 6.0 and 5.5 for these.
  assert.equal(iqm([5, 3, 9, 1, 7, 2, 8, 4, 6, 10, 11]), 6);
  assert.equal(iqm([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5.5);
  // Outliers in the outer quartiles do not move it.
  assert.equal(iqm([100, 1, 2, 3, 4, 5, 6, -100]), 3.5);
  assert.equal(iqm([7]), 7);
  assert.ok(Number.isNaN(iqm([])));
});
