/**
 * Like-for-like comparison of two entries (or two sides: runs, commits) on
 * one metric: per common task, `B - A` (A is the reference) with its 95 %
 * t-interval over seeds (paired when both sides ran the same seeds, else
 * Welch), P(B better) and the margin verdict; and the overall difference,
 * the mean over the common tasks of the per-task differences, with its
 * stratified t-interval. Tasks that only one side ran are named, not used.
 *
 * @module
 */
import {
  type DifferenceMethod,
  holmAdjust,
  intervalPValue,
  mean,
  probabilityOfImprovement,
  seedDifferenceInterval,
  type Verdict,
  verdict,
} from "../stats/mod.ts";
import { goalDirection, type MetricGoal } from "./goal.ts";
import { stratifiedDifference } from "./stratified_difference.ts";

/** Values of one side: task -> seed -> analysed value. */
export type SideValues = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** One compared task (or, for the overall row, all common tasks). */
export interface TaskDifference {
  task: string;
  nA: number;
  nB: number;
  /** Mean over seeds (overall: mean over tasks of the per-task means). */
  meanA: number;
  meanB: number;
  /** meanB - meanA. */
  diff: number;
  /** 95 % interval of `diff`; NaN bounds when there is none. */
  ciLow: number;
  ciHigh: number;
  method: DifferenceMethod | "stratified";
  /** P(a B run beats an A run) in the metric's direction; NaN when the direction is unknown. */
  pBetter: number;
  /** From B's point of view; null when the direction is unknown. */
  verdict: Verdict | null;
  /** Two-sided p-value of "no difference" from the interval (unadjusted); NaN without one. */
  p: number;
}

/** A metric compared on the common tasks. */
export interface MetricDifference {
  metric: string;
  goal: MetricGoal;
  margin: number;
  /** Common tasks, sorted. */
  tasks: string[];
  rows: TaskDifference[];
  /** Over all common tasks; null without one. */
  overall: TaskDifference | null;
  /** Tasks with values on one side only. */
  onlyA: string[];
  onlyB: string[];
  /**
   * The overall row's p-value Holm-adjusted over the metrics of one comparison
   * ({@link holmOverMetrics}); NaN before that, without a test, or for a metric of unknown
   * direction.
   */
  pHolm: number;
}

/**
 * Compare side B against side A (the reference) on one metric.
 *
 * @example
 * ```ts
 * import { compareValues } from "./compare.ts";
 * const a = new Map([["t", new Map([[0, 1], [1, 1.1], [2, 0.9]])]]);
 * const b = new Map([["t", new Map([[0, 2], [1, 2.1], [2, 1.9]])]]);
 * const d = compareValues(a, b, "x", { kind: "higher" }, 0.1);
 * console.assert(Math.abs(d.overall!.diff - 1) < 1e-12 && d.overall!.verdict === "better");
 * ```
 */
export function compareValues(
  a: SideValues,
  b: SideValues,
  metric: string,
  goal: MetricGoal,
  margin: number,
): MetricDifference {
  const dir = goalDirection(goal);
  const sign = dir === "lower" ? -1 : 1;
  const has = (s: SideValues, t: string) => (s.get(t)?.size ?? 0) > 0;
  const tasks = [...a.keys()].filter((t) => has(a, t) && has(b, t)).sort();
  const rows: TaskDifference[] = tasks.map((task) => {
    const va = a.get(task)!;
    const vb = b.get(task)!;
    const xa = [...va.values()];
    const xb = [...vb.values()];
    const d = seedDifferenceInterval(va, vb);
    return {
      task,
      nA: xa.length,
      nB: xb.length,
      meanA: mean(xa),
      meanB: mean(xb),
      diff: d.estimate,
      ciLow: d.ciLow,
      ciHigh: d.ciHigh,
      method: d.method,
      pBetter: dir === null
        ? NaN
        : probabilityOfImprovement(xa.map((v) => sign * v), xb.map((v) => sign * v)),
      verdict: dir === null ? null : verdict(d, Math.max(0, margin), dir),
      p: intervalPValue(d),
    };
  });
  let overall: TaskDifference | null = null;
  if (rows.length === 1) overall = rows[0];
  else if (rows.length > 1) {
    const ci = stratifiedDifference(tasks.map((t) => ({ a: a.get(t)!, b: b.get(t)! })));
    overall = {
      task: `all (${rows.length} tasks)`,
      nA: rows.reduce((s, r) => s + r.nA, 0),
      nB: rows.reduce((s, r) => s + r.nB, 0),
      meanA: mean(rows.map((r) => r.meanA)),
      meanB: mean(rows.map((r) => r.meanB)),
      diff: ci.estimate,
      ciLow: ci.ciLow,
      ciHigh: ci.ciHigh,
      method: "stratified",
      pBetter: dir === null ? NaN : mean(rows.map((r) => r.pBetter)),
      verdict: dir === null ? null : verdict(ci, Math.max(0, margin), dir),
      p: intervalPValue(ci),
    };
  }
  return {
    metric,
    goal,
    margin,
    tasks,
    rows,
    overall,
    onlyA: [...a.keys()].filter((t) => has(a, t) && !has(b, t)).sort(),
    onlyB: [...b.keys()].filter((t) => has(b, t) && !has(a, t)).sort(),
    pHolm: NaN,
  };
}

/**
 * Holm-adjust the overall p-values of the metrics of one comparison (those with a declared
 * direction and a test), setting each metric's `pHolm`; returns the family size. A metric
 * whose adjusted p is below 0.05 differs with family-wise error at most 5 % over the family.
 *
 * @example
 * ```ts
 * import { compareValues, holmOverMetrics } from "./compare.ts";
 * const a = new Map([["t", new Map([[0, 1], [1, 1.1], [2, 0.9]])]]);
 * const b = new Map([["t", new Map([[0, 2], [1, 2.1], [2, 1.9]])]]);
 * const m = [compareValues(a, b, "x", { kind: "higher" }, 0.1), compareValues(a, a, "y", { kind: "lower" }, 0.1)];
 * console.log(holmOverMetrics(m), m[0].pHolm < 0.05); // 2 true
 * ```
 */
export function holmOverMetrics(metrics: MetricDifference[]): number {
  const inFamily = metrics.filter((m) =>
    goalDirection(m.goal) !== null && m.overall !== null && !Number.isNaN(m.overall.p)
  );
  const adjusted = holmAdjust(inFamily.map((m) => m.overall!.p));
  inFamily.forEach((m, i) => (m.pHolm = adjusted[i]));
  return inFamily.length;
}
