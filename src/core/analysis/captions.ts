/**
 * What the numbers of a ranking and a comparison are, in words, once for the
 * CLI and the dashboard.
 *
 * @module
 */
import { differenceIntervalCaption, seedCountPhrase } from "../stats/mod.ts";
import type { MetricDifference } from "./compare.ts";
import type { Ranking } from "./rank.ts";

/**
 * Caption of a ranking: the aggregate, its interval and the tasks behind it.
 *
 * @example
 * ```ts
 * import { rankingCaption } from "./captions.ts";
 * import type { Ranking } from "./rank.ts";
 * declare const r: Ranking;
 * console.log(rankingCaption(r));
 * ```
 */
export function rankingCaption(r: Ranking): string {
  const rows = r.rows.filter((x) => x.n > 0);
  if (rows.length === 0 || r.tasks.length === 0) {
    return "no task has values for every entry: nothing to rank (see the per-task values)";
  }
  const k = r.tasks.length;
  const seeds = seedCountPhrase(rows.flatMap((x) => x.seedsPerTask));
  const which = r.taskRule === "common" ? "common task" : "chosen task";
  return `mean over ${k} ${which}${k === 1 ? "" : "s"} of the per-task seed means; 95 % ` +
    `stratified t-interval over ${k} task${k === 1 ? "" : "s"} × ${seeds} a task (none where ` +
    `a task has one seed)` + (r.ranked ? "; " + tieCaption(r) : "; direction unknown: not ranked");
}

/**
 * Caption of a ranking's tie groups.
 *
 * @example
 * ```ts
 * import { tieCaption } from "./captions.ts";
 * import type { Ranking } from "./rank.ts";
 * declare const r: Ranking;
 * console.log(tieCaption(r));
 * ```
 */
export function tieCaption(r: Ranking): string {
  if (r.tiePairs === 0) {
    return "tie groups: no pair could be tested (one seed a task, or one entry)";
  }
  return `tie group = entries not distinguishable from the group's first (pairwise stratified ` +
    `t-tests on the ranked tasks, H0 no difference, Holm-adjusted over ${r.tiePairs} pair` +
    `${
      r.tiePairs === 1 ? "" : "s"
    }, family-wise alpha ${r.tieAlpha}); group 1 is tied with the leader`;
}

/**
 * Caption of the intervals of compared metrics (per task, then overall).
 *
 * @example
 * ```ts
 * import { differenceCaption } from "./captions.ts";
 * console.log(differenceCaption([])); // ""
 * ```
 */
export function differenceCaption(metrics: readonly MetricDifference[]): string {
  const rows = metrics.flatMap((m) => m.rows);
  if (rows.length === 0) return "";
  const methods = {
    paired: rows.filter((r) => r.method === "paired").length,
    welch: rows.filter((r) => r.method === "welch").length,
    pooled: rows.filter((r) => r.method === "pooled").length,
  };
  const caption = `B - A; 95% CI = ${
    differenceIntervalCaption(methods, rows.flatMap((r) => [r.nA, r.nB]))
  }`;
  return metrics.some((m) => m.rows.length > 1)
    ? `${caption}; "all": mean over the common tasks of the per-task differences, stratified ` +
      "t-interval"
    : caption;
}
