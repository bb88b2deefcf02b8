/**
 * The identifiability paper's learning-rate schedule.
 *
 * @module
 */

/**
 * Learning rate at `step` (0-based) of `total`: `base` for the first half,
 * then cosine from `base` to 0 over the second half.
 *
 * @example
 * ```ts
 * import { learningRate } from "./schedule.ts";
 * learningRate(0, 100, 3e-3); // 3e-3
 * learningRate(75, 100, 3e-3); // 1.5e-3 (half-way down the cosine)
 * ```
 */
export function learningRate(step: number, total: number, base: number): number {
  if (!(Number.isInteger(total) && total > 0)) {
    throw new RangeError(`learningRate: total must be a positive integer, got ${total}`);
  }
  if (!(step >= 0 && step <= total)) {
    throw new RangeError(`learningRate: step must lie in [0, ${total}], got ${step}`);
  }
  const half = Math.floor(total / 2);
  if (step < half) return base;
  const span = total - half;
  return base * 0.5 * (1 + Math.cos(Math.PI * (step - half) / span));
}
