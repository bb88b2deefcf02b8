// Cramér–von Mises, Anderson–Darling and the sliced Wasserstein statistic (SPEC section 5) against
// textbook formulas evaluated here, independently of src/: the reference sorts the sample and
// uses its own standard normal CDF (series / continued fraction for erfc, about 1e-15) and its own
// quantile (bisection on that CDF). Normalisations matched explicitly:
// - W^2 = 1/(12 M) + sum_i ((2i - 1)/(2M) - Phi(x_(i)))^2 (not divided by M);
// - A^2 = -M - (1/M) sum_i (2i - 1) [ln Phi(x_(i)) + ln(1 - Phi(x_(M+1-i)))];
// - SW = (1/M) sum_i (x_(i) - Phi^-1(i/(M+1)))^2 + mean^2 + (std - 1)^2, std the population
//   (divide by M) standard deviation.
import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import {
  andersonDarling,
  cramerVonMises,
  getRegulariser,
  sigregDirections,
  slicedStatistic,
  slicedWassersteinStatistic,
  type UnivariateStatistic,
} from "../../../src/core/objectives/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

/** erfc(z) for z >= 0: positive-term series of erf below 2.5, continued fraction above. */
function erfcNonNeg(z: number): number {
  if (z < 2.5) {
    // erf(z) = 2/sqrt(pi) e^{-z^2} sum_n 2^n z^{2n+1} / (1 * 3 * ... * (2n + 1)).
    let term = z;
    let sum = z;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
  }
  // erfc(z) = e^{-z^2} / sqrt(pi) / (z + (1/2) / (z + 1 / (z + (3/2) / (z + ...)))).
  let t = z;
  for (let k = 80; k >= 1; k--) t = z + k / 2 / t;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / t;
}

/** Phi(x) and ln(1 - Phi(x)) = ln Phi(-x), each from the erfc of the non-negative side. */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  return x < 0 ? 0.5 * erfcNonNeg(z) : 1 - 0.5 * erfcNonNeg(z);
}
function logPhi(x: number): number {
  return x < 0 ? Math.log(0.5 * erfcNonNeg(-x / Math.SQRT2)) : Math.log1p(-phi(-x));
}
/** Phi^-1(p) by bisection on phi (to the last bit). */
function quantile(p: number): number {
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function cvmReference(y: ArrayLike<number>): number {
  const x = Float64Array.from(y).sort();
  const m = x.length;
  let w2 = 1 / (12 * m);
  for (let i = 1; i <= m; i++) w2 += ((2 * i - 1) / (2 * m) - phi(x[i - 1])) ** 2;
  return w2;
}
function adReference(y: ArrayLike<number>): number {
  const x = Float64Array.from(y).sort();
  const m = x.length;
  let s = 0;
  for (let i = 1; i <= m; i++) s += (2 * i - 1) * (logPhi(x[i - 1]) + logPhi(-x[m - i]));
  return -m - s / m;
}
function swReference(y: ArrayLike<number>): number {
  const x = Float64Array.from(y).sort();
  const m = x.length;
  let w2 = 0;
  let mean = 0;
  for (let i = 1; i <= m; i++) {
    w2 += (x[i - 1] - quantile(i / (m + 1))) ** 2;
    mean += x[i - 1];
  }
  mean /= m;
  let v = 0;
  for (const t of x) v += (t - mean) ** 2;
  return w2 / m + mean * mean + (Math.sqrt(v / m) - 1) ** 2;
}

// A fixed, skewed, heavy-ish sample with a tie and two far-tail points, in shuffled order.
const M = 40;
const SAMPLE: Float64Array = (() => {
  const rng = new Rng(31, "univariate-reference");
  const x = Float64Array.from({ length: M }, () => 0.8 * (rng.gamma(2) - 2));
  x[3] = x[17]; // a tie
  x[5] = 5.5; // far right tail
  x[11] = -4.2; // far left tail
  return x;
})();
// src/'s Phi is a Chebyshev erfc fit (fractional error < 1.2e-7), so each Phi or ln Phi is off by
// at most about 1.2e-7 and W^2, A^2 by at most 2 * 1.2e-7 * M (each term's derivative <= 2,
// resp. (2i - 1)/M <= 2); its quantile has relative error < 1.15e-9.
const TOL_CDF = 2 * 1.2e-7 * M;
const TOL_QUANTILE = 1e-8;

Deno.test("the reference normal CDF helpers match scipy.stats.norm to 1e-13", () => {
  // scipy 1.17: norm.cdf(x) and norm.logsf(x).
  const ref: [number, number, number][] = [
    [-6, 9.865876450376946e-10, -9.86587645524372e-10],
    [-3, 0.0013498980316300933, -0.0013508099647481925],
    [-1, 0.15865525393145707, -0.1727537790234499],
    [0.5, 0.6914624612740131, -1.1759117615936188],
    [2.5, 0.9937903346742238, -5.081648277278691],
    [4, 0.9999683287581669, -10.360101486527292],
  ];
  for (const [x, cdf, logsf] of ref) {
    assert.ok(Math.abs(phi(x) / cdf - 1) < 1e-13, `Phi(${x}) ${phi(x)} vs ${cdf}`);
    assert.ok(Math.abs(logPhi(-x) / logsf - 1) < 1e-13, `ln(1 - Phi(${x}))`);
  }
  assert.ok(Math.abs(quantile(0.975) - 1.959963984540054) < 1e-13);
});

Deno.test("cramerVonMises() equals the textbook W^2 on a fixed non-Gaussian sample", () => {
  const got = cramerVonMises(SAMPLE).value;
  const want = cvmReference(SAMPLE);
  assert.ok(want > 0.2, `a non-Gaussian sample should score high, got ${want}`);
  assert.ok(Math.abs(got - want) < TOL_CDF, `W^2 ${got} vs reference ${want}`);
});

Deno.test("andersonDarling() equals the textbook A^2 on a fixed non-Gaussian sample", () => {
  const got = andersonDarling(SAMPLE).value;
  const want = adReference(SAMPLE);
  assert.ok(want > 1, `a non-Gaussian sample should score high, got ${want}`);
  assert.ok(Math.abs(got - want) < TOL_CDF, `A^2 ${got} vs reference ${want}`);
});

Deno.test("slicedWassersteinStatistic() equals the VISReg formula on a fixed non-Gaussian sample", () => {
  const got = slicedWassersteinStatistic(SAMPLE).value;
  const want = swReference(SAMPLE);
  assert.ok(Math.abs(got - want) < TOL_QUANTILE, `SW ${got} vs reference ${want}`);
});

Deno.test("the sliced regularisers average the per-slice statistic over their seeded directions", () => {
  // h: 64 x 3, independent skewed columns; directions as the regulariser draws them,
  // new Rng(seed, name, step), rounded to float32 as the tfjs projection uses them.
  const m = 64;
  const n = 3;
  const k = 8;
  const rng = new Rng(5, "sliced-h");
  const h = Float32Array.from({ length: m * n }, () => rng.gamma(1.5) - 1.5);
  const ctx = { step: 7, seed: 123, views: 2, batch: m / 2, slices: k };
  const cases: [string, UnivariateStatistic, (y: Float64Array) => number][] = [
    ["cvm", cramerVonMises, cvmReference],
    ["anderson_darling", andersonDarling, adReference],
    ["sliced_wasserstein", slicedWassersteinStatistic, swReference],
  ];
  for (const [name, stat, ref] of cases) {
    const a = Float32Array.from(sigregDirections(n, k, new Rng(ctx.seed, name, ctx.step)));
    let want = 0;
    for (let s = 0; s < k; s++) {
      const y = new Float64Array(m);
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < n; i++) y[r] += h[r * n + i] * a[i * k + s];
      }
      want += ref(y) / k;
    }
    const [viaApply, viaSliced] = tf.tidy(() => {
      const t = tf.tensor2d(h, [m, n]);
      return [
        getRegulariser(name).apply(t, ctx).dataSync()[0],
        slicedStatistic(t, a, k, stat).dataSync()[0],
      ];
    });
    // float32 projections (tfjs matMul): about 1e-4 relative, as the vectors' README says.
    assert.ok(Math.abs(viaApply - want) <= 1e-4 * want, `${name}: apply ${viaApply} vs ${want}`);
    assert.ok(Math.abs(viaSliced - want) <= 1e-4 * want, `${name}: sliced ${viaSliced}`);
  }
});
