/**
 * Interchange formats for results: Bencher Metric Format (BMF) JSON and a
 * long-format CSV (one row per record and metric).
 *
 * BMF (https://bencher.dev/docs/reference/bencher-metric-format/):
 * `{ "<benchmark>": { "<measure>": { "value", "lower_value", "upper_value" } } }`.
 * Here a benchmark is `<suite>/<caseId>` and a measure a metric; the value is
 * the mean over the completed seeds and the bounds its 95 % Student-t
 * interval (left out with one seed). Non-finite values are left out.
 *
 * @module
 */
import type { RunDocument } from "../store/record.ts";
import { summarize } from "../stats/mod.ts";

/**
 * One BMF measure.
 *
 * @example
 * ```ts
 * import type { BmfMeasure } from "./interchange.ts";
 * const m: BmfMeasure = { value: 0.97, lower_value: 0.96, upper_value: 0.98 };
 * ```
 */
export interface BmfMeasure {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/**
 * A BMF report: benchmark name to measure name to measure.
 *
 * @example
 * ```ts
 * import type { Bmf } from "./interchange.ts";
 * const report: Bmf = { "identifiability/banana/gaussian/N2/sigreg/mlp": { r2_hz: { value: 0.98 } } };
 * ```
 */
export type Bmf = Record<string, Record<string, BmfMeasure>>;

/**
 * A run as a Bencher Metric Format report. `metrics` limits the measures
 * (default: every metric in the records).
 *
 * @example
 * ```ts
 * import { toBmf } from "./interchange.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * const bmf = toBmf(doc); // { "identifiability/banana/gaussian/N2/sigreg/mlp": { r2_hz: { value, ... } } }
 * ```
 */
export function toBmf(doc: RunDocument, metrics?: string[]): Bmf {
  const values = new Map<string, Map<string, number[]>>();
  for (const r of doc.records) {
    if (r.status !== "completed") continue;
    const name = `${r.suite}/${r.caseId}`;
    if (!values.has(name)) values.set(name, new Map());
    const byMetric = values.get(name)!;
    for (const [m, v] of Object.entries(r.metrics)) {
      if (metrics !== undefined && !metrics.includes(m)) continue;
      if (!Number.isFinite(v)) continue;
      if (!byMetric.has(m)) byMetric.set(m, []);
      byMetric.get(m)!.push(v);
    }
  }
  const out: Bmf = {};
  for (const [name, byMetric] of values) {
    const measures: Record<string, BmfMeasure> = {};
    for (const [m, xs] of [...byMetric.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const s = summarize(xs);
      measures[m] = Number.isFinite(s.ciLow)
        ? { value: s.mean, lower_value: s.ciLow, upper_value: s.ciHigh }
        : { value: s.mean };
    }
    if (Object.keys(measures).length > 0) out[name] = measures;
  }
  return out;
}

/**
 * Columns of {@link toCsv}.
 *
 * @example
 * ```ts
 * import { CSV_COLUMNS } from "./interchange.ts";
 * console.log(CSV_COLUMNS.join(","));
 * ```
 */
export const CSV_COLUMNS = [
  "run_id",
  "suite",
  "suite_version",
  "profile",
  "backend",
  "commit",
  "case_id",
  "seed",
  "status",
  "metric",
  "value",
] as const;

function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Runs as long-format CSV (RFC 4180, header row, `\n` line ends): one row per
 * record and metric; a record without metrics (skipped, or failed early) gets
 * one row with empty metric and value; non-finite values are written as
 * `NaN`, `Infinity` or `-Infinity`.
 *
 * @example
 * ```ts
 * import { toCsv } from "./interchange.ts";
 * console.log(toCsv([])); // the header row only
 * ```
 */
export function toCsv(docs: RunDocument[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const d of docs) {
    const h = d.header;
    for (const r of d.records) {
      const base = [
        h.runId,
        h.suite.id,
        h.suite.version,
        h.profile,
        h.env.backend,
        h.git.commit,
        r.caseId,
        r.seed,
        r.status,
      ];
      const metrics = r.status === "skipped" ? {} : r.metrics;
      const entries = Object.entries(metrics).sort((a, b) => a[0].localeCompare(b[0]));
      if (entries.length === 0) lines.push([...base, null, null].map(csvCell).join(","));
      for (const [m, v] of entries) lines.push([...base, m, v].map(csvCell).join(","));
    }
  }
  return lines.join("\n") + "\n";
}
