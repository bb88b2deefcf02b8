/**
 * A metric's history: change points of a series over commits (or runs), found
 * by the step fit of src/core/stats/changepoints.ts, each labelled from the
 * metric's declared goal (a regression goes the worse way). A metric whose
 * direction is unknown gets unlabelled "change"s.
 *
 * @module
 */
import { type ChangePointOptions, detectChangePoints } from "../stats/mod.ts";
import type { MetricGoal } from "./goal.ts";

/**
 * The value of one point of a history (one run or commit): the mean over its
 * tasks of the per-task seed means, so each task weighs the same (the
 * aggregate of {@link rankEntries} in rank.ts, without the interval).
 *
 * @example
 * ```ts
 * import { historyValue } from "./history.ts";
 * console.assert(historyValue([[1, 3], [10]]) === 6);
 * ```
 */
export function historyValue(tasks: Iterable<readonly number[]>): number {
  let sum = 0;
  let k = 0;
  for (const t of tasks) {
    if (t.length === 0) continue;
    sum += t.reduce((s, x) => s + x, 0) / t.length;
    k++;
  }
  return k === 0 ? NaN : sum / k;
}

/** What a step is, from the goal. */
export type ChangeKind = "regression" | "improvement" | "change";

/** A labelled step. */
export interface LabelledChange {
  /** Index (in the series given) of the first point of the new level. */
  index: number;
  before: number;
  after: number;
  kind: ChangeKind;
}

/**
 * Whether a step from `before` to `after` is an improvement or a regression
 * of a metric with `goal` (series values are the raw metric; a target metric
 * is judged by the distance to a numeric target; a `"dim"` target or an
 * unknown direction gives "change").
 *
 * @example
 * ```ts
 * import { changeKind } from "./history.ts";
 * console.assert(changeKind(1, 2, { kind: "lower" }) === "regression");
 * console.assert(changeKind(3, 3.9, { kind: "target", target: 4 }) === "improvement");
 * console.assert(changeKind(3, 4, { kind: "unknown" }) === "change");
 * ```
 */
export function changeKind(before: number, after: number, goal: MetricGoal): ChangeKind {
  if (goal.kind === "unknown" || after === before) return "change";
  if (goal.kind === "target") {
    if (typeof goal.target !== "number") return "change";
    const [b, a] = [Math.abs(before - goal.target), Math.abs(after - goal.target)];
    return a === b ? "change" : a < b ? "improvement" : "regression";
  }
  return (after > before) === (goal.kind === "higher") ? "improvement" : "regression";
}

/**
 * The labelled change points of `series` (values in order; nulls are gaps and
 * are skipped, indices refer to `series`).
 *
 * @example
 * ```ts
 * import { historyChanges } from "./history.ts";
 * const c = historyChanges([1, 1, 1, null, 1, 5, 5, 5, 5], { kind: "higher" });
 * console.assert(c.length === 1 && c[0].index === 5 && c[0].kind === "improvement");
 * ```
 */
export function historyChanges(
  series: readonly (number | null)[],
  goal: MetricGoal,
  options?: ChangePointOptions,
): LabelledChange[] {
  const present = series.flatMap((v, i) => v === null || !Number.isFinite(v) ? [] : [[i, v]]);
  return detectChangePoints(present.map(([, v]) => v), options).map((c) => ({
    index: present[c.index][0],
    before: c.before,
    after: c.after,
    kind: changeKind(c.before, c.after, goal),
  }));
}
