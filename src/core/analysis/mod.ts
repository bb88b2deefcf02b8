/**
 * The analysis layer: what an entry and a task are, which way a metric is
 * better (declared metrics only), like-for-like comparison of two entries on
 * their common tasks, ranking over the tasks every ranked entry shares, and
 * a metric's change points over time, and the papers' claims judged on
 * verified records (`claims/`). The CLI and the dashboard both call it
 * and only format its answers. Convention (README "How results are
 * compared"): difference = B - A with A the reference; aggregate = mean over
 * common tasks of per-task seed means with a stratified t-interval.
 *
 * @example
 * ```ts
 * import { metricGoal, rankEntries, tabulate } from "./mod.ts";
 * const goal = metricGoal([{ name: "r2", direction: "higher" }], "r2");
 * const t = tabulate([{ entry: "a", task: "x", seed: 0, value: 0.9, order: 0 }]);
 * console.assert(rankEntries(t, "r2", goal).rows[0].rank === 1);
 * ```
 *
 * @module
 */
export * from "./entries.ts";
export * from "./goal.ts";
export * from "./observations.ts";
export * from "./stratified_difference.ts";
export * from "./compare.ts";
export * from "./rank.ts";
export * from "./task_matrix.ts";
export * from "./facets.ts";
export * from "./ties.ts";
export * from "./history.ts";
export * from "./commit_history.ts";
export * from "./captions.ts";
export * from "./claims/mod.ts";
