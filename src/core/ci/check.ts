/**
 * The baseline check of SPEC section 6: every primary metric of every case of
 * a run is compared with the baseline's per-seed values through the 95 %
 * bootstrap CI of the difference of means; a metric regresses only when that
 * CI lies wholly beyond the margin on the worse side. The margin is the
 * larger of the metric's own margin and the baseline's calibrated noise
 * floor. A case that completed in the baseline but has no value now counts
 * as a regression too.
 *
 * @module
 */
import type { MetricDef } from "../suite.ts";
import type { CompletedResult, RunDocument } from "../store/record.ts";
import { differenceCI, mean, type Verdict, verdict } from "../stats/mod.ts";
import { formatNumber } from "../runner/summary.ts";
import { noiseFloors } from "./baseline.ts";

export { assertComparable } from "./comparable.ts";

/**
 * Verdict of one row: the statistical verdict, or why there is no value now.
 *
 * @example
 * ```ts
 * import type { CheckVerdict } from "./check.ts";
 * const v: CheckVerdict = "missing";
 * ```
 */
export type CheckVerdict = Verdict | "failed" | "missing";

/**
 * One (case, metric) comparison.
 *
 * @example
 * ```ts
 * import type { CheckRow } from "./check.ts";
 * const beyond = (r: CheckRow) => Math.abs(r.diff) > r.margin;
 * ```
 */
export interface CheckRow {
  case: string;
  metric: string;
  direction: "higher" | "lower";
  nBase: number;
  nRun: number;
  meanBase: number;
  /** NaN when the run has no value. */
  meanRun: number;
  /** mean(run) - mean(baseline). */
  diff: number;
  ciLow: number;
  ciHigh: number;
  /** Effective margin: max(metric margin, noise floor). */
  margin: number;
  /** Where the margin came from. */
  marginFrom: "metric" | "noise floor";
  verdict: CheckVerdict;
}

/**
 * The check of one run against one baseline.
 *
 * @example
 * ```ts
 * import type { CheckReport } from "./check.ts";
 * const failed = (r: CheckReport) => r.regressions > 0;
 * ```
 */
export interface CheckReport {
  suite: { id: string; version: number };
  profile: string;
  backend: string;
  baseline: { runId: string; commit: string | null; seeds: number[]; path?: string };
  run: { runId: string; commit: string | null; seeds: number[] };
  /** Whether the baseline carries calibrated noise floors. */
  calibrated: boolean;
  rows: CheckRow[];
  /** Cases of the run that the baseline does not have (not compared). */
  newCases: string[];
  /** Rows that regressed ("worse", "failed" or "missing"). */
  regressions: number;
  improvements: number;
}

/** Whether a verdict is a regression. *
 * @example
 * ```ts
 * import { isRegression } from "./check.ts";
 * console.assert(isRegression("worse") && !isRegression("better"));
 * ```
 */
export function isRegression(v: CheckVerdict): boolean {
  return v === "worse" || v === "failed" || v === "missing";
}

function valuesByCase(doc: RunDocument, metric: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of doc.records) {
    if (!out.has(r.caseId)) out.set(r.caseId, []);
    if (r.status !== "completed") continue;
    const v = (r as CompletedResult).metrics[metric];
    if (typeof v === "number" && Number.isFinite(v)) out.get(r.caseId)!.push(v);
  }
  return out;
}

/**
 * Compare a run with a baseline on the primary metrics of `metrics` (call
 * {@link assertComparable} first). Deterministic: the bootstrap is seeded
 * with `opts.seed` (default 0).
 *
 * @example
 * ```ts
 * import { checkAgainstBaseline } from "./check.ts";
 * import type { RunDocument } from "../store/record.ts";
 * import type { MetricDef } from "../suite.ts";
 * declare const base: RunDocument, run: RunDocument, defs: MetricDef[];
 * const report = checkAgainstBaseline(base, run, defs);
 * if (report.regressions > 0) console.error("regression");
 * ```
 */
export function checkAgainstBaseline(
  baseline: RunDocument,
  run: RunDocument,
  metrics: MetricDef[],
  opts: { seed?: number; path?: string } = {},
): CheckReport {
  const floors = noiseFloors(baseline);
  const rows: CheckRow[] = [];
  const runCases = new Set(run.records.map((r) => r.caseId));
  for (const def of metrics.filter((m) => m.primary)) {
    const base = valuesByCase(baseline, def.name);
    const now = valuesByCase(run, def.name);
    const floor = floors?.floors[def.name] ?? 0;
    const margin = Math.max(def.margin, floor);
    const marginFrom = floor > def.margin ? "noise floor" : "metric";
    for (const [caseId, xb] of base) {
      if (xb.length === 0) continue; // the baseline has no value: nothing to hold the run to
      const xr = now.get(caseId) ?? [];
      const row: CheckRow = {
        case: caseId,
        metric: def.name,
        direction: def.direction,
        nBase: xb.length,
        nRun: xr.length,
        meanBase: mean(xb),
        meanRun: NaN,
        diff: NaN,
        ciLow: NaN,
        ciHigh: NaN,
        margin,
        marginFrom,
        verdict: runCases.has(caseId) ? "failed" : "missing",
      };
      if (xr.length > 0) {
        const d = differenceCI(xb, xr, { seed: opts.seed ?? 0 });
        Object.assign(row, {
          meanRun: mean(xr),
          diff: d.diff,
          ciLow: d.ciLow,
          ciHigh: d.ciHigh,
          verdict: verdict(d, margin, def.direction),
        });
      }
      rows.push(row);
    }
  }
  const baseCases = new Set(baseline.records.map((r) => r.caseId));
  const b = baseline.header;
  const r = run.header;
  return {
    suite: r.suite,
    profile: r.profile,
    backend: r.env.backend,
    baseline: { runId: b.runId, commit: b.git.commit, seeds: b.seeds, path: opts.path },
    run: { runId: r.runId, commit: r.git.commit, seeds: r.seeds },
    calibrated: floors !== null,
    rows,
    newCases: [...runCases].filter((c) => !baseCases.has(c)),
    regressions: rows.filter((x) => isRegression(x.verdict)).length,
    improvements: rows.filter((x) => x.verdict === "better").length,
  };
}

/** Round up to two significant digits (floors are reported, so keep them short). */
function ceil2(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.ceil(x / p - 1e-9) * p).toPrecision(2));
}

/**
 * Noise floors from comparing the baseline with the same configuration on
 * fresh seeds: per primary metric, the largest |end| of the 95 % CI of the
 * difference over all cases (rounded up to two significant digits), i.e. the
 * largest difference that seed noise alone produced. Cases without values on
 * either side are skipped.
 *
 * @example
 * ```ts
 * import { calibrateFloors } from "./check.ts";
 * import type { RunDocument } from "../store/record.ts";
 * import type { MetricDef } from "../suite.ts";
 * declare const base: RunDocument, fresh: RunDocument, defs: MetricDef[];
 * const floors = calibrateFloors(base, fresh, defs); // { grid_r2_hz: 0.0031, ... }
 * ```
 */
export function calibrateFloors(
  baseline: RunDocument,
  fresh: RunDocument,
  metrics: MetricDef[],
  seed = 0,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const def of metrics.filter((m) => m.primary)) {
    const base = valuesByCase(baseline, def.name);
    const now = valuesByCase(fresh, def.name);
    let floor = -1;
    for (const [caseId, xb] of base) {
      const xf = now.get(caseId) ?? [];
      if (xb.length === 0 || xf.length === 0) continue;
      const d = differenceCI(xb, xf, { seed });
      floor = Math.max(floor, Math.abs(d.ciLow), Math.abs(d.ciHigh));
    }
    if (floor >= 0) out[def.name] = ceil2(floor);
  }
  return out;
}

const COLUMNS = [
  "case",
  "metric",
  "baseline (n)",
  "run (n)",
  "run - base",
  "95% CI",
  "margin",
  "verdict",
];

function cells(r: CheckRow): string[] {
  const ci = Number.isNaN(r.ciLow) ? "-" : `[${formatNumber(r.ciLow)}, ${formatNumber(r.ciHigh)}]`;
  return [
    r.case,
    `${r.metric} (${r.direction === "higher" ? "↑" : "↓"})`,
    `${formatNumber(r.meanBase)} (${r.nBase})`,
    Number.isNaN(r.meanRun) ? `- (${r.nRun})` : `${formatNumber(r.meanRun)} (${r.nRun})`,
    Number.isNaN(r.diff) ? "-" : formatNumber(r.diff),
    ci,
    `${formatNumber(r.margin)}${r.marginFrom === "noise floor" ? "*" : ""}`,
    isRegression(r.verdict) ? `REGRESSION (${r.verdict})` : r.verdict,
  ];
}

function headline(rep: CheckReport): string {
  const status = rep.regressions > 0
    ? `FAIL: ${rep.regressions} regression(s) in ${
      [...new Set(rep.rows.filter((r) => isRegression(r.verdict)).map((r) => r.metric))].join(", ")
    }`
    : `ok: no regression${rep.improvements > 0 ? ` (${rep.improvements} improved)` : ""}`;
  return `${rep.suite.id}@${rep.suite.version} profile ${rep.profile} backend ${rep.backend}: ${status}`;
}

function details(rep: CheckReport): string[] {
  const short = (c: string | null) => c === null ? "unknown commit" : c.slice(0, 12);
  const out = [
    `run ${rep.run.runId} (${short(rep.run.commit)}, seeds ${
      rep.run.seeds.join(",")
    }) vs baseline ` +
    `${rep.baseline.runId} (${short(rep.baseline.commit)}, seeds ${rep.baseline.seeds.join(",")})`,
  ];
  if (!rep.calibrated) {
    out.push(
      "note: the baseline has no calibrated noise floor; margins are the metrics' own (run check --calibrate)",
    );
  }
  if (rep.newCases.length > 0) {
    out.push(`not in the baseline (not compared): ${rep.newCases.join(", ")}`);
  }
  return out;
}

/**
 * Check reports as plain aligned text: a headline and a table per report;
 * `*` marks a margin raised to the noise floor.
 *
 * @example
 * ```ts
 * import { formatCheck } from "./check.ts";
 * import type { CheckReport } from "./check.ts";
 * declare const reports: CheckReport[];
 * console.log(formatCheck(reports));
 * ```
 */
export function formatCheck(reports: CheckReport[]): string {
  const out: string[] = [];
  for (const rep of reports) {
    const rows = [COLUMNS, ...rep.rows.map(cells)];
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
    if (out.length > 0) out.push("");
    out.push(headline(rep), ...details(rep), "");
    for (const r of rows) {
      out.push(r.map((v, i) => v + " ".repeat(widths[i] - [...v].length)).join("  ").trimEnd());
    }
  }
  if (reports.some((rep) => rep.rows.some((r) => r.marginFrom === "noise floor"))) {
    out.push("", "* margin raised to the calibrated noise floor");
  }
  return out.join("\n");
}

/**
 * Check reports as Markdown (for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`).
 *
 * @example
 * ```ts
 * import { formatCheckMarkdown } from "./check.ts";
 * import type { CheckReport } from "./check.ts";
 * declare const reports: CheckReport[];
 * console.log(formatCheckMarkdown(reports));
 * ```
 */
export function formatCheckMarkdown(reports: CheckReport[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const failed = reports.reduce((n, r) => n + r.regressions, 0);
  const out = [
    `## jepa-bench check: ${failed > 0 ? `❌ ${failed} regression(s)` : "✅ no regression"}`,
  ];
  for (const rep of reports) {
    out.push("", `### ${esc(headline(rep))}`, "");
    for (const d of details(rep)) out.push(`${esc(d)}  `);
    out.push("", `| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`);
    for (const r of rep.rows) {
      const c = cells(r).map(esc);
      if (isRegression(r.verdict)) c[7] = `**${c[7]}**`;
      out.push(`| ${c.join(" | ")} |`);
    }
  }
  out.push(
    "",
    "Rule (SPEC section 6): a regression only when the 95 % bootstrap CI of run − baseline lies wholly " +
      "beyond the margin on the worse side; * = margin raised to the calibrated noise floor.",
  );
  return out.join("\n") + "\n";
}
