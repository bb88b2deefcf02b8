import assert from "node:assert/strict";
import { fitLogLogSlope } from "../../../src/core/stats/mod.ts";

Deno.test("fitLogLogSlope recovers the exponent of a power law", () => {
  const xs = [2, 4, 8, 16, 32];
  const fit = fitLogLogSlope(xs, xs.map((x) => 3 * x ** 1.5));
  assert.ok(Math.abs(fit.slope - 1.5) < 1e-12);
  assert.ok(Math.abs(fit.intercept - Math.log(3)) < 1e-12);
  assert.ok(Math.abs(fit.r2 - 1) < 1e-12);
});

Deno.test("fitLogLogSlope leaves out non-positive points and refuses what it cannot fit", () => {
  const fit = fitLogLogSlope([0, 1, 2, 4], [5, 1, 2, 4]);
  assert.ok(Math.abs(fit.slope - 1) < 1e-12);
  assert.throws(() => fitLogLogSlope([1], [1]), RangeError);
  assert.throws(() => fitLogLogSlope([1, 2], [1]), RangeError);
  assert.throws(() => fitLogLogSlope([3, 3], [1, 2]), /all x values are equal/);
});
