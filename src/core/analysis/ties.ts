/**
 * Tie groups of a ranking: which entries the data cannot tell apart. Every
 * pair of ranked entries is tested on the ranking's tasks (the stratified
 * t-interval of their difference, paired on seeds where they share them;
 * H0: no difference), the p-values are Holm-adjusted over all pairs, and the
 * groups are formed down the ranking: an entry joins the group of the
 * current group's first entry when their adjusted p-value is at least alpha,
 * and starts the next group otherwise. Group 1 is the leader's: the entries
 * statistically indistinguishable from it.
 *
 * @module
 */
import { holmAdjust, intervalPValue } from "../stats/mod.ts";
import type { ObservationTable } from "./observations.ts";
import { stratifiedDifference } from "./stratified_difference.ts";

/** Family-wise error rate of the tie groups. */
export const TIE_ALPHA = 0.05;

/** The tie groups of a ranking. */
export interface TieGroups {
  /** entry -> group (1 = tied with the leader). */
  group: Map<string, number>;
  /** entry -> Holm-adjusted p-value of its difference from the leader (NaN for the leader). */
  pVsLeader: Map<string, number>;
  /** Pairs in the Holm family. */
  pairs: number;
  alpha: number;
}

/**
 * Tie groups of `ranked` (entries best first) over `tasks` of `table`.
 *
 * @example
 * ```ts
 * import { tieGroups } from "./ties.ts";
 * import { tabulate } from "./observations.ts";
 * const obs = [];
 * for (const [entry, base] of [["a", 1], ["b", 0.999], ["c", 0]] as const) {
 *   for (const seed of [0, 1, 2]) obs.push({ entry, task: "t", seed, value: base + 0.01 * seed, order: 0 });
 * }
 * const g = tieGroups(tabulate(obs), ["a", "b", "c"], ["t"]);
 * console.log(g.group); // a 1, b 1, c 2
 * ```
 */
export function tieGroups(
  table: ObservationTable,
  ranked: readonly string[],
  tasks: readonly string[],
  alpha = TIE_ALPHA,
): TieGroups {
  const sides = (e: string) => tasks.map((t) => table.get(e)?.get(t) ?? new Map<number, number>());
  const pairs: [number, number][] = [];
  const raw: number[] = [];
  const values = ranked.map(sides);
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      pairs.push([i, j]);
      raw.push(intervalPValue(
        stratifiedDifference(tasks.map((_, k) => ({ a: values[i][k], b: values[j][k] }))),
      ));
    }
  }
  const adjusted = new Map(holmAdjust(raw).map((q, k) => [pairs[k].join(), q]));
  const p = (i: number, j: number): number => adjusted.get(i < j ? `${i},${j}` : `${j},${i}`)!;
  const group = new Map<string, number>();
  const pVsLeader = new Map<string, number>();
  let anchor = 0;
  let g = 1;
  ranked.forEach((e, i) => {
    pVsLeader.set(e, i === 0 ? NaN : p(0, i));
    if (i > 0) {
      const q = p(anchor, i);
      // No test (too few seeds): the data cannot tell them apart.
      if (!(Number.isNaN(q) || q >= alpha)) {
        anchor = i;
        g++;
      }
    }
    group.set(e, g);
  });
  return { group, pVsLeader, pairs: raw.filter((x) => !Number.isNaN(x)).length, alpha };
}
