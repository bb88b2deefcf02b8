/**
 * The end-of-run summary: per case, each primary metric's mean and 95 %
 * Student-t interval over seeds (none with one seed), seeds measured,
 * failures, mean steps/s and mean wall time. Plain aligned text, or the same data as JSON.
 *
 * @module
 */
import type { MetricDef } from "../suite.ts";
import type { CaseResult, RunDocument } from "../store/record.ts";
import { meanIntervalCaption, summarize } from "../stats/mod.ts";
import { printableTable } from "../printable_table.ts";

/** One metric of one case, aggregated over its completed seeds. */
export interface MetricCell {
  metric: string;
  /** Finite values aggregated. */
  n: number;
  mean: number | null;
  std: number | null;
  iqm: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** One row of the summary table. */
export interface CaseSummary {
  caseId: string;
  /** Records of this case (one per seed). */
  records: number;
  completed: number;
  failed: number;
  skipped: number;
  metrics: MetricCell[];
  /** Mean steps/s over records that report it, or null. */
  stepsPerSec: number | null;
  /** Mean wall time per record, milliseconds. */
  wallMs: number | null;
}

/** The summary of one run. */
export interface RunSummaryTable {
  runId: string;
  suite: string;
  suiteVersion: number;
  profile: string;
  backend: string;
  finished: boolean;
  /** The metrics shown: the suite's primary metrics (or every metric seen). */
  metrics: string[];
  cases: CaseSummary[];
  counts: { completed: number; failed: number; skipped: number };
  /** What the intervals are, in words, e.g. "95 % t-interval of the mean over 3 seeds". */
  interval: string;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function mean(xs: number[]): number | null {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/**
 * Summarise a run document. `metrics` (the suite's definitions) picks the
 * primary metrics; without it every metric name in the records is shown.
 * Cases keep the order in `caseOrder` when given, else first appearance.
 * Intervals are {@link summarize}'s t-intervals (deterministic).
 *
 * @example
 * ```ts
 * import { summarizeRun } from "./summary.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * const table = summarizeRun(doc);
 * ```
 */
export function summarizeRun(
  doc: RunDocument,
  metrics?: MetricDef[],
  opts: { caseOrder?: string[] } = {},
): RunSummaryTable {
  const names = metrics !== undefined ? metrics.filter((m) => m.primary).map((m) => m.name) : [
    ...new Set(
      doc.records.flatMap((r) => r.status === "completed" ? Object.keys(r.metrics) : []),
    ),
  ]
    .sort();
  const byCase = new Map<string, CaseResult[]>();
  for (const id of opts.caseOrder ?? []) byCase.set(id, []);
  for (const r of doc.records) {
    if (!byCase.has(r.caseId)) byCase.set(r.caseId, []);
    byCase.get(r.caseId)!.push(r);
  }
  const counts = { completed: 0, failed: 0, skipped: 0 };
  const cases: CaseSummary[] = [];
  for (const [caseId, recs] of byCase) {
    if (recs.length === 0) continue;
    const completed = recs.filter((r) => r.status === "completed");
    for (const r of recs) counts[r.status]++;
    const cells = names.map((metric): MetricCell => {
      const values = completed.map((r) => r.metrics[metric])
        .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
      if (values.length === 0) {
        return { metric, n: 0, mean: null, std: null, iqm: null, ciLow: null, ciHigh: null };
      }
      const s = summarize(values);
      return {
        metric,
        n: s.n,
        mean: finite(s.mean),
        std: finite(s.std),
        iqm: finite(s.iqm),
        ciLow: finite(s.ciLow),
        ciHigh: finite(s.ciHigh),
      };
    });
    const rates = recs.map((r) => r.timing.stepsPerSec).filter((v): v is number => v !== null);
    cases.push({
      caseId,
      records: recs.length,
      completed: completed.length,
      failed: recs.filter((r) => r.status === "failed").length,
      skipped: recs.filter((r) => r.status === "skipped").length,
      metrics: cells,
      stepsPerSec: mean(rates),
      wallMs: mean(recs.map((r) => r.timing.wallMs)),
    });
  }
  const h = doc.header;
  return {
    runId: h.runId,
    suite: h.suite.id,
    suiteVersion: h.suite.version,
    profile: h.profile,
    backend: h.env.backend,
    finished: h.finishedAt !== null,
    metrics: names,
    cases,
    counts,
    interval: meanIntervalCaption(
      cases.flatMap((c) => c.metrics.map((m) => m.n)).filter((n) => n > 0),
    ),
  };
}

/**
 * A number in 4 significant digits (exponent form when very large or small).
 *
 * @example
 * ```ts
 * import { formatNumber } from "./summary.ts";
 * console.log(formatNumber(0.123456)); // "0.1235"
 * ```
 */
export function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "-";
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/**
 * The summary as an aligned plain-text table: one row per case, one column
 * per primary metric as `mean [ciLow, ciHigh]`, and a footer that says what
 * the interval is (95 % t-interval of the mean over the case's seeds).
 *
 * @example
 * ```ts
 * import { formatSummary, summarizeRun } from "./summary.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * console.log(formatSummary(summarizeRun(doc)));
 * ```
 */
export function formatSummary(t: RunSummaryTable): string {
  const head = [
    "case",
    ...t.metrics.map((m) => `${m} mean [95% CI]`),
    "n",
    "failed",
    "steps/s",
    "wall",
  ];
  const rows = t.cases.map((c) => [
    c.caseId,
    ...c.metrics.map((m) =>
      m.mean === null
        ? "-"
        : m.n > 1
        ? `${formatNumber(m.mean)} [${formatNumber(m.ciLow)}, ${formatNumber(m.ciHigh)}]`
        : formatNumber(m.mean)
    ),
    String(c.completed),
    String(c.failed),
    formatNumber(c.stepsPerSec),
    c.wallMs === null ? "-" : `${(c.wallMs / 1000).toFixed(2)} s`,
  ]);
  const columns = head.map((header, i) => ({
    header,
    align: i > 0 ? "right" as const : "left" as const,
  }));
  const title = `run ${t.runId}: ${t.suite}@${t.suiteVersion} profile ${t.profile} backend ` +
    `${t.backend}${t.finished ? "" : " (unfinished)"}`;
  const foot =
    `${t.counts.completed} completed, ${t.counts.failed} failed, ${t.counts.skipped} skipped` +
    (t.cases.length > 0 ? `; CI = ${t.interval}` : "");
  return [title, printableTable(columns, rows, { separator: true }), foot].join("\n");
}
