/**
 * Sliced Wasserstein-2 distance to N(0, 1), VISReg style (SPEC section 5):
 * per slice, sort the projection and take the mean squared distance to the
 * Gaussian quantiles `q_i = sqrt(2) erfinv(2i/(M+1) - 1) = Phi^-1(i/(M+1))`,
 * plus `mean(y)^2 + (std(y) - 1)^2` (population std). Near 0 on a Gaussian
 * sample (about 0.01 at M = 512), mean(q^2) + 1 (about 2) on a collapsed one.
 *
 * Default weight lambda = 0.5 (as whitening: both are O(1) distances, not
 * M-scaled test statistics).
 *
 * @module
 */
import type { Regulariser } from "./regulariser.ts";
import { normalQuantile } from "./normal.ts";
import { ranks, slicedRegulariser } from "./sliced.ts";

const quantileCache = new Map<number, Float64Array>();

/**
 * The M Gaussian quantiles Phi^-1(i / (M + 1)), i = 1..M (cached per M).
 *
 * @example
 * ```ts
 * import { gaussianQuantiles } from "./sliced_wasserstein.ts";
 * const q = gaussianQuantiles(3); // [-0.674, 0, 0.674]
 * ```
 */
export function gaussianQuantiles(m: number): Float64Array {
  let q = quantileCache.get(m);
  if (q === undefined) {
    q = new Float64Array(m);
    for (let i = 0; i < m; i++) q[i] = normalQuantile((i + 1) / (m + 1));
    quantileCache.set(m, q);
  }
  return q;
}

/**
 * The VISReg-style statistic of one sample y and its gradient in y (a.e.).
 *
 * @example
 * ```ts
 * import { slicedWassersteinStatistic } from "./sliced_wasserstein.ts";
 * const { value } = slicedWassersteinStatistic(new Float64Array(100)); // about 1.96
 * ```
 */
export function slicedWassersteinStatistic(y: Float64Array): { value: number; grad: Float64Array } {
  const m = y.length;
  const q = gaussianQuantiles(m);
  const r = ranks(y);
  let mu = 0;
  for (let j = 0; j < m; j++) mu += y[j];
  mu /= m;
  let w2 = 0;
  let v = 0;
  for (let j = 0; j < m; j++) {
    const d = y[j] - q[r[j] - 1];
    w2 += d * d;
    v += (y[j] - mu) * (y[j] - mu);
  }
  const sd = Math.sqrt(v / m);
  const value = w2 / m + mu * mu + (sd - 1) * (sd - 1);
  const grad = new Float64Array(m);
  const sdTerm = sd > 0 ? 2 * (sd - 1) / (m * sd) : 0;
  for (let j = 0; j < m; j++) {
    grad[j] = 2 * (y[j] - q[r[j] - 1]) / m + 2 * mu / m + sdTerm * (y[j] - mu);
  }
  return { value, grad };
}

/**
 * The sliced Wasserstein regulariser (name "sliced_wasserstein", lambda 0.5).
 *
 * @example
 * ```ts
 * import { slicedWassersteinRegulariser } from "./sliced_wasserstein.ts";
 * console.assert(slicedWassersteinRegulariser.defaultLambda === 0.5);
 * ```
 */
export const slicedWassersteinRegulariser: Regulariser = slicedRegulariser(
  "sliced_wasserstein",
  "sliced Wasserstein-2 to N(0, 1) with mean and std terms (VISReg style)",
  0.5,
  slicedWassersteinStatistic,
);
