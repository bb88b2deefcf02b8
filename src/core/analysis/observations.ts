/**
 * The one shape every analysis reads: observations of one metric, each an
 * (entry, task, seed) with its analysed value, and the table they make (the
 * latest observation per entry, task and seed).
 *
 * @module
 */
import { entryOf, type EntryTags, taskOf } from "./entries.ts";
import { type MetricGoal, scoreValue } from "./goal.ts";

/** One analysed value. */
export interface Observation {
  /** Entry key (see {@link entryOf}). */
  entry: string;
  /** Task (see {@link taskOf}). */
  task: string;
  seed: number;
  /** The analysed value (for a target metric, the distance to the target); finite. */
  value: number;
  /** Later observations of the same (entry, task, seed) replace earlier ones. */
  order: number;
}

/** entry -> task -> seed -> value. */
export type ObservationTable = Map<string, Map<string, Map<number, number>>>;

/**
 * The table of observations: the latest (highest `order`) value per entry,
 * task and seed; non-finite values are left out.
 *
 * @example
 * ```ts
 * import { tabulate } from "./observations.ts";
 * const t = tabulate([
 *   { entry: "a", task: "t", seed: 0, value: 1, order: 0 },
 *   { entry: "a", task: "t", seed: 0, value: 2, order: 1 },
 * ]);
 * console.assert(t.get("a")!.get("t")!.get(0) === 2);
 * ```
 */
export function tabulate(observations: Iterable<Observation>): ObservationTable {
  const orders = new Map<string, number>();
  const table: ObservationTable = new Map();
  for (const o of observations) {
    if (!Number.isFinite(o.value)) continue;
    const key = `${o.entry}\u0000${o.task}\u0000${o.seed}`;
    const prev = orders.get(key);
    if (prev !== undefined && prev > o.order) continue;
    orders.set(key, o.order);
    let tasks = table.get(o.entry);
    if (!tasks) table.set(o.entry, tasks = new Map());
    let seeds = tasks.get(o.task);
    if (!seeds) tasks.set(o.task, seeds = new Map());
    seeds.set(o.seed, o.value);
  }
  return table;
}

/** What {@link recordObservations} reads of a completed record. */
export interface ObservedRecord {
  runId: string;
  suite: string;
  caseId: string;
  seed: number;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
}

/**
 * Observations of `metric` in completed records, ordered by run id (run ids
 * start with their time, so the latest run wins). `tagsOf` gives a run's tags
 * (submissions name their entry there); `task` overrides how a task is named.
 *
 * @example
 * ```ts
 * import { recordObservations } from "./observations.ts";
 * const obs = recordObservations([{
 *   runId: "r1", suite: "s", caseId: "sigreg/banana", seed: 0,
 *   params: { objective: "sigreg" }, metrics: { r2: 0.9 },
 * }], "r2", { kind: "higher" });
 * console.assert(obs[0].entry === "sigreg" && obs[0].task === "banana");
 * ```
 */
export function recordObservations(
  records: readonly ObservedRecord[],
  metric: string,
  goal: MetricGoal,
  tagsOf: (runId: string) => EntryTags = () => ({}),
  task: (r: ObservedRecord) => string = (r) => taskOf(r.caseId, r.params),
): Observation[] {
  const runIds = [...new Set(records.map((r) => r.runId))].sort();
  const order = new Map(runIds.map((id, i) => [id, i]));
  const out: Observation[] = [];
  for (const r of records) {
    const v = r.metrics[metric];
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    out.push({
      entry: entryOf(tagsOf(r.runId), r).key,
      task: task(r),
      seed: r.seed,
      value: scoreValue(goal, v, r.params),
      order: order.get(r.runId)!,
    });
  }
  return out;
}
