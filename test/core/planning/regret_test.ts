import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  fourRooms,
  maxRegret,
  type Mdp,
  planningOutcome,
  plantedRank,
  rebuildModel,
  solve,
} from "../../../src/core/planning/mod.ts";
import { fitFactors, sampleCooccurrence, truncateFit } from "../../../src/core/spectral/mod.ts";

function perturb(mdp: Mdp, eps: number, rng: Rng): Mdp {
  const P = new Float64Array(mdp.P.length);
  for (let r = 0; r < mdp.nS * mdp.nA; r++) {
    let sum = 0;
    for (let t = 0; t < mdp.nS; t++) {
      sum += P[r * mdp.nS + t] = mdp.P[r * mdp.nS + t] + eps * rng.uniform();
    }
    for (let t = 0; t < mdp.nS; t++) P[r * mdp.nS + t] /= sum;
  }
  return { ...mdp, P };
}

Deno.test("planning in the true model has zero regret and zero bound", () => {
  const mdp = fourRooms({ side: 7 }, new Rng(0));
  const out = planningOutcome(mdp, solve(mdp), mdp);
  assert.equal(out.regret, 0);
  assert.ok(out.bound < 1e-12);
});

Deno.test("regret <= value-aware bound (per state) for perturbed models, and the L1 bound is looser", () => {
  const mdp = plantedRank({ nS: 30, nA: 3, rank: 3 }, new Rng(1));
  const star = solve(mdp);
  const rng = new Rng(2);
  let positive = 0;
  for (const eps of [0.01, 0.1, 0.5, 2, 10]) {
    for (let t = 0; t < 4; t++) {
      const out = planningOutcome(mdp, star, perturb(mdp, eps, rng));
      assert.ok(
        out.maxRegret <= out.bound + 1e-9,
        `eps=${eps}: max regret ${out.maxRegret} > bound ${out.bound}`,
      );
      assert.ok(out.regret <= out.maxRegret + 1e-12);
      assert.ok(out.l1Bound >= out.bound, `L1 bound ${out.l1Bound} below value-aware ${out.bound}`);
      assert.equal(out.vacuousAt, maxRegret(mdp));
      if (out.regret > 1e-6) positive++;
    }
  }
  assert.ok(positive > 0, "some perturbation must give positive regret, else the check is empty");
});

Deno.test("regret at k = planted rank with large n is near 0, and the bound is non-vacuous", () => {
  const mdp = plantedRank({ nS: 64, nA: 4, rank: 6 }, new Rng(0, "env"));
  const star = solve(mdp);
  const fit = fitFactors(sampleCooccurrence(mdp, 200000, new Rng(1)), 6, { rng: new Rng(0) });
  const f = truncateFit(fit, 6);
  const out = planningOutcome(mdp, star, rebuildModel(mdp, f.U, f.V, fit.dCol));
  assert.ok(out.regret < 0.002 * out.vacuousAt, `regret ${out.regret} of max ${out.vacuousAt}`);
  assert.ok(out.nonvacuous && out.bound < 0.1 * out.vacuousAt, `bound ${out.bound}`);
  assert.ok(out.regret <= out.bound);
  // k = 1 cannot represent the dynamics: clearly larger regret.
  const f1 = truncateFit(fit, 1);
  const out1 = planningOutcome(mdp, star, rebuildModel(mdp, f1.U, f1.V, fit.dCol));
  assert.ok(out1.regret > 10 * out.regret, `k=1 regret ${out1.regret} vs k=6 ${out.regret}`);
});
