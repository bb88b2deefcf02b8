/**
 * Performance profiles (rliable): the fraction of runs scoring above each
 * threshold.
 *
 * @module
 */

/**
 * For each entry, the fraction of its runs with score strictly greater than
 * each `tau` (rliable's score distribution). Entries without runs give NaNs.
 *
 * @example
 * ```ts
 * import { performanceProfile } from "./profile.ts";
 * const p = performanceProfile({ sigreg: [0.9, 0.99, 0.999] }, [0.95, 0.995]);
 * console.assert(p.sigreg[0] === 2 / 3 && p.sigreg[1] === 1 / 3);
 * ```
 */
export function performanceProfile(
  scoresByEntry: Readonly<Record<string, readonly number[]>>,
  taus: readonly number[],
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [entry, scores] of Object.entries(scoresByEntry)) {
    out[entry] = taus.map((tau) => {
      if (scores.length === 0) return NaN;
      let above = 0;
      for (const s of scores) if (s > tau) above++;
      return above / scores.length;
    });
  }
  return out;
}
