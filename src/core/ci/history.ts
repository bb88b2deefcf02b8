/**
 * A metric's history over commits, from the results store, with change
 * points found by a step fit (as airspeed velocity does).
 *
 * One point per commit (runs with the same `git.commit` and dirty flag;
 * a run without a commit is a point of its own), in the order of the
 * commit's first run (`startedAt`). A point's value pools its runs: per case,
 * the mean of the metric over all completed seeds; then the mean over cases
 * (so each case weighs the same). Restrict to one case with `caseId`, and
 * to one profile/backend to keep the case set fixed. Baseline runs (tagged
 * `baseline`) are left out.
 *
 * @module
 */
import type { CompletedResult, RunHeader } from "../store/record.ts";
import type { ResultsStore } from "../store/store.ts";
import { type ChangePointOptions, detectChangePoints, mean } from "../stats/mod.ts";

/**
 * Options of {@link metricHistory}.
 *
 * @example
 * ```ts
 * import type { HistoryOptions } from "./history.ts";
 * const opts: HistoryOptions = { suite: "identifiability", metric: "r2_hz", profile: "ci" };
 * ```
 */
export interface HistoryOptions {
  suite: string;
  metric: string;
  /** Suite version (default: the newest in the store). */
  version?: number;
  profile?: string;
  backend?: string;
  /** Only this case. */
  caseId?: string;
  /** Which way the metric improves, to label steps (default "higher"). */
  direction?: "higher" | "lower";
  /** Passed to {@link detectChangePoints}. */
  changePoints?: ChangePointOptions;
}

/**
 * One commit of the history.
 *
 * @example
 * ```ts
 * import { metricHistory, type HistoryPoint } from "./history.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const points: HistoryPoint[] = metricHistory(openStore(":memory:"), { suite: "x", metric: "m" }).points;
 * ```
 */
export interface HistoryPoint {
  /** Full sha, or null for runs without one. */
  commit: string | null;
  dirty: boolean;
  /** Short label: 12-digit sha (+dirty), or the run id when there is no commit. */
  label: string;
  /** Earliest start among the point's runs. */
  startedAt: string;
  runs: string[];
  /** Cases that contributed. */
  cases: number;
  /** Values (case x seed) that contributed. */
  n: number;
  /** Mean over cases of the per-case mean over seeds. */
  value: number;
  /** Per-case means. */
  perCase: Record<string, number>;
}

/**
 * A detected step, named by commit.
 *
 * @example
 * ```ts
 * import type { HistoryChange } from "./history.ts";
 * const bad = (c: HistoryChange) => c.kind === "regression";
 * ```
 */
export interface HistoryChange {
  /** Index of the first point of the new level. */
  index: number;
  commit: string | null;
  label: string;
  before: number;
  after: number;
  /** Whether the step goes the metric's worse or better way. */
  kind: "regression" | "improvement";
}

/**
 * A metric's history.
 *
 * @example
 * ```ts
 * import type { MetricHistory } from "./history.ts";
 * const last = (h: MetricHistory) => h.points.at(-1)?.value;
 * ```
 */
export interface MetricHistory {
  suite: string;
  version: number | null;
  metric: string;
  direction: "higher" | "lower";
  caseId: string | null;
  profiles: string[];
  points: HistoryPoint[];
  changes: HistoryChange[];
}

function pointKey(h: RunHeader): string {
  if (h.git.commit === null) return `run:${h.runId}`;
  return `${h.git.commit}${h.git.dirty ? "+dirty" : ""}`;
}

/**
 * The history of `metric` over commits in `store` (see the module docs for
 * how runs are pooled).
 *
 * @example
 * ```ts
 * import { metricHistory } from "./history.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const h = metricHistory(openStore(":memory:"), { suite: "identifiability", metric: "r2_hz" });
 * console.log(h.points.length, h.changes.length); // 0 0
 * ```
 */
export function metricHistory(store: ResultsStore, opts: HistoryOptions): MetricHistory {
  const runs = store.listRuns({
    suite: opts.suite,
    suiteVersion: opts.version,
    profile: opts.profile,
    backend: opts.backend,
  }).map((r) => r.header).filter((h) => h.tags.baseline === undefined);
  const version = opts.version ??
    (runs.length > 0 ? Math.max(...runs.map((h) => h.suite.version)) : null);
  const kept = runs.filter((h) => h.suite.version === version)
    .sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  const groups = new Map<string, { headers: RunHeader[]; values: Map<string, number[]> }>();
  for (const h of kept) {
    const key = pointKey(h);
    if (!groups.has(key)) groups.set(key, { headers: [], values: new Map() });
    const g = groups.get(key)!;
    g.headers.push(h);
    const records = store.results({ runId: h.runId, status: "completed", caseId: opts.caseId });
    for (const r of records as CompletedResult[]) {
      const v = r.metrics[opts.metric];
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      if (!g.values.has(r.caseId)) g.values.set(r.caseId, []);
      g.values.get(r.caseId)!.push(v);
    }
  }
  const points: HistoryPoint[] = [];
  for (const g of groups.values()) {
    if (g.values.size === 0) continue;
    const h = g.headers[0];
    const perCase: Record<string, number> = {};
    let n = 0;
    for (const [c, xs] of [...g.values.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      perCase[c] = mean(xs);
      n += xs.length;
    }
    points.push({
      commit: h.git.commit,
      dirty: h.git.dirty === true,
      label: h.git.commit === null
        ? h.runId
        : `${h.git.commit.slice(0, 12)}${h.git.dirty ? "+dirty" : ""}`,
      startedAt: h.startedAt,
      runs: g.headers.map((x) => x.runId),
      cases: g.values.size,
      n,
      value: mean(Object.values(perCase)),
      perCase,
    });
  }
  const direction = opts.direction ?? "higher";
  const changes = detectChangePoints(points.map((p) => p.value), opts.changePoints).map((cp) => {
    const up = cp.after > cp.before;
    return {
      index: cp.index,
      commit: points[cp.index].commit,
      label: points[cp.index].label,
      before: cp.before,
      after: cp.after,
      kind:
        (up === (direction === "higher") ? "improvement" : "regression") as HistoryChange["kind"],
    };
  });
  return {
    suite: opts.suite,
    version,
    metric: opts.metric,
    direction,
    caseId: opts.caseId ?? null,
    profiles: [...new Set(kept.map((h) => h.profile))].sort(),
    points,
    changes,
  };
}
