// The co-occurrence C((s, a), s') = rho(s, a) P(s'|s, a) under a NON-uniform behaviour rho, its
// normalisation Abar = D_row^(-1/2) C D_col^(-1/2), and eps_approx(k) = sum_{i>k} sigma_i(Abar)^2
// (SPEC section 3), against hand computation and against a full SVD done here with ml-matrix.
import assert from "node:assert/strict";
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { Rng } from "../../../src/core/random.ts";
import type { Mdp } from "../../../src/core/planning/mdp.ts";
import { plantedRank } from "../../../src/core/planning/envs.ts";
import {
  approximationError,
  cooccurrence,
  fitFactors,
  frobenius2,
  normalizedCooccurrence,
  optimalLoss,
  sampleCooccurrence,
} from "../../../src/core/spectral/mod.ts";

// 2 states, 2 actions; rows (s, a) in the order (0,0) (0,1) (1,0) (1,1).
const P = [[1, 0], [0.25, 0.75], [0.5, 0.5], [0, 1]];
const RHO = new Float64Array([0.1, 0.2, 0.3, 0.4]);
const MDP: Mdp = {
  nS: 2,
  nA: 2,
  P: new Float64Array(P.flat()),
  reward: new Float64Array(2),
  gamma: 0.9,
};
// By hand: C = rho_r P_r = [[0.1, 0], [0.05, 0.15], [0.15, 0.15], [0, 0.4]];
// D_row = rho; D_col = (0.1 + 0.05 + 0.15, 0.15 + 0.15 + 0.4) = (0.3, 0.7);
// Abar_ij = C_ij / sqrt(D_row_i D_col_j), so Abar_ij^2 = rho_i P_ij^2 / D_col_j:
// [[1/3, 0], [1/24, 9/56], [1/4, 3/28], [0, 4/7]] (squares).
const C_HAND = [[0.1, 0], [0.05, 0.15], [0.15, 0.15], [0, 0.4]];
const ABAR2_HAND = [[1 / 3, 0], [1 / 24, 9 / 56], [1 / 4, 3 / 28], [0, 4 / 7]];
// ||Abar||_F^2 = (56 + 7 + 27 + 42 + 18 + 96) / 168 = 41/28. sigma_1 = 1 (singular pair
// sqrt(D_row), sqrt(D_col)) and rank <= 2, so sigma_2^2 = 41/28 - 1 = 13/28:
// eps_approx(0) = 41/28, eps_approx(1) = 13/28, eps_approx(2) = 0.
const FROB2 = 41 / 28;
const SIGMA2 = [1, 13 / 28];

Deno.test("cooccurrence() under a non-uniform behaviour equals the hand-computed C and marginals", () => {
  const co = cooccurrence(MDP, RHO);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(co.C.data[i * 2 + j] - C_HAND[i][j]) < 1e-15, `C[${i}][${j}]`);
    }
    assert.ok(Math.abs(co.dRow[i] - RHO[i]) < 1e-15, `D_row[${i}]`);
  }
  assert.ok(Math.abs(co.dCol[0] - 0.3) < 1e-15 && Math.abs(co.dCol[1] - 0.7) < 1e-15);
  const A = normalizedCooccurrence(co);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 2; j++) {
      const want = Math.sqrt(ABAR2_HAND[i][j]);
      assert.ok(Math.abs(A.data[i * 2 + j] - want) < 1e-14, `Abar[${i}][${j}] vs ${want}`);
    }
  }
  assert.ok(Math.abs(frobenius2(A) - FROB2) < 1e-14);
});

Deno.test("the spectrum, L* and eps_approx of the 2-state example are the hand-computed ones", () => {
  const co = cooccurrence(MDP, RHO);
  for (const method of ["exact", "randomized"] as const) {
    const fit = fitFactors(co, 2, { rng: new Rng(0), method, tol: 1e-12 });
    const s2 = Array.from(fit.s, (s) => s * s);
    assert.ok(Math.abs(s2[0] - SIGMA2[0]) < 1e-12, `${method}: sigma_1^2 ${s2[0]}`);
    assert.ok(Math.abs(s2[1] - SIGMA2[1]) < 1e-12, `${method}: sigma_2^2 ${s2[1]} vs 13/28`);
    const frob2 = frobenius2(normalizedCooccurrence(co));
    const want = [41 / 28, 13 / 28, 0];
    for (let k = 0; k <= 2; k++) {
      const got = approximationError(fit.s, frob2, k);
      assert.ok(Math.abs(got - want[k]) < 1e-12, `${method}: eps_approx(${k}) ${got}`);
      assert.ok(Math.abs(optimalLoss(fit.s, k) - (want[k] - FROB2)) < 1e-12, `L*(${k})`);
    }
  }
});

/** Abar built here from P and rho alone: Abar_ij = rho_i P_ij / sqrt(rho_i D_col_j). */
function abarDirect(mdp: Mdp, rho: Float64Array): Matrix {
  const rows = mdp.nS * mdp.nA;
  const dCol = new Float64Array(mdp.nS);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < mdp.nS; t++) dCol[t] += rho[r] * mdp.P[r * mdp.nS + t];
  }
  const A = new Matrix(rows, mdp.nS);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < mdp.nS; t++) {
      const c = rho[r] * mdp.P[r * mdp.nS + t];
      if (c > 0) A.set(r, t, c / Math.sqrt(rho[r] * dCol[t]));
    }
  }
  return A;
}

Deno.test("eps_approx(k) from the top-k fit equals the tail sum of a full ml-matrix SVD", () => {
  const mdp = plantedRank({ nS: 40, nA: 3, rank: 4 }, new Rng(3, "env"));
  const rows = mdp.nS * mdp.nA;
  // A skewed behaviour: weights 1..rows shuffled, normalised.
  const order = new Rng(3, "behaviour").shuffle(Array.from({ length: rows }, (_, i) => i + 1));
  const total = (rows * (rows + 1)) / 2;
  const rho = Float64Array.from(order, (w) => w / total);
  const full = new SingularValueDecomposition(abarDirect(mdp, rho), { autoTranspose: true })
    .diagonal.slice().sort((a, b) => b - a);
  const tail = (k: number) => full.slice(k).reduce((s, x) => s + x * x, 0);
  const co = cooccurrence(mdp, rho);
  const frob2 = frobenius2(normalizedCooccurrence(co));
  assert.ok(Math.abs(frob2 - tail(0)) < 1e-12, `||Abar||_F^2 ${frob2} vs sum sigma^2 ${tail(0)}`);
  const kMax = 8;
  for (const method of ["exact", "randomized"] as const) {
    const fit = fitFactors(co, kMax, { rng: new Rng(1), method, tol: 1e-10 });
    for (let k = 0; k <= kMax; k++) {
      const got = approximationError(fit.s, frob2, k);
      assert.ok(
        Math.abs(got - tail(k)) < 1e-9,
        `${method}: eps_approx(${k}) ${got} vs full-SVD tail ${tail(k)}`,
      );
    }
  }
  // The planted rank shows: the tail after the planted rank is far below the head.
  assert.ok(tail(4) < 0.2 * (tail(0) - tail(4)), `tail ${tail(4)} vs head ${tail(0) - tail(4)}`);
});

Deno.test("sampleCooccurrence() under a non-uniform behaviour matches C cell by cell (5 s.e.)", () => {
  const n = 200_000;
  const emp = sampleCooccurrence(MDP, n, new Rng(9, "emp"), RHO);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 2; j++) {
      const c = C_HAND[i][j];
      const got = emp.C.data[i * 2 + j];
      const se = Math.sqrt((c * (1 - c)) / n);
      if (c === 0) assert.equal(got, 0, `C[${i}][${j}] must stay 0`);
      else assert.ok(Math.abs(got - c) < 5 * se, `C[${i}][${j}] ${got} vs ${c} (se ${se})`);
    }
    const se = Math.sqrt((RHO[i] * (1 - RHO[i])) / n);
    assert.ok(Math.abs(emp.dRow[i] - RHO[i]) < 5 * se, `D_row[${i}] ${emp.dRow[i]}`);
  }
  assert.equal(emp.n, n);
});
