/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm
 * 1979): with the m p-values sorted ascending, `p_(i)` becomes
 * `max_{j <= i} min(1, (m - j + 1) p_(j))`. Rejecting where the adjusted value
 * is below alpha keeps the family-wise error rate at most alpha, with no
 * assumption on how the tests depend on one another.
 *
 * @module
 */

/**
 * Holm-adjusted p-values, in the input's order. NaN entries (no test) stay
 * NaN and are not counted in the family.
 *
 * @example
 * ```ts
 * import { holmAdjust } from "./holm.ts";
 * console.log(holmAdjust([0.01, 0.04, 0.03])); // [0.03, 0.06, 0.06]
 * ```
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => [p, i] as const).filter(([p]) => !Number.isNaN(p));
  for (const [p] of idx) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
  }
  idx.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const m = idx.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  idx.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
