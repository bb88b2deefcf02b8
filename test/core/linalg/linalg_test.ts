import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  covariance,
  crossProduct,
  householderQR,
  leastSquares,
  matmul,
  randomOrthogonal,
  svd,
  symmetricEigenvalues,
  trace,
  transpose,
} from "../../../src/core/linalg/mod.ts";

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

Deno.test("householderQR() reconstructs a with orthonormal Q and triangular R", () => {
  const m = 7, n = 4;
  const a = new Rng(1).normals(m * n);
  const { q, r } = householderQR(a, m, n);
  assert.ok(maxAbsDiff(matmul(q, r, m, n, n), a) < 1e-13);
  const qtq = crossProduct(q, q, m, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      assert.ok(Math.abs(qtq[i * n + j] - (i === j ? 1 : 0)) < 1e-14);
      if (j < i) assert.equal(r[i * n + j], 0);
    }
  }
});

Deno.test("randomOrthogonal() is orthogonal and seeded", () => {
  const q = randomOrthogonal(5, new Rng(2));
  const qtq = crossProduct(q, q, 5, 5, 5);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      assert.ok(Math.abs(qtq[i * 5 + j] - (i === j ? 1 : 0)) < 1e-14);
    }
  }
  assert.deepEqual(randomOrthogonal(5, new Rng(2)), q);
  assert.notDeepEqual(randomOrthogonal(5, new Rng(3)), q);
});

Deno.test("leastSquares() recovers a known affine map exactly", () => {
  const n = 200, dx = 3, dy = 2;
  const rng = new Rng(4);
  const x = rng.normals(n * dx);
  const b = Float64Array.from([1, -2, 0.5, 3, -1, 0.25]);
  const c = [0.7, -4];
  const y = matmul(x, b, n, dx, dy);
  for (let i = 0; i < n; i++) for (let j = 0; j < dy; j++) y[i * dy + j] += c[j];
  const fit = leastSquares(x, y, n, dx, dy);
  assert.equal(fit.rank, 3);
  assert.ok(maxAbsDiff(fit.coef, b) < 1e-12);
  assert.ok(Math.abs(fit.intercept[0] - 0.7) < 1e-12 && Math.abs(fit.intercept[1] + 4) < 1e-12);
  assert.ok(fit.ssr < 1e-20 * fit.sst);
});

Deno.test("leastSquares() matches the normal equations on noisy data", () => {
  const n = 300;
  const rng = new Rng(5);
  const x = rng.normals(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 2 * x[2 * i] - x[2 * i + 1] + 1 + rng.normal();
  const fit = leastSquares(x, y, n, 2, 1);
  // Normal equations with intercept column, solved by Cramer's rule (3x3).
  const xa = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) xa.set([x[2 * i], x[2 * i + 1], 1], 3 * i);
  const g = crossProduct(xa, xa, n, 3, 3);
  const r = crossProduct(xa, y, n, 3, 1);
  const det = (m: number[]) =>
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6]);
  const d = det(Array.from(g));
  const sol = [0, 1, 2].map((k) => {
    const m = Array.from(g);
    for (let i = 0; i < 3; i++) m[i * 3 + k] = r[i];
    return det(m) / d;
  });
  assert.ok(Math.abs(fit.coef[0] - sol[0]) < 1e-10);
  assert.ok(Math.abs(fit.coef[1] - sol[1]) < 1e-10);
  assert.ok(Math.abs(fit.intercept[0] - sol[2]) < 1e-10);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - (fit.coef[0] * x[2 * i] + fit.coef[1] * x[2 * i + 1] + fit.intercept[0]);
    ssr += e * e;
  }
  assert.ok(Math.abs(fit.ssr - ssr) < 1e-9 * ssr);
});

Deno.test("leastSquares() handles constant and duplicated columns (collapse)", () => {
  const n = 50;
  const rng = new Rng(6);
  const y = rng.normals(n);
  const constant = new Float64Array(n * 2).fill(0.3);
  const fit0 = leastSquares(constant, y, n, 2, 1);
  assert.equal(fit0.rank, 0);
  assert.equal(fit0.ssr, fit0.sst);
  const u = rng.normals(n);
  const dup = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) dup.set([u[i], 2 * u[i]], 2 * i);
  const fit1 = leastSquares(dup, y, n, 2, 1);
  const fitU = leastSquares(u, y, n, 1, 1);
  assert.equal(fit1.rank, 1);
  assert.ok(Math.abs(fit1.ssr - fitU.ssr) < 1e-10 * fitU.ssr);
});

Deno.test("covariance() is the unbiased estimate", () => {
  const x = Float64Array.from([1, 2, 3, 6, 5, 4]); // rows (1,2), (3,6), (5,4)
  const c = covariance(x, 3, 2);
  // var x0 = 4, var x1 = 4, cov = ((-2)(-2) + 0*2 + 2*0) / 2 = 2.
  assert.deepEqual(Array.from(c), [4, 2, 2, 4]);
  assert.equal(trace(c, 2), 8);
  assert.throws(() => covariance(x, 1, 6), RangeError);
});

Deno.test("svd() and symmetricEigenvalues() reconstruct their input", () => {
  const d = 6;
  const a = new Rng(8).normals(d * d);
  const { u, s, v } = svd(a, d, d);
  const us = Float64Array.from(u);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) us[i * d + k] *= s[k];
  assert.ok(maxAbsDiff(matmul(us, transpose(v, d, d), d, d, d), a) < 1e-12);
  for (let k = 1; k < d; k++) assert.ok(s[k - 1] >= s[k]);
  const sym = crossProduct(a, a, d, d, d);
  const ev = symmetricEigenvalues(sym, d);
  for (let k = 0; k < d; k++) assert.ok(Math.abs(ev[k] - s[k] * s[k]) < 1e-11 * s[0] * s[0]);
});

Deno.test("solveNormalEquations() agrees with QR and declines ill-conditioned designs", async () => {
  const { solveNormalEquations, centerColumns, gram } = await import(
    "../../../src/core/linalg/mod.ts"
  );
  const n = 400, dx = 3, dy = 2;
  const rng = new Rng(9);
  const x = rng.normals(n * dx);
  const y = rng.normals(n * dy).map((v, i) => v + x[Math.floor(i / dy) * dx + (i % dy)]);
  const xc = centerColumns(x, n, dx);
  const yc = centerColumns(y, n, dy);
  const fit = solveNormalEquations(gram(xc, n, dx), crossProduct(xc, yc, n, dx, dy), dx, dy);
  assert.ok(fit !== null && fit.condition < 2);
  const qr = leastSquares(x, y, n, dx, dy);
  assert.ok(maxAbsDiff(fit.coef, qr.coef) < 1e-12);
  assert.ok(Math.abs(qr.sst - fit.explained - qr.ssr) < 1e-10 * qr.sst);
  // Nearly collinear columns: condition ~ 1e10 > 1e6, so the fast path declines.
  const bad = Float64Array.from(x);
  for (let i = 0; i < n; i++) bad[i * dx + 1] = bad[i * dx] + 1e-5 * bad[i * dx + 1];
  const bc = centerColumns(bad, n, dx);
  assert.equal(
    solveNormalEquations(gram(bc, n, dx), crossProduct(bc, yc, n, dx, dy), dx, dy),
    null,
  );
  assert.equal(solveNormalEquations(new Float64Array([0]), new Float64Array([1]), 1, 1), null);
});

Deno.test("singularValues() equals the singular values of svd()", async () => {
  const { singularValues } = await import("../../../src/core/linalg/mod.ts");
  const a = new Rng(12).normals(5 * 3);
  const s = singularValues(a, 5, 3);
  const ref = svd(a, 5, 3).s;
  assert.equal(s.length, 3);
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(s[k] - ref[k]) < 1e-12);
});
