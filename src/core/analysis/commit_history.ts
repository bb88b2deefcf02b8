/**
 * A metric over commits, once for the CLI and the dashboard: one point per
 * commit (its runs pooled; a run without a commit is a point of its own), in
 * the order of each commit's first run; a point's value is the mean over its
 * tasks of the per-task means over all its values (each task weighs the
 * same); change points by the step fit of src/core/stats/changepoints.ts,
 * labelled from the metric's declared goal.
 *
 * @module
 */
import type { ChangePointOptions } from "../stats/mod.ts";
import type { MetricGoal } from "./goal.ts";
import { type ChangeKind, historyChanges, historyValue } from "./history.ts";

/** A run as the history reads it. */
export interface HistoryRun {
  runId: string;
  commit: string | null;
  dirty: boolean | null;
  startedAt: string;
}

/** Values of one (run, task): their sum and count (one record: the value and 1). */
export interface HistorySample {
  runId: string;
  task: string;
  sum: number;
  n: number;
}

/** One commit of the history. */
export interface CommitPoint {
  /** Full sha, or null for a run without one. */
  commit: string | null;
  dirty: boolean;
  /** 12-digit sha (+dirty), or the run id when there is no commit. */
  label: string;
  /** Earliest start among the point's runs. */
  startedAt: string;
  /** The point's runs, first first. */
  runs: string[];
  /** Tasks that contributed. */
  tasks: number;
  /** Values that contributed. */
  n: number;
  /** Mean over tasks of the per-task means. */
  value: number;
}

/** A labelled step, named by its commit. */
export interface CommitChange {
  /** Index into the points of the first point of the new level. */
  index: number;
  commit: string | null;
  label: string;
  before: number;
  after: number;
  kind: ChangeKind;
}

/** A metric over commits. */
export interface CommitHistory {
  points: CommitPoint[];
  changes: CommitChange[];
}

function commitKey(r: HistoryRun): string {
  return r.commit === null ? `run:${r.runId}` : `${r.commit}${r.dirty ? "+dirty" : ""}`;
}

/**
 * The history of one metric over the commits of `runs` from `samples`
 * (samples of runs not listed, or with no finite value, are ignored; commits
 * without values are left out).
 *
 * @example
 * ```ts
 * import { commitHistory } from "./commit_history.ts";
 * const runs = [
 *   { runId: "r1", commit: "aaaa", dirty: false, startedAt: "2026-01-01T00:00:00Z" },
 *   { runId: "r2", commit: "aaaa", dirty: false, startedAt: "2026-01-02T00:00:00Z" },
 * ];
 * const h = commitHistory(runs, [
 *   { runId: "r1", task: "x", sum: 1, n: 1 },
 *   { runId: "r2", task: "x", sum: 3, n: 1 },
 *   { runId: "r2", task: "y", sum: 10, n: 1 },
 * ], { kind: "higher" });
 * console.assert(h.points.length === 1 && h.points[0].value === 6);
 * ```
 */
export function commitHistory(
  runs: readonly HistoryRun[],
  samples: readonly HistorySample[],
  goal: MetricGoal,
  options?: ChangePointOptions,
): CommitHistory {
  const sorted = [...runs].sort((a, b) =>
    a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.runId < b.runId ? -1 : 1
  );
  const keyOf = new Map(sorted.map((r) => [r.runId, commitKey(r)]));
  const groups = new Map<
    string,
    { first: HistoryRun; runs: string[]; tasks: Map<string, [number, number]> }
  >();
  for (const r of sorted) {
    const k = keyOf.get(r.runId)!;
    let g = groups.get(k);
    if (!g) groups.set(k, g = { first: r, runs: [], tasks: new Map() });
    g.runs.push(r.runId);
  }
  for (const s of samples) {
    const k = keyOf.get(s.runId);
    if (k === undefined || !(s.n > 0) || !Number.isFinite(s.sum)) continue;
    const t = groups.get(k)!.tasks;
    const acc = t.get(s.task) ?? [0, 0];
    acc[0] += s.sum;
    acc[1] += s.n;
    t.set(s.task, acc);
  }
  const points: CommitPoint[] = [];
  for (const g of groups.values()) {
    if (g.tasks.size === 0) continue;
    const means = [...g.tasks.values()].map(([sum, n]) => [sum / n]);
    points.push({
      commit: g.first.commit,
      dirty: g.first.dirty === true,
      label: g.first.commit === null
        ? g.first.runId
        : `${g.first.commit.slice(0, 12)}${g.first.dirty ? "+dirty" : ""}`,
      startedAt: g.first.startedAt,
      runs: g.runs,
      tasks: g.tasks.size,
      n: [...g.tasks.values()].reduce((s, [, n]) => s + n, 0),
      value: historyValue(means),
    });
  }
  const changes = historyChanges(points.map((p) => p.value), goal, options).map((c) => ({
    ...c,
    commit: points[c.index].commit,
    label: points[c.index].label,
  }));
  return { points, changes };
}
