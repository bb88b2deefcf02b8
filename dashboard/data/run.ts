/**
 * The run page's view: everything a reproducer needs from one run document.
 *
 * @module
 */
import type { Curve, ParamValue, RunDocument, RunHeader } from "../../src/core/store/record.ts";
import { entryParam, historyValue, isSubmission } from "../../src/core/analysis/mod.ts";
import { entryColor, PALETTE } from "../components/palette.ts";
import { entryOf, findParam, LAW_KEYS } from "./entries.ts";
import type { MetricInfo } from "./types.ts";

/** One (case, seed) row of the run page. */
export interface RunRow {
  caseId: string;
  seed: number;
  status: "completed" | "failed" | "skipped";
  params: Record<string, ParamValue>;
  /** Values in `metricNames` order; null when absent or not finite. */
  values: (number | null)[];
  /** Failure or skip reason, when any. */
  note: string | null;
  wallMs: number;
  steps: number;
}

/** A curve of one record. */
export interface RunCurve {
  label: string;
  /** The case id (curves of one case share it). */
  group: string;
  /** The entry's colour (the same on every page); a run without entries colours by case. */
  color: string;
  /** Dash key: the latent law, or "". */
  dashKey: string;
  points: Curve;
}

/** A stored baseline's value of a metric, drawn as a horizontal line on the curve of that name. */
export interface RunBaseline {
  /** Mean over the cases both runs have of the baseline's seed means. */
  value: number;
  /** The baseline run (its page is `runs/<slug>/`). */
  runId: string;
  /** Cases the value is over. */
  cases: number;
}

/** Options of {@link computeRunView}. */
export interface RunViewOptions {
  /** The entries the registered suites declare (DashboardData.entryOrder): entry colours. */
  entryOrder?: readonly string[];
  /** The stored baseline of the run's suite, version and profile, when there is one. */
  baseline?: RunDocument | null;
}

/** A computed run view. */
export interface RunView {
  header: RunHeader;
  metricNames: string[];
  rows: RunRow[];
  /** Curves by name (loss, sigreg, r2, …), one line per (case, seed). */
  curves: Record<string, RunCurve[]>;
  /** By curve name: the baseline's value of the metric of that name (none for other curves). */
  baselines: Record<string, RunBaseline>;
  counts: { completed: number; failed: number; skipped: number };
}

/**
 * Build the run view; metric columns follow the suite's order, then any
 * other metric found in the records. Each curve named like a metric gets the
 * baseline's value of that metric, when a baseline is given (not the run itself).
 *
 * @example
 * ```ts
 * import { computeRunView } from "./run.ts";
 * // computeRunView(store.getRun(id)!, suite.metrics).rows.length
 * ```
 */
export function computeRunView(
  doc: RunDocument,
  metrics: MetricInfo[] = [],
  options: RunViewOptions = {},
): RunView {
  const entryOrder = options.entryOrder ?? [];
  const caseIds = [...new Set(doc.records.map((r) => r.caseId))];
  const colorOf = (r: RunDocument["records"][number]) =>
    entryParam(r.params) !== null || isSubmission(doc.header.tags)
      ? entryColor(entryOf(doc.header, r).key, entryOrder)
      : PALETTE[caseIds.indexOf(r.caseId) % PALETTE.length];
  const names = metrics.map((m) => m.name);
  for (const r of doc.records) {
    if (r.status === "skipped") continue;
    for (const k of Object.keys(r.metrics)) if (!names.includes(k)) names.push(k);
  }
  const counts = { completed: 0, failed: 0, skipped: 0 };
  const curves: Record<string, RunCurve[]> = {};
  const rows: RunRow[] = doc.records.map((r) => {
    counts[r.status]++;
    const metricsOf = r.status === "skipped" ? {} : r.metrics;
    if (r.status !== "skipped") {
      for (const [name, points] of Object.entries(r.curves)) {
        (curves[name] ??= []).push({
          label: `${r.caseId} #${r.seed}`,
          group: r.caseId,
          color: colorOf(r),
          dashKey: String(findParam(r.params, LAW_KEYS)?.[1] ?? ""),
          points,
        });
      }
    }
    return {
      caseId: r.caseId,
      seed: r.seed,
      status: r.status,
      params: r.params,
      values: names.map((n) => {
        const x = metricsOf[n];
        return typeof x === "number" && Number.isFinite(x) ? x : null;
      }),
      note: r.status === "failed"
        ? `${r.error.kind}${
          r.error.step === null ? "" : ` at step ${r.error.step}`
        }: ${r.error.message}`
        : r.status === "skipped"
        ? r.reason
        : null,
      wallMs: r.timing.wallMs,
      steps: r.timing.steps,
    };
  });
  const baselines: Record<string, RunBaseline> = {};
  const base = options.baseline;
  if (base && base.header.runId !== doc.header.runId) {
    const mine = new Set(doc.records.map((r) => r.caseId));
    for (const name of Object.keys(curves)) {
      const byCase = new Map<string, number[]>();
      for (const r of base.records) {
        const x = r.status === "completed" ? r.metrics[name] : undefined;
        if (!mine.has(r.caseId) || typeof x !== "number" || !Number.isFinite(x)) continue;
        byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), x]);
      }
      if (byCase.size === 0) continue;
      const value = historyValue(byCase.values());
      baselines[name] = { value, runId: base.header.runId, cases: byCase.size };
    }
  }
  return { header: doc.header, metricNames: names, rows, curves, baselines, counts };
}
