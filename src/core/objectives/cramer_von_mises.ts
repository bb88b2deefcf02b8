/**
 * Sliced Cramér–von Mises test against N(0, 1): a CDF-based univariate
 * variant of SIGReg (LeJEPA, Balestriero & LeCun 2025, arXiv 2511.08544,
 * which compares Epps–Pulley with moment- and CDF-based tests; SPEC
 * section 5). Statistic per slice (Anderson 1962; D'Agostino & Stephens 1986):
 * `W^2 = 1/(12 M) + sum_i (Phi(y_(i)) - (2i - 1)/(2M))^2`.
 * About 1/6 on a Gaussian sample, M/12 on a collapsed one.
 *
 * Default weight lambda = 1e-3 (as SIGReg: both statistics are M times a
 * squared distance, collapse gives 0.083 M here and 0.41 M for Epps–Pulley).
 *
 * @module
 */
import type { Regulariser } from "./regulariser.ts";
import { normalCdf, normalPdf } from "./normal.ts";
import { ranks, slicedRegulariser } from "./sliced.ts";

/**
 * W^2 of one sample y against N(0, 1) and its gradient in y (a.e.; ranks
 * held fixed).
 *
 * @example
 * ```ts
 * import { cramerVonMises } from "./cramer_von_mises.ts";
 * const { value } = cramerVonMises(new Float64Array(120)); // 120 / 12 = 10
 * ```
 */
export function cramerVonMises(y: Float64Array): { value: number; grad: Float64Array } {
  const m = y.length;
  const r = ranks(y);
  const grad = new Float64Array(m);
  let value = 1 / (12 * m);
  for (let j = 0; j < m; j++) {
    const d = normalCdf(y[j]) - (2 * r[j] - 1) / (2 * m);
    value += d * d;
    grad[j] = 2 * d * normalPdf(y[j]);
  }
  return { value, grad };
}

/**
 * The sliced Cramér–von Mises regulariser (name "cvm", lambda 1e-3).
 *
 * @example
 * ```ts
 * import { cramerVonMisesRegulariser } from "./cramer_von_mises.ts";
 * console.assert(cramerVonMisesRegulariser.name === "cvm");
 * ```
 */
export const cramerVonMisesRegulariser: Regulariser = slicedRegulariser(
  "cvm",
  "sliced Cramér–von Mises test against N(0, 1) (CDF-based SIGReg variant)",
  1e-3,
  cramerVonMises,
);
