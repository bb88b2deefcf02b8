/**
 * Sliced Anderson–Darling test against N(0, 1): a tail-weighted CDF-based
 * univariate variant of SIGReg (LeJEPA, Balestriero & LeCun 2025, arXiv
 * 2511.08544; SPEC section 5). Statistic per slice (Anderson & Darling 1954):
 * `A^2 = -M - (1/M) sum_i (2i - 1) [ln Phi(y_(i)) + ln(1 - Phi(y_(M+1-i)))]`,
 * computed with a log-CDF accurate in the tails so outliers give finite,
 * growing gradients. About 1 on a Gaussian sample, (2 ln 2 - 1) M = 0.39 M on
 * a sample collapsed at 0.
 *
 * Default weight lambda = 1e-3 (as SIGReg; collapse costs 0.39 M here and
 * 0.41 M for Epps–Pulley).
 *
 * @module
 */
import type { Regulariser } from "./regulariser.ts";
import { normalLogCdf } from "./normal.ts";
import { ranks, slicedRegulariser } from "./sliced.ts";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * A^2 of one sample y against N(0, 1) and its gradient in y (a.e.; ranks
 * held fixed). Written per element: the value of rank r enters with weight
 * (2r - 1) on ln Phi(y) and (2M - 2r + 1) on ln(1 - Phi(y)).
 *
 * @example
 * ```ts
 * import { andersonDarling } from "./anderson_darling.ts";
 * const { value } = andersonDarling(new Float64Array(100)); // about 38.6
 * ```
 */
export function andersonDarling(y: Float64Array): { value: number; grad: Float64Array } {
  const m = y.length;
  const r = ranks(y);
  const grad = new Float64Array(m);
  let acc = 0;
  for (let j = 0; j < m; j++) {
    const lo = 2 * r[j] - 1;
    const hi = 2 * m - 2 * r[j] + 1;
    const logF = normalLogCdf(y[j]);
    const logS = normalLogCdf(-y[j]); // ln(1 - Phi(y))
    acc += lo * logF + hi * logS;
    const logPdf = -0.5 * y[j] * y[j] - LOG_SQRT_2PI;
    // d ln Phi / dy = phi / Phi; d ln(1 - Phi) / dy = -phi / (1 - Phi).
    grad[j] = -(lo * Math.exp(logPdf - logF) - hi * Math.exp(logPdf - logS)) / m;
  }
  return { value: -m - acc / m, grad };
}

/**
 * The sliced Anderson–Darling regulariser (name "anderson_darling", lambda 1e-3).
 *
 * @example
 * ```ts
 * import { andersonDarlingRegulariser } from "./anderson_darling.ts";
 * console.assert(andersonDarlingRegulariser.defaultLambda === 1e-3);
 * ```
 */
export const andersonDarlingRegulariser: Regulariser = slicedRegulariser(
  "anderson_darling",
  "sliced Anderson–Darling test against N(0, 1) (tail-weighted CDF-based SIGReg variant)",
  1e-3,
  andersonDarling,
);
