import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  collapsed,
  effectiveRank,
  gridR2,
  IDENTIFIABILITY_KEYS,
  identifiabilityMetrics,
  r2Pooled,
} from "../../../src/core/metrics/mod.ts";
import { matmul, randomOrthogonal } from "../../../src/core/linalg/mod.ts";
import { gridLatents2D } from "../../../src/core/world/grid.ts";
import { makeMixing } from "../../../src/core/world/mixings.ts";

interface MetricsCase {
  name: string;
  z: number[];
  h: number[];
  h_prime: number[];
  rho: number;
  metrics: Record<string, number>;
}

const vectors: { cases: MetricsCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/vectors/metrics.json", import.meta.url)),
);

Deno.test("identifiabilityMetrics() matches every reference case, every key", () => {
  assert.equal(vectors.cases.length, 4);
  for (const c of vectors.cases) {
    const dim = 4;
    const n = c.z.length / dim;
    const m = identifiabilityMetrics(
      Float64Array.from(c.z),
      Float64Array.from(c.h),
      Float64Array.from(c.h_prime),
      n,
      dim,
      c.rho,
    );
    assert.deepEqual(Object.keys(c.metrics).sort(), [...IDENTIFIABILITY_KEYS].sort());
    for (const key of IDENTIFIABILITY_KEYS) {
      const want = c.metrics[key];
      const got = m[key];
      // The vectors are printed to 10 significant digits (<= 5e-10 relative);
      // float64 code matches to 1e-9 relative, with a 1e-9 floor for exact zeros.
      const tol = 1e-9 * Math.max(1, Math.abs(want));
      assert.ok(Math.abs(got - want) <= tol, `${c.name}.${key}: ${got} vs ${want}`);
    }
    assert.equal(m.procrustes_within_bound, m.procrustes_mse <= m.approx_bound);
  }
});

Deno.test("an exact rotation gives R2 = 1, zero orthogonality error and zero Procrustes MSE", () => {
  const n = 1000, dim = 6;
  const rng = new Rng(21);
  const z = rng.normals(n * dim);
  const q = randomOrthogonal(dim, rng.split("q"));
  const h = matmul(z, q, n, dim, dim);
  const m = identifiabilityMetrics(z, h, h, n, dim, 0.95);
  assert.ok(Math.abs(m.r2_hz - 1) < 1e-12 && Math.abs(m.r2_zh - 1) < 1e-12);
  assert.ok(m.orth_err < 1e-12, `orth_err ${m.orth_err}`);
  assert.ok(m.procrustes_mse < 1e-12, `procrustes ${m.procrustes_mse}`);
  assert.equal(m.L_h, 0);
  assert.equal(m.delta, 0);
  assert.ok(m.procrustes_within_bound);
});

Deno.test("a scaled map keeps R2 = 1 but shows orthogonality error and Procrustes MSE", () => {
  const n = 500, dim = 2;
  const z = new Rng(22).normals(n * dim);
  const h = z.map((v) => 2 * v + 1);
  const m = identifiabilityMetrics(z, h, h, n, dim, 0.9);
  assert.ok(Math.abs(m.r2_hz - 1) < 1e-12);
  // A = 2 I: ||4 I - I||_F = 3 sqrt(2).
  assert.ok(Math.abs(m.orth_err - 3 * Math.SQRT2) < 1e-10);
  assert.ok(Math.abs(m.orth_err_normalized - 3) < 1e-10);
  assert.ok(m.procrustes_mse > 1);
});

Deno.test("identifiabilityMetrics() agrees with the QR path on well- and ill-conditioned encodings", () => {
  const n = 3000, dim = 5;
  const rng = new Rng(25);
  const z = rng.normals(n * dim);
  const nonlinear = z.map((v, i) =>
    Math.tanh(v) + 0.3 * z[i - (i % dim)] ** 2 + 0.05 * rng.normal()
  );
  // Two encoder coordinates almost collinear: the Gram path must decline and use QR.
  const illConditioned = Float64Array.from(nonlinear);
  for (let i = 0; i < n; i++) {
    illConditioned[i * dim + 1] = illConditioned[i * dim] + 1e-6 * illConditioned[i * dim + 1];
  }
  for (const h of [nonlinear, illConditioned]) {
    const m = identifiabilityMetrics(z, h, h, n, dim, 0.95);
    const hz = r2Pooled(h, z, n, dim, dim);
    const zh = r2Pooled(z, h, n, dim, dim);
    assert.ok(Math.abs(m.r2_hz - hz) < 1e-9, `${m.r2_hz} vs ${hz}`);
    assert.ok(Math.abs(m.r2_zh - zh) < 1e-9, `${m.r2_zh} vs ${zh}`);
    assert.ok(m.r2_hz > 0.5 && m.r2_hz < 0.999);
  }
  // Direct Procrustes residual agrees with the closed form used inside.
  const m = identifiabilityMetrics(z, nonlinear, nonlinear, n, dim, 0.95);
  assert.ok(m.procrustes_mse > 0.01);
  const collapsedH = new Float64Array(n * dim).fill(0.7);
  const c = identifiabilityMetrics(z, collapsedH, collapsedH, n, dim, 0.95);
  assert.equal(c.r2_hz, 0);
  assert.ok(Number.isNaN(c.r2_zh), "constant h has no R2(z->h)");
  assert.equal(c.trace_cov, 0);
});

Deno.test("r2Pooled() recovers an affine map exactly and is about 0 on independent noise", () => {
  const n = 4000, dx = 3, dy = 3;
  const rng = new Rng(23);
  const x = rng.normals(n * dx);
  const a = rng.normals(dx * dy);
  const y = matmul(x, a, n, dx, dy).map((v, i) => v + (i % dy) - 5);
  assert.ok(Math.abs(r2Pooled(x, y, n, dx, dy) - 1) < 1e-12);
  const noise = rng.split("noise").normals(n * dy);
  const r2 = r2Pooled(x, noise, n, dx, dy);
  // E[R2] = dx / (n - 1) under independence; 5 standard errors is about 0.01.
  assert.ok(Math.abs(r2) < 0.01, `R2 on noise ${r2}`);
  assert.ok(r2 >= 0);
  assert.ok(Number.isNaN(r2Pooled(x, new Float64Array(n), n, dx, 1)), "constant y has no R2");
});

Deno.test("gridR2() is 1 for an invertible affine encoder and lower for a nonlinear one", () => {
  const z = gridLatents2D();
  const n = z.length / 2;
  const affine = z.map((v, i) => (i % 2 === 0 ? 3 * v - z[i + 1] : 0.5 * v));
  assert.ok(Math.abs(gridR2(z, affine, n, 2) - 1) < 1e-12);
  const spiral = makeMixing("spiral", 2, new Rng(0)).apply(z, n);
  const r2 = gridR2(z, spiral, n, 2);
  assert.ok(r2 < 0.5, `spiral-as-encoder grid R2 ${r2}`);
});

Deno.test("effectiveRank() and collapsed() detect complete and dimensional collapse", () => {
  const n = 2000, dim = 4;
  const rng = new Rng(24);
  const healthy = rng.normals(n * dim);
  assert.ok(effectiveRank(healthy, n, dim) > 3.9);
  assert.equal(collapsed(healthy, n, dim), false);
  const tiny = healthy.map((v) => v * 1e-3);
  assert.equal(collapsed(tiny, n, dim), true);
  const line = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) line.fill(healthy[i * dim], i * dim, (i + 1) * dim);
  assert.ok(Math.abs(effectiveRank(line, n, dim) - 1) < 1e-6);
  assert.equal(collapsed(line, n, dim), true);
  assert.equal(effectiveRank(new Float64Array(n * dim).fill(2), n, dim), 0);
});
