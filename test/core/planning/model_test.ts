import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  gridworld,
  plantedRank,
  rebuildModel,
  validateMdp,
} from "../../../src/core/planning/mod.ts";
import { cooccurrence, dense, fitFactors } from "../../../src/core/spectral/mod.ts";

Deno.test("rebuildModel() from full-rank population factors recovers P", () => {
  for (
    const mdp of [
      gridworld({ side: 4 }, new Rng(0)),
      plantedRank({ nS: 12, nA: 2, rank: 3 }, new Rng(1)),
    ]
  ) {
    const fit = fitFactors(cooccurrence(mdp), mdp.nS, { rng: new Rng(0) });
    const model = rebuildModel(mdp, fit.U, fit.V, fit.dCol);
    validateMdp(model);
    for (let i = 0; i < mdp.P.length; i++) {
      assert.ok(Math.abs(model.P[i] - mdp.P[i]) < 1e-9, `entry ${i}`);
    }
  }
});

Deno.test("rebuildModel() clips negatives, normalises rows and falls back to uniform for empty rows", () => {
  const like = { nS: 3, nA: 1, P: new Float64Array(9), reward: new Float64Array(3), gamma: 0.9 };
  const U = dense(3, 1, new Float64Array([1, 0, -1]));
  const V = dense(3, 1, new Float64Array([1, -1, 2]));
  const m = rebuildModel(like, U, V, new Float64Array([0.25, 0.25, 1]));
  validateMdp(m);
  // Row 0: max(0, [0.5, -0.5, 2]) / 2.5.
  assert.deepEqual(Array.from(m.P.slice(0, 3)), [0.2, 0, 0.8]);
  assert.deepEqual(Array.from(m.P.slice(3, 6)), [1 / 3, 1 / 3, 1 / 3]);
  assert.deepEqual(Array.from(m.P.slice(6, 9)), [0, 1, 0]);
});
