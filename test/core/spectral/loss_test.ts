import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import { plantedRank } from "../../../src/core/planning/envs.ts";
import {
  approximationError,
  cooccurrence,
  dense,
  exactSvd,
  factorLoss,
  fitFactors,
  frobenius2,
  normalizedCooccurrence,
  optimalLoss,
  spectralLossExpectation,
  spectralLossMatrix,
  toMatrixFactors,
  truncateFit,
} from "../../../src/core/spectral/mod.ts";

const mdp = plantedRank({ nS: 16, nA: 3, rank: 3 }, new Rng(7, "env"));
const co = cooccurrence(mdp);
const Abar = normalizedCooccurrence(co);

Deno.test("spectral loss: expectation form equals ||Abar - U V^T||^2 - ||Abar||^2 to 1e-9 relative", () => {
  const rng = new Rng(1, "uv");
  for (let trial = 0; trial < 20; trial++) {
    const k = 1 + (trial % 6);
    const scale = 0.1 * (1 + trial);
    const u = dense(co.C.rows, k, rng.normals(co.C.rows * k).map((x) => scale * x));
    const v = dense(co.C.cols, k, rng.normals(co.C.cols * k).map((x) => scale * x));
    const expectation = spectralLossExpectation(co, u, v);
    const { U, V } = toMatrixFactors(co, u, v);
    const matrix = spectralLossMatrix(Abar, U, V);
    const fast = factorLoss(Abar, U, V);
    const rel = Math.abs(expectation - matrix) / Math.max(Math.abs(matrix), 1e-300);
    assert.ok(
      rel < 1e-9,
      `trial ${trial}: expectation ${expectation} vs matrix ${matrix} (rel ${rel})`,
    );
    assert.ok(Math.abs(fast - matrix) / Math.abs(matrix) < 1e-9, `factorLoss ${fast} vs ${matrix}`);
  }
});

Deno.test("spectral loss: a wrong marginal breaks the identity (the test can fail)", () => {
  const rng = new Rng(2);
  const u = dense(co.C.rows, 2, rng.normals(co.C.rows * 2));
  const v = dense(co.C.cols, 2, rng.normals(co.C.cols * 2));
  const { U, V } = toMatrixFactors(
    { ...co, dCol: co.dCol.map((d, i) => (i === 0 ? 2 * d : d)) },
    u,
    v,
  );
  const rel = Math.abs(spectralLossExpectation(co, u, v) - spectralLossMatrix(Abar, U, V)) /
    Math.abs(spectralLossMatrix(Abar, U, V));
  assert.ok(rel > 1e-6, `identity should not hold with a wrong marginal, rel ${rel}`);
});

Deno.test("Eckart-Young: the truncated SVD attains L* = -sum sigma_i^2 and random factors lie above", () => {
  const { s } = exactSvd(Abar);
  const frob2 = frobenius2(Abar);
  let sumSq = 0;
  for (const x of s) sumSq += x * x;
  assert.ok(Math.abs(sumSq - frob2) < 1e-12 * frob2, "sum of sigma^2 equals ||Abar||_F^2");
  assert.ok(
    Math.abs(s[0] - 1) < 1e-12,
    `top singular value of a normalised co-occurrence is 1, got ${s[0]}`,
  );
  const fit = fitFactors(co, 8, { rng: new Rng(0) });
  const rng = new Rng(3, "random-factors");
  for (let k = 1; k <= 8; k++) {
    const Lstar = optimalLoss(s, k);
    const f = truncateFit(fit, k);
    const L = spectralLossExpectation(co, f.u, f.v);
    assert.ok(Math.abs(L - Lstar) < 1e-12 * Math.abs(Lstar), `k=${k}: fit ${L} vs L* ${Lstar}`);
    assert.ok(Math.abs(approximationError(s, frob2, k) - (frob2 + Lstar)) < 1e-14);
    for (let t = 0; t < 5; t++) {
      // Random and perturbed-optimal factors must both be above L*.
      const U = dense(Abar.rows, k, rng.normals(Abar.rows * k).map((x) => 0.2 * x));
      const V = dense(Abar.cols, k, rng.normals(Abar.cols * k).map((x) => 0.2 * x));
      assert.ok(factorLoss(Abar, U, V) > Lstar, `k=${k}: random factors below L*`);
      const Up = dense(Abar.rows, k, f.U.data.map((x) => x + 1e-3 * rng.normal()));
      assert.ok(factorLoss(Abar, Up, f.V) > Lstar, `k=${k}: perturbed optimum below L*`);
    }
  }
});
