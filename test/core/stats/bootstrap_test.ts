import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  bootstrapCI,
  differenceCI,
  iqm,
  stratifiedBootstrapCI,
} from "../../../src/core/stats/mod.ts";

Deno.test("differenceCI() covers the true difference at about the nominal 95 % rate", () => {
  const trials = 200;
  const trueDiff = 0.7;
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const rng = new Rng(100, "coverage", t);
    const a = Array.from({ length: 30 }, () => rng.normal());
    const b = Array.from({ length: 30 }, () => trueDiff + 2 * rng.normal());
    const ci = differenceCI(a, b, { resamples: 1000, seed: t });
    if (ci.ciLow <= trueDiff && trueDiff <= ci.ciHigh) covered++;
    assert.ok(ci.ciLow <= ci.diff && ci.diff <= ci.ciHigh);
  }
  const rate = covered / trials;
  // Binomial sd at 0.95 with 200 trials is 1.5 %; percentile intervals at n = 30 under-cover slightly.
  assert.ok(rate >= 0.88 && rate <= 0.99, `coverage ${rate}`);
});

Deno.test("bootstrapCI() narrows with more data and is deterministic given the seed", () => {
  const rng = new Rng(7);
  const small = Array.from({ length: 10 }, () => rng.normal());
  const large = Array.from({ length: 1000 }, () => rng.normal());
  const a = bootstrapCI(small, undefined, { seed: 1 });
  const b = bootstrapCI(large, undefined, { seed: 1 });
  assert.ok(b.ciHigh - b.ciLow < (a.ciHigh - a.ciLow) / 3);
  // Width about 2 * 1.96 / sqrt(1000) for unit-variance data.
  assert.ok(Math.abs((b.ciHigh - b.ciLow) - 2 * 1.96 / Math.sqrt(1000)) < 0.03);
  assert.deepEqual(bootstrapCI(small, undefined, { seed: 1 }), a);
  assert.notDeepEqual(bootstrapCI(small, undefined, { seed: 2 }), a);
  const wider = bootstrapCI(small, undefined, { seed: 1, level: 0.99 });
  assert.ok(wider.ciLow <= a.ciLow && wider.ciHigh >= a.ciHigh);
  assert.deepEqual(bootstrapCI([], undefined, { seed: 1 }), {
    estimate: NaN,
    ciLow: NaN,
    ciHigh: NaN,
  });
  assert.throws(() => bootstrapCI([1, NaN]), RangeError);
});

Deno.test("stratifiedBootstrapCI() resamples within groups only", () => {
  // Two tasks with very different levels and no within-task spread: stratified
  // resampling keeps every group's size, so the pooled mean cannot move.
  const groups = [[1, 1, 1], [10, 10, 10]];
  const ci = stratifiedBootstrapCI(groups, undefined, { seed: 3 });
  assert.deepEqual(ci, { estimate: 5.5, ciLow: 5.5, ciHigh: 5.5 });
  // With spread, the IQM statistic has a proper interval around its estimate.
  const rng = new Rng(4);
  const noisy = [0, 1, 2].map((g) => Array.from({ length: 10 }, () => g + rng.normal()));
  const iqmCI = stratifiedBootstrapCI(noisy, (gs) => iqm(gs.flat()), { seed: 3 });
  assert.ok(iqmCI.ciLow < iqmCI.estimate && iqmCI.estimate < iqmCI.ciHigh);
  assert.deepEqual(stratifiedBootstrapCI(noisy, (gs) => iqm(gs.flat()), { seed: 3 }), iqmCI);
});
