import assert from "node:assert/strict";
import {
  mannWhitneyU,
  performanceProfile,
  probabilityOfImprovement,
  probabilityOfImprovementCI,
} from "../../../src/core/stats/mod.ts";

Deno.test("mannWhitneyU() counts pairs with half ties, like scipy", () => {
  // scipy.stats.mannwhitneyu([1, 2, 3, 3, 5], [3, 4, 6, 2]).statistic = 6.5 (first over second).
  assert.equal(mannWhitneyU([3, 4, 6, 2], [1, 2, 3, 3, 5]), 6.5);
  assert.equal(mannWhitneyU([1, 2, 3, 3, 5], [3, 4, 6, 2]), 20 - 6.5);
});

Deno.test("probabilityOfImprovement() is 0.5 for identical samples and 1 or 0 when separated", () => {
  const a = [0.1, 0.5, 0.3, 0.9];
  assert.equal(probabilityOfImprovement(a, a), 0.5);
  assert.equal(probabilityOfImprovement([1, 2, 3], [4, 5]), 1);
  assert.equal(probabilityOfImprovement([4, 5], [1, 2, 3]), 0);
  assert.ok(Number.isNaN(probabilityOfImprovement([], [1])));
  const ci = probabilityOfImprovementCI([1, 2, 3, 4], [2, 3, 4, 5, 6], { seed: 1 });
  assert.ok(ci.ciLow <= ci.estimate && ci.estimate <= ci.ciHigh && ci.ciHigh <= 1 && ci.ciLow >= 0);
  assert.equal(ci.estimate, probabilityOfImprovement([1, 2, 3, 4], [2, 3, 4, 5, 6]));
  assert.deepEqual(probabilityOfImprovementCI([1, 2, 3, 4], [2, 3, 4, 5, 6], { seed: 1 }), ci);
});

Deno.test("performanceProfile() is the fraction of runs strictly above each threshold", () => {
  const p = performanceProfile({ a: [0.1, 0.5, 0.9, 0.99], b: [] }, [0, 0.5, 0.95, 1]);
  assert.deepEqual(p.a, [1, 0.5, 0.25, 0]);
  assert.ok(p.b.every(Number.isNaN));
});
