/**
 * The per-task matrix of one metric: for every task any entry ran and every
 * entry, the mean over seeds with its 95 % Student-t interval, and per task
 * the best entries in the metric's declared direction (none for a metric
 * whose direction is unknown, or a task only one entry ran).
 *
 * @module
 */
import { tInterval } from "../stats/mod.ts";
import { goalDirection, type MetricGoal } from "./goal.ts";
import type { ObservationTable } from "./observations.ts";

/** One (task, entry) cell. */
export interface TaskMatrixCell {
  /** Mean over seeds of the analysed value (for a target metric, the distance to it). */
  mean: number;
  /** 95 % t-interval over seeds; NaN bounds with one seed. */
  ciLow: number;
  ciHigh: number;
  /** Seeds behind the mean. */
  n: number;
}

/** The matrix of one metric. */
export interface TaskMatrix {
  metric: string;
  goal: MetricGoal;
  /** Every task any listed entry ran, in natural order (numbers by value: N2, N8, N32). */
  tasks: string[];
  /** The listed entries with values, in the order given (default: the table's). */
  entries: string[];
  /** task -> entry -> cell; an entry that did not run a task has no cell there. */
  cells: Record<string, Record<string, TaskMatrixCell>>;
  /**
   * task -> the entries with the best mean (several when equal); empty when the direction is
   * unknown or fewer than two entries ran the task.
   */
  best: Record<string, string[]>;
}

/**
 * The per-task matrix of `table` on one metric.
 *
 * @example
 * ```ts
 * import { taskMatrix } from "./task_matrix.ts";
 * import { tabulate } from "./observations.ts";
 * const t = tabulate([
 *   { entry: "a", task: "x", seed: 0, value: 1, order: 0 },
 *   { entry: "a", task: "x", seed: 1, value: 3, order: 0 },
 *   { entry: "b", task: "x", seed: 0, value: 5, order: 0 },
 * ]);
 * const m = taskMatrix(t, "m", { kind: "lower" });
 * console.assert(m.cells.x.a.mean === 2 && m.best.x.join() === "a");
 * console.assert(taskMatrix(t, "m", { kind: "unknown" }).best.x.length === 0);
 * ```
 */
export function taskMatrix(
  table: ObservationTable,
  metric: string,
  goal: MetricGoal,
  entries: readonly string[] = [...table.keys()],
): TaskMatrix {
  const cells: Record<string, Record<string, TaskMatrixCell>> = {};
  const listed: string[] = [];
  for (const e of entries) {
    let any = false;
    for (const [t, seeds] of table.get(e) ?? []) {
      if (seeds.size === 0) continue;
      const ci = tInterval([...seeds.values()]);
      (cells[t] ??= {})[e] = {
        mean: ci.estimate,
        ciLow: ci.ciLow,
        ciHigh: ci.ciHigh,
        n: seeds.size,
      };
      any = true;
    }
    if (any) listed.push(e);
  }
  // Natural order: "N2" before "N8" before "N32".
  const tasks = Object.keys(cells).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const dir = goalDirection(goal);
  const best: Record<string, string[]> = {};
  for (const t of tasks) {
    const row = Object.entries(cells[t]);
    if (dir === null || row.length < 2) {
      best[t] = [];
      continue;
    }
    const top = dir === "higher"
      ? Math.max(...row.map(([, c]) => c.mean))
      : Math.min(...row.map(([, c]) => c.mean));
    best[t] = row.filter(([, c]) => c.mean === top).map(([e]) => e);
  }
  return { metric, goal, tasks, entries: listed, cells, best };
}
