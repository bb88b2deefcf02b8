/**
 * The regression rule of SPEC section 6: compare a candidate with a baseline
 * through the 95 % interval of their difference (the seed t-interval of
 * `seedDifferenceInterval` in t_interval.ts) and a practical margin.
 *
 * @module
 */

/** Outcome of a comparison with a baseline. */
export type Verdict = "better" | "worse" | "no detectable change";

/** Which way a metric improves. */
export type Direction = "higher" | "lower";

/**
 * Verdict from the CI of `candidate - baseline` (e.g. `seedDifferenceInterval` in t_interval.ts
 * with a = baseline, b = candidate) and a margin >= 0 in the metric's units.
 * "worse" only when the whole CI lies beyond the margin on the worse side
 * (higher-is-better: `ciHigh < -margin`; lower-is-better: `ciLow > margin`);
 * "better" symmetrically; otherwise "no detectable change". A NaN bound gives
 * "no detectable change".
 *
 * @example
 * ```ts
 * import { verdict } from "./verdict.ts";
 * console.assert(verdict({ ciLow: -0.3, ciHigh: -0.2 }, 0.1, "higher") === "worse");
 * console.assert(verdict({ ciLow: -0.3, ciHigh: 0.2 }, 0.1, "higher") === "no detectable change");
 * ```
 */
export function verdict(
  diffCI: { ciLow: number; ciHigh: number },
  margin: number,
  direction: Direction,
): Verdict {
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`margin must be finite and >= 0, got ${margin}`);
  }
  if (direction !== "higher" && direction !== "lower") {
    throw new RangeError(`direction must be "higher" or "lower", got ${JSON.stringify(direction)}`);
  }
  const { ciLow, ciHigh } = diffCI;
  if (Number.isNaN(ciLow) || Number.isNaN(ciHigh)) return "no detectable change";
  if (ciLow > ciHigh) throw new RangeError(`CI is inverted: [${ciLow}, ${ciHigh}]`);
  const above = ciLow > margin; // wholly above +margin
  const below = ciHigh < -margin; // wholly below -margin
  if (direction === "higher") return above ? "better" : below ? "worse" : "no detectable change";
  return below ? "better" : above ? "worse" : "no detectable change";
}
