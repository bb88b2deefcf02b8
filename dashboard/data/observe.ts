/**
 * The dashboard's cells as observations for the analysis layer
 * (src/core/analysis): one per (entry, task, seed) kept by the filters, the
 * latest run winning, with the metric's goal from the suite's declarations.
 *
 * @module
 */
import {
  type MetricGoal,
  metricGoal,
  type Observation,
  type ObservationTable,
  scoreValue,
  tabulate,
} from "../../src/core/analysis/mod.ts";
import type { Cell, SuiteDataset } from "./types.ts";

/**
 * The goal of metric `mi` of a dataset (unknown when its suite does not declare it).
 *
 * @example
 * ```ts
 * import { goalOf } from "./observe.ts";
 * // goalOf(ds, 0) -> { kind: "higher" }
 * ```
 */
export function goalOf(ds: SuiteDataset, mi: number): MetricGoal {
  const m = ds.suite.metrics[mi];
  return m === undefined ? { kind: "unknown" } : metricGoal(ds.suite.metrics, m.name);
}

/**
 * Observations of metric `mi` in the cells that `keep` accepts.
 *
 * @example
 * ```ts
 * import { cellObservations } from "./observe.ts";
 * // cellObservations(ds, 0, (c) => c.v === 2).length
 * ```
 */
export function cellObservations(
  ds: SuiteDataset,
  mi: number,
  keep: (c: Cell) => boolean,
): Observation[] {
  const goal = goalOf(ds, mi);
  const out: Observation[] = [];
  for (const c of ds.cells) {
    const x = c.m[mi];
    if (x === null || x === undefined || !keep(c)) continue;
    out.push({
      entry: ds.entries[c.e].key,
      task: ds.tasks[c.t],
      seed: c.s,
      value: scoreValue(goal, x, { dim: c.n }),
      order: c.r,
    });
  }
  return out;
}

/**
 * The observation table of metric `mi` (entry -> task -> seed -> value).
 *
 * @example
 * ```ts
 * import { cellTable } from "./observe.ts";
 * // cellTable(ds, 0, () => true).get("sigreg")
 * ```
 */
export function cellTable(
  ds: SuiteDataset,
  mi: number,
  keep: (c: Cell) => boolean,
): ObservationTable {
  return tabulate(cellObservations(ds, mi, keep));
}
