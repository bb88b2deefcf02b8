/**
 * The run page's view: everything a reproducer needs from one run document.
 *
 * @module
 */
import type { Curve, ParamValue, RunDocument, RunHeader } from "../../src/core/store/record.ts";
import { ENTRY_PARAMS } from "../../src/core/analysis/mod.ts";
import { findParam, LAW_KEYS } from "./entries.ts";
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
  /** Colour key: the entry (regulariser or objective), else the case. */
  colorKey: string;
  /** Dash key: the latent law, or "". */
  dashKey: string;
  points: Curve;
}

/** A computed run view. */
export interface RunView {
  header: RunHeader;
  metricNames: string[];
  rows: RunRow[];
  /** Curves by name (loss, sigreg, r2, …), one line per (case, seed). */
  curves: Record<string, RunCurve[]>;
  counts: { completed: number; failed: number; skipped: number };
}

/**
 * Build the run view; metric columns follow the suite's order, then any
 * other metric found in the records.
 *
 * @example
 * ```ts
 * import { computeRunView } from "./run.ts";
 * // computeRunView(store.getRun(id)!, suite.metrics).rows.length
 * ```
 */
export function computeRunView(doc: RunDocument, metrics: MetricInfo[] = []): RunView {
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
          colorKey: String(findParam(r.params, ENTRY_PARAMS)?.[1] ?? r.caseId),
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
  return { header: doc.header, metricNames: names, rows, curves, counts };
}
