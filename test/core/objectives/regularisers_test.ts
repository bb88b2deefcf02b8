import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import {
  andersonDarling,
  cramerVonMises,
  getRegulariser,
  momentStatistic,
  normalCdf,
  normalLogCdf,
  normalQuantile,
  ranks,
  type RegulariserContext,
  regulariserNames,
  slicedWassersteinStatistic,
  type UnivariateStatistic,
} from "../../../src/core/objectives/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

const ADDED = [
  "cvm",
  "anderson_darling",
  "moments",
  "sliced_wasserstein",
  "vicreg",
  "barlow_twins",
  "infonce",
];

function value(
  name: string,
  x: Float32Array,
  rows: number,
  n: number,
  ctx: RegulariserContext,
): number {
  return tf.tidy(() => getRegulariser(name).apply(tf.tensor2d(x, [rows, n]), ctx).dataSync()[0]);
}

Deno.test("the registry holds every SPEC section 5 regulariser with a weight in [0, 1]", () => {
  for (const name of ["sigreg", "whitening", "none", ...ADDED]) {
    assert.ok(regulariserNames().includes(name), name);
    const reg = getRegulariser(name);
    assert.ok(reg.defaultLambda >= 0 && reg.defaultLambda <= 1, name);
    assert.ok(reg.description.length > 10, name);
  }
});

Deno.test("normal helpers: quantile inverts the CDF and the log-CDF is accurate in the tail", () => {
  for (const p of [1e-8, 1e-3, 0.05, 0.3, 0.5, 0.9, 0.999]) {
    const x = normalQuantile(p);
    assert.ok(Math.abs(normalCdf(x) - p) / p < 3e-7, `p = ${p}`);
  }
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-8);
  // log Phi(-10) = -53.2312851505... (mpmath); the plain log(cdf) would be fine here, at -40 it underflows.
  assert.ok(Math.abs(normalLogCdf(-10) + 53.23128515051247) < 1e-5);
  assert.ok(Number.isFinite(normalLogCdf(-40)) && normalLogCdf(-40) < -800);
  assert.throws(() => normalQuantile(1), RangeError);
});

Deno.test("univariate statistics match their closed forms on a collapsed sample", () => {
  const m = 240;
  const zero = new Float64Array(m);
  const close = (a: number, b: number, rel: number) =>
    assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} vs ${b}`);
  // W^2 with every Phi = 1/2: sum_i (1/2 - (2i-1)/(2M))^2 + 1/(12M) = M/12 exactly.
  close(cramerVonMises(zero).value, m / 12, 1e-6);
  // A^2 with Phi = 1/2: -M + 2 M ln 2.
  close(andersonDarling(zero).value, (2 * Math.LN2 - 1) * m, 1e-6);
  // Moments: M (1/2 + 9/96).
  close(momentStatistic(zero).value, m * (0.5 + 9 / 96), 1e-12);
  // Sliced W2: mean q^2 + 0 + (0 - 1)^2.
  let q2 = 0;
  for (let i = 1; i <= m; i++) q2 += normalQuantile(i / (m + 1)) ** 2;
  close(slicedWassersteinStatistic(zero).value, q2 / m + 1, 1e-9);
});

Deno.test("univariate statistics: analytic gradients match float64 central differences", () => {
  const rng = new Rng(7, "fd64");
  const y = Float64Array.from(rng.normals(60), (v) => 1.4 * v + 0.3);
  const stats: Record<string, UnivariateStatistic> = {
    cvm: cramerVonMises,
    anderson_darling: andersonDarling,
    moments: momentStatistic,
    sliced_wasserstein: slicedWassersteinStatistic,
  };
  for (const [name, stat] of Object.entries(stats)) {
    const { grad } = stat(y);
    const eps = 1e-6;
    for (const j of [0, 13, 31, 59]) {
      const up = Float64Array.from(y);
      const down = Float64Array.from(y);
      up[j] += eps;
      down[j] -= eps;
      const fd = (stat(up).value - stat(down).value) / (2 * eps);
      assert.ok(
        Math.abs(fd - grad[j]) <= 1e-5 * Math.max(1, Math.abs(fd)),
        `${name} d/dy[${j}]: analytic ${grad[j]} vs finite difference ${fd}`,
      );
    }
  }
});

Deno.test("every regulariser is minimal on its target and large on a collapsed sample", () => {
  const b = 256;
  const n = 16;
  const ctx: RegulariserContext = { step: 3, seed: 11, views: 2, batch: b, slices: 64 };
  const z = new Rng(5, "target").normals(b * n);
  const noise = new Rng(5, "view-noise").normals(b * n);
  // Target: N(0, I) rows; the two views agree up to a small perturbation (the
  // invariance the joint-embedding losses ask for).
  const target = new Float32Array(2 * b * n);
  for (let i = 0; i < b * n; i++) {
    target[i] = z[i];
    target[b * n + i] = 0.995 * z[i] + 0.1 * noise[i];
  }
  const collapsed = new Float32Array(2 * b * n).fill(0.3);
  for (const name of ["sigreg", "whitening", ...ADDED]) {
    const onTarget = value(name, target, 2 * b, n, ctx);
    const onCollapsed = value(name, collapsed, 2 * b, n, ctx);
    assert.ok(Number.isFinite(onTarget) && Number.isFinite(onCollapsed), name);
    assert.ok(
      onTarget < 0.1 * onCollapsed,
      `${name}: ${onTarget} on N(0, I) should be under a tenth of ${onCollapsed} on a collapsed sample`,
    );
  }
});

Deno.test("every regulariser's tfjs gradient matches a finite-difference directional derivative", () => {
  const b = 24;
  const n = 3;
  const rows = 2 * b;
  const ctx: RegulariserContext = { step: 1, seed: 2, views: 2, batch: b, slices: 8 };
  const rng = new Rng(3, "fd32");
  const z = rng.split("z").normals(b * n);
  const e = rng.split("e").normals(rows * n);
  // Scale 0.6 keeps VICReg's variance hinge active (std < 1).
  const x = Float32Array.from({ length: rows * n }, (_, i) => 0.6 * z[i % (b * n)] + 0.2 * e[i]);
  // Direction: mostly radial (x itself) plus noise. A purely random direction
  // gives a small derivative of cancelling terms, which the rank changes of the
  // sorting-based tests (kinks of size O(1/M)) would drown.
  const r = rng.split("d").normals(rows * n);
  const d = Float32Array.from(x, (v, i) => v + 0.3 * r[i]);
  for (const name of ["sigreg", "whitening", ...ADDED]) {
    const reg = getRegulariser(name);
    const g = tf.tidy(() =>
      tf.grad((h: tf.Tensor) => reg.apply(h as tf.Tensor2D, ctx))(tf.tensor2d(x, [rows, n]))
        .dataSync()
    );
    let analytic = 0;
    for (let i = 0; i < g.length; i++) analytic += g[i] * d[i];
    const eps = 1e-3;
    const shifted = (s: number) => Float32Array.from(x, (v, i) => v + s * eps * d[i]);
    const fd = (value(name, shifted(1), rows, n, ctx) - value(name, shifted(-1), rows, n, ctx)) /
      (2 * eps);
    assert.ok(
      Math.abs(fd - analytic) <= 0.01 * Math.abs(fd) + 2e-4,
      `${name}: directional derivative ${analytic} vs finite difference ${fd}`,
    );
  }
});

Deno.test("collapse raises each regulariser above its value on the target's scale-shrunk copy", () => {
  // Shrinking N(0, I) embeddings toward a point (the path to collapse) must
  // cost more, so none of them rewards collapse the way alignment does.
  const b = 128;
  const n = 4;
  const ctx: RegulariserContext = { step: 0, seed: 1, views: 2, batch: b, slices: 32 };
  const z = new Rng(9, "shrink").normals(b * n);
  const stack = (s: number) =>
    Float32Array.from({ length: 2 * b * n }, (_, i) => s * z[i % (b * n)]);
  for (
    const name of [
      "sigreg",
      "whitening",
      "cvm",
      "anderson_darling",
      "moments",
      "sliced_wasserstein",
      "vicreg",
    ]
  ) {
    const full = value(name, stack(1), 2 * b, n, ctx);
    const shrunk = value(name, stack(0.3), 2 * b, n, ctx);
    assert.ok(shrunk > full, `${name}: ${shrunk} at scale 0.3 should exceed ${full} at scale 1`);
  }
});

Deno.test("ranks() gives a permutation of 1..M in value order, ties in index order", () => {
  assert.deepEqual([...ranks(Float64Array.of(0.3, -1, 2, -1, 0.3))], [3, 1, 5, 2, 4]);
  const y = Float64Array.from(new Rng(4, "ranks").normals(500));
  const r = ranks(y);
  assert.deepEqual([...r].sort((a, b) => a - b), Array.from({ length: 500 }, (_, i) => i + 1));
  for (let j = 0; j < 500; j++) {
    for (const k of [0, 17, 499]) assert.equal(y[j] < y[k], r[j] < r[k]);
  }
});
