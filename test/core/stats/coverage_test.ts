import assert from "node:assert/strict";
import { differenceCI, probabilityOfImprovement, verdict } from "../../../src/core/stats/mod.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("the bootstrap CI of a known difference covers it at about the nominal 95 % rate", () => {
  // Synthetic seeds: A ~ N(0.90, 0.02), B ~ N(0.93, 0.02), 20 each; true difference 0.03.
  const trials = 300;
  const n = 20;
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const rng = new Rng(42, "coverage", t);
    const a = Array.from(rng.split("a").normals(n), (z) => 0.9 + 0.02 * z);
    const b = Array.from(rng.split("b").normals(n), (z) => 0.93 + 0.02 * z);
    const ci = differenceCI(a, b, { seed: t, resamples: 500 });
    if (ci.ciLow <= 0.03 && 0.03 <= ci.ciHigh) covered++;
  }
  const rate = covered / trials;
  // The percentile bootstrap runs slightly under nominal at n = 20 (about 93-94 %);
  // a binomial 99.9 % band around that is about +-4.5 points.
  assert.ok(rate > 0.88 && rate <= 0.99, `coverage ${rate}`);
});

Deno.test("probability of improvement is 0.5 for identical samples and the verdict is no change", () => {
  const rng = new Rng(7, "identical");
  const a = Array.from(rng.normals(15));
  assert.equal(probabilityOfImprovement(a, [...a]), 0.5);
  const ci = differenceCI(a, [...a], { seed: 1 });
  assert.ok(ci.ciLow <= 0 && 0 <= ci.ciHigh);
  assert.equal(verdict(ci, 0.01, "higher"), "no detectable change");
});
