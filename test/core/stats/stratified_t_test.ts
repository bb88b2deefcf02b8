import assert from "node:assert/strict";
import {
  simulateStratifiedCoverage,
  stratifiedTInterval,
  studentTQuantile,
  tInterval,
} from "../../../src/core/stats/mod.ts";

Deno.test("the stratified t-interval of one task is the plain t-interval", () => {
  const xs = [0.9, 0.93, 0.95];
  const a = stratifiedTInterval([xs]);
  const b = tInterval(xs);
  assert.ok(Math.abs(a.ciLow - b.ciLow) < 1e-12 && Math.abs(a.ciHigh - b.ciHigh) < 1e-12);
  assert.ok(Math.abs(a.df - 2) < 1e-12);
});

Deno.test("the stratified t-interval weighs tasks equally or by their seeds", () => {
  const groups = [[1, 2, 3], [10, 12]];
  const eq = stratifiedTInterval(groups, "equal");
  assert.equal(eq.estimate, (2 + 11) / 2);
  // var = (1/4)(1/3) + (1/4)(2/2) = 1/3; df = (1/3)^2 / ((1/12)^2/2 + (1/4)^2/1).
  const v = 1 / 3;
  const df = v * v / ((1 / 12) ** 2 / 2 + (1 / 4) ** 2);
  assert.ok(Math.abs(eq.df - df) < 1e-12);
  assert.ok(Math.abs(eq.ciHigh - eq.estimate - studentTQuantile(0.975, df) * Math.sqrt(v)) < 1e-9);
  assert.ok(Math.abs(stratifiedTInterval(groups, "pooled").estimate - 28 / 5) < 1e-12);
  assert.ok(Number.isNaN(stratifiedTInterval([[1, 2], [3]]).ciLow), "a one-seed task: none");
});

Deno.test("over tasks of 3 seeds the stratified t covers 95 %, the bootstrap not", () => {
  const t = simulateStratifiedCoverage({ tasks: 10, n: 3, trials: 1500, method: "t", seed: 4 });
  const b = simulateStratifiedCoverage({
    tasks: 10,
    n: 3,
    trials: 1500,
    method: "bootstrap",
    resamples: 400,
    seed: 4,
  });
  console.log(`10 tasks x 3 seeds: stratified t ${t.rate}, stratified bootstrap ${b.rate}`);
  assert.ok(t.rate > 0.93 && t.rate < 0.97, `stratified t ${t.rate}`);
  assert.ok(b.rate < 0.92, `stratified bootstrap ${b.rate}`);
});
