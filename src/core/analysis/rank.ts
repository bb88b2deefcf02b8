/**
 * Ranking of entries on one metric over the tasks that ALL ranked entries
 * share (or an explicit list of tasks): each entry's aggregate is the mean
 * over those tasks of its per-task seed means, with the stratified
 * t-interval (tasks as strata, each weighing the same). Ranked in the
 * declared direction (a target metric: by the distance to the target, lower
 * first); a metric whose direction is unknown is never ranked. The per-task
 * matrix of means is returned too, for every task any entry ran, and the
 * tie groups (`ties.ts`: pairwise tests on the ranked tasks, Holm-adjusted).
 *
 * @module
 */
import { stratifiedTInterval } from "../stats/mod.ts";
import { goalDirection, type MetricGoal } from "./goal.ts";
import type { ObservationTable } from "./observations.ts";
import { TIE_ALPHA, tieGroups } from "./ties.ts";
import { taskMatrix } from "./task_matrix.ts";

/** One entry's line. */
export interface RankRow {
  /** 1 = best; null when the metric is not ranked (unknown direction) or the entry has no value. */
  rank: number | null;
  entry: string;
  /** Mean over the ranked tasks of the per-task seed means. */
  mean: number;
  /** 95 % stratified t-interval of `mean`; NaN bounds when a task has one seed. */
  ciLow: number;
  ciHigh: number;
  /** Values behind the numbers (tasks × seeds). */
  n: number;
  /** Fewest and most seeds of a ranked task. */
  seedsPerTask: [number, number];
  /** Tasks this entry ran that are left out of the ranking (not shared by all). */
  extraTasks: number;
  /**
   * Tie group (1 = statistically indistinguishable from the leader; see `ties.ts`); null when
   * not ranked.
   */
  tieGroup: number | null;
  /** Holm-adjusted p-value of the difference from the leader; NaN for the leader or untested. */
  pVsLeader: number;
}

/** A ranking of one metric. */
export interface Ranking {
  metric: string;
  goal: MetricGoal;
  /** False when the direction is unknown: rows are listed by name, not ranked. */
  ranked: boolean;
  /** The tasks the numbers are over, sorted. */
  tasks: string[];
  /** How the tasks were chosen. */
  taskRule: "common" | "explicit";
  rows: RankRow[];
  /** Every task any entry ran -> entry -> mean over seeds. */
  matrix: Record<string, Record<string, number>>;
  /** Pairs in the Holm family of the tie groups (0 when fewer than two entries are ranked). */
  tiePairs: number;
  /** Family-wise error rate of the tie groups. */
  tieAlpha: number;
}

/** Options of {@link rankEntries}. */
export interface RankOptions {
  /** Only these entries (default: every entry with values). */
  entries?: readonly string[];
  /** Rank over exactly these tasks (default: those every entry ran). */
  tasks?: readonly string[];
}

/**
 * Rank the entries of `table` on one metric.
 *
 * @example
 * ```ts
 * import { rankEntries } from "./rank.ts";
 * import { tabulate } from "./observations.ts";
 * const t = tabulate([
 *   { entry: "a", task: "x", seed: 0, value: 1, order: 0 },
 *   { entry: "b", task: "x", seed: 0, value: 2, order: 0 },
 *   { entry: "b", task: "y", seed: 0, value: 9, order: 0 },
 * ]);
 * const r = rankEntries(t, "m", { kind: "higher" });
 * console.assert(r.tasks.join() === "x" && r.rows[0].entry === "b");
 * ```
 */
export function rankEntries(
  table: ObservationTable,
  metric: string,
  goal: MetricGoal,
  options: RankOptions = {},
): Ranking {
  const entries = (options.entries ?? [...table.keys()]).filter((e) =>
    [...(table.get(e)?.values() ?? [])].some((s) => s.size > 0)
  );
  const tasksOf = (e: string) =>
    [...table.get(e)!.entries()].filter(([, s]) => s.size > 0).map(([t]) => t);
  const tasks = options.tasks !== undefined
    ? [...options.tasks].sort()
    : entries.length === 0
    ? []
    : tasksOf(entries[0]).filter((t) => entries.every((e) => table.get(e)!.has(t))).sort();
  const inTasks = new Set(tasks);
  const rows: RankRow[] = entries.map((entry) => {
    const groups = tasks.map((t) => [...(table.get(entry)!.get(t)?.values() ?? [])])
      .filter((g) => g.length > 0);
    const complete = groups.length === tasks.length && tasks.length > 0;
    const ci = complete ? stratifiedTInterval(groups, "equal") : null;
    const sizes = groups.map((g) => g.length);
    return {
      rank: null,
      entry,
      mean: ci?.estimate ?? NaN,
      ciLow: ci?.ciLow ?? NaN,
      ciHigh: ci?.ciHigh ?? NaN,
      n: sizes.reduce((s, x) => s + x, 0),
      seedsPerTask: sizes.length ? [Math.min(...sizes), Math.max(...sizes)] : [0, 0],
      extraTasks: tasksOf(entry).filter((t) => !inTasks.has(t)).length,
      tieGroup: null,
      pVsLeader: NaN,
    };
  });
  const dir = goalDirection(goal);
  const better = dir === "higher" ? -1 : 1;
  rows.sort((x, y) => {
    const xn = Number.isNaN(x.mean), yn = Number.isNaN(y.mean);
    if (dir === null || xn || yn) return Number(xn) - Number(yn) || x.entry.localeCompare(y.entry);
    return better * (x.mean - y.mean) || x.entry.localeCompare(y.entry);
  });
  let tiePairs = 0;
  if (dir !== null) {
    let rank = 0;
    for (const r of rows) if (!Number.isNaN(r.mean)) r.rank = ++rank;
    const ranked = rows.filter((r) => r.rank !== null);
    const ties = tieGroups(table, ranked.map((r) => r.entry), tasks);
    for (const r of ranked) {
      r.tieGroup = ties.group.get(r.entry) ?? null;
      r.pVsLeader = ties.pVsLeader.get(r.entry) ?? NaN;
    }
    tiePairs = ties.pairs;
  }
  const matrix: Record<string, Record<string, number>> = {};
  const cells = taskMatrix(table, metric, goal, entries).cells;
  for (const [t, row] of Object.entries(cells)) {
    for (const [e, c] of Object.entries(row)) (matrix[t] ??= {})[e] = c.mean;
  }
  return {
    metric,
    goal,
    ranked: dir !== null,
    tasks,
    taskRule: options.tasks !== undefined ? "explicit" : "common",
    rows,
    matrix,
    tiePairs,
    tieAlpha: TIE_ALPHA,
  };
}
