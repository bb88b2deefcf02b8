import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import { fourRooms, plantedRank } from "../../../src/core/planning/envs.ts";
import {
  cooccurrence,
  exactSvd,
  factorLoss,
  fitFactors,
  frobenius2,
  normalizedCooccurrence,
  optimalLoss,
  sampleCooccurrence,
  toMatrixFactors,
  truncateFit,
} from "../../../src/core/spectral/mod.ts";

Deno.test("cooccurrence() sums to 1 with marginals rho(s, a) and the state visitation", () => {
  const mdp = fourRooms({ side: 7 }, new Rng(0));
  const co = cooccurrence(mdp);
  const total = co.C.data.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
  for (const d of co.dRow) assert.ok(Math.abs(d - 1 / (mdp.nS * mdp.nA)) < 1e-15);
  assert.ok(Math.abs(co.dCol.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // Top singular pair of Abar is (sqrt D_row, sqrt D_col) with sigma 1.
  const svd = exactSvd(normalizedCooccurrence(co), 1);
  assert.ok(Math.abs(svd.s[0] - 1) < 1e-12);
  const sign = Math.sign(svd.V.data[0]);
  co.dCol.forEach((d, j) => assert.ok(Math.abs(sign * svd.V.data[j] - Math.sqrt(d)) < 1e-9));
});

Deno.test("sampleCooccurrence() is deterministic from its Rng and converges to the population", () => {
  const mdp = plantedRank({ nS: 24, nA: 2, rank: 3 }, new Rng(1));
  const co = cooccurrence(mdp);
  const a = sampleCooccurrence(mdp, 5000, new Rng(4, "s"));
  const b = sampleCooccurrence(mdp, 5000, new Rng(4, "s"));
  assert.deepEqual(a.C.data, b.C.data);
  const tv = (n: number) => {
    const e = sampleCooccurrence(mdp, n, new Rng(5, n));
    return e.C.data.reduce((s, x, i) => s + Math.abs(x - co.C.data[i]), 0);
  };
  const small = tv(2000);
  const large = tv(200000);
  assert.ok(large < small / 5, `total variation ${small} at n=2e3 vs ${large} at n=2e5`);
});

Deno.test("the rank-k fit's sample error eps_sample = L(fit) - L* is >= 0 and shrinks with n", () => {
  const mdp = plantedRank({ nS: 32, nA: 4, rank: 4 }, new Rng(2));
  const co = cooccurrence(mdp);
  const Abar = normalizedCooccurrence(co);
  const s = exactSvd(Abar).s;
  assert.ok(frobenius2(Abar) > 0);
  const k = 4;
  const eps = [1000, 10000, 100000].map((n) => {
    let mean = 0;
    for (let rep = 0; rep < 3; rep++) {
      const fit = truncateFit(
        fitFactors(sampleCooccurrence(mdp, n, new Rng(3, n, rep)), k, { rng: new Rng(0) }),
        k,
      );
      const { U, V } = toMatrixFactors(co, fit.u, fit.v);
      const e = factorLoss(Abar, U, V) - optimalLoss(s, k);
      assert.ok(e >= -1e-12, `eps_sample ${e} below zero`);
      mean += e / 3;
    }
    return mean;
  });
  assert.ok(eps[0] > eps[1] && eps[1] > eps[2], `eps_sample over n: ${eps.join(", ")}`);
  assert.ok(eps[2] < eps[0] / 20, `roughly 1/n decay expected, got ${eps.join(", ")}`);
});
