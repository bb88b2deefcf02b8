/**
 * Sliced moment matching against N(0, 1): the moment-based univariate variant
 * of SIGReg (LeJEPA, Balestriero & LeCun 2025, arXiv 2511.08544, which notes
 * that matching finitely many moments cannot identify the Gaussian and that
 * high moments have unstable gradients; SPEC section 5, k <= 4).
 * Statistic per slice: `M * sum_{k=1..4} (mean(y^k) - mu_k)^2 / v_k` with the
 * Gaussian moments mu = (0, 1, 0, 3) and the variances of y^k under the null
 * v = (1, 2, 15, 96), so each term is a squared z-score (about 4 on a
 * Gaussian sample; M (1/2 + 9/96) = 0.59 M on a sample collapsed at 0).
 *
 * Default weight lambda = 1e-3 (as SIGReg; the statistic is M times a squared
 * distance of the same order under collapse).
 *
 * @module
 */
import type { Regulariser } from "./regulariser.ts";
import { slicedRegulariser } from "./sliced.ts";

/** Gaussian raw moments E[y^k], k = 1..4. */
const MU = [0, 1, 0, 3];
/** Var(y^k) under N(0, 1): E[y^2k] - E[y^k]^2 = 1, 3 - 1, 15, 105 - 9. */
const VAR = [1, 2, 15, 96];

/**
 * The moment statistic of one sample y and its gradient in y.
 *
 * @example
 * ```ts
 * import { momentStatistic } from "./moments.ts";
 * const { value } = momentStatistic(new Float64Array(100)); // 100 * (1/2 + 9/96)
 * ```
 */
export function momentStatistic(y: Float64Array): { value: number; grad: Float64Array } {
  const m = y.length;
  const mom = [0, 0, 0, 0];
  for (let j = 0; j < m; j++) {
    const v = y[j];
    const v2 = v * v;
    mom[0] += v;
    mom[1] += v2;
    mom[2] += v2 * v;
    mom[3] += v2 * v2;
  }
  const c = [0, 0, 0, 0];
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const d = mom[k] / m - MU[k];
    value += m * d * d / VAR[k];
    c[k] = 2 * d / VAR[k]; // d value / d mean(y^k), times 1/m from the mean: m cancels
  }
  const grad = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const v = y[j];
    grad[j] = c[0] + 2 * c[1] * v + 3 * c[2] * v * v + 4 * c[3] * v * v * v;
  }
  return { value, grad };
}

/**
 * The sliced moment-matching regulariser (name "moments", lambda 1e-3).
 *
 * @example
 * ```ts
 * import { momentsRegulariser } from "./moments.ts";
 * console.assert(momentsRegulariser.name === "moments");
 * ```
 */
export const momentsRegulariser: Regulariser = slicedRegulariser(
  "moments",
  "sliced matching of the first four moments to N(0, 1) (moment-based SIGReg variant)",
  1e-3,
  momentStatistic,
);
