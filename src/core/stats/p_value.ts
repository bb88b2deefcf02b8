/**
 * The two-sided p-value of "the difference is zero" behind a Student-t
 * interval: the interval `estimate ± q(df) · se` gives `se`, and
 * `p = 2 (1 - T_df(|estimate| / se))`.
 *
 * @module
 */
import { studentTCdf, studentTQuantile } from "./student_t.ts";

/**
 * Two-sided p-value of H0: the true value is 0, from a t-interval at `level`.
 * NaN when the interval is missing (fewer than two values); with a zero-width
 * interval, 1 for a zero estimate and 0 otherwise.
 *
 * @example
 * ```ts
 * import { intervalPValue } from "./p_value.ts";
 * // estimate 1 with half-width q(0.975, 10) * 0.5: t = 2, p about 0.073
 * const q = 2.2281388519649385;
 * console.log(intervalPValue({ estimate: 1, ciLow: 1 - q * 0.5, ciHigh: 1 + q * 0.5, df: 10 }));
 * ```
 */
export function intervalPValue(
  ci: { estimate: number; ciLow: number; ciHigh: number; df: number },
  level = 0.95,
): number {
  const { estimate, ciLow, ciHigh, df } = ci;
  if (![estimate, ciLow, ciHigh, df].every(Number.isFinite) || df <= 0) return NaN;
  const half = (ciHigh - ciLow) / 2;
  if (half <= 0) return estimate === 0 ? 1 : 0;
  const se = half / studentTQuantile((1 + level) / 2, df);
  const t = Math.abs(estimate) / se;
  return Math.min(1, 2 * (1 - studentTCdf(t, df)));
}

/**
 * A p-value as printed by the CLI and the dashboard: 3 significant digits, "<1e-6" below that.
 *
 * @example
 * ```ts
 * import { formatPValue } from "./p_value.ts";
 * console.log(formatPValue(0.01234), formatPValue(1e-9)); // "0.0123" "<1e-6"
 * ```
 */
export function formatPValue(p: number): string {
  return p < 1e-6 ? "<1e-6" : p.toPrecision(3);
}
