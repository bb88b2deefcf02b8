/**
 * The baseline check of SPEC section 6: every primary metric of every case of
 * a run is compared with the baseline's per-seed values through the 95 %
 * Student-t interval of the difference of means, paired on seeds when the
 * run used the baseline's seeds (the default of `check`), Welch's otherwise
 * ({@link seedDifferenceInterval}); a metric regresses only when that
 * interval lies wholly beyond the margin on the worse side. The margin is the
 * larger of the metric's own margin and the baseline's calibrated noise
 * floor. A case that completed in the baseline but has no value now counts
 * as a regression too.
 *
 * @module
 */
import type { MetricDef } from "../suite.ts";
import type { CompletedResult, RunDocument } from "../store/record.ts";
import {
  type DifferenceMethod,
  mean,
  seedDifferenceInterval,
  type Verdict,
  verdict,
} from "../stats/mod.ts";
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
  /** 95 % t-interval of `diff` (NaN bounds when a side has fewer than two seeds). */
  ciLow: number;
  ciHigh: number;
  /** How the interval was formed: paired on shared seeds, or Welch; null without a run value. */
  method: DifferenceMethod | null;
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

/**
 * Per case, the finite values of `metric` keyed by seed (completed records;
 * a case with none maps to an empty Map).
 *
 * @example
 * ```ts
 * import { seedValuesByCase } from "./check.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * const a = seedValuesByCase(doc, "grid_r2_hz").get("banana/gaussian/N2/sigreg/mlp");
 * ```
 */
export function seedValuesByCase(
  doc: RunDocument,
  metric: string,
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const r of doc.records) {
    if (!out.has(r.caseId)) out.set(r.caseId, new Map());
    if (r.status !== "completed") continue;
    const v = (r as CompletedResult).metrics[metric];
    if (typeof v === "number" && Number.isFinite(v)) out.get(r.caseId)!.set(r.seed, v);
  }
  return out;
}

/**
 * Compare a run with a baseline on the primary metrics of `metrics` (call
 * {@link assertComparable} first). Deterministic (t-intervals, no resampling).
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
  opts: { path?: string } = {},
): CheckReport {
  const floors = noiseFloors(baseline);
  const rows: CheckRow[] = [];
  const runCases = new Set(run.records.map((r) => r.caseId));
  for (const def of metrics.filter((m) => m.primary)) {
    const base = seedValuesByCase(baseline, def.name);
    const now = seedValuesByCase(run, def.name);
    const floor = floors?.floors[def.name] ?? 0;
    const margin = Math.max(def.margin, floor);
    const marginFrom = floor > def.margin ? "noise floor" : "metric";
    for (const [caseId, xb] of base) {
      if (xb.size === 0) continue; // the baseline has no value: nothing to hold the run to
      const xr = now.get(caseId) ?? new Map<number, number>();
      const row: CheckRow = {
        case: caseId,
        metric: def.name,
        direction: def.direction,
        nBase: xb.size,
        nRun: xr.size,
        meanBase: mean([...xb.values()]),
        meanRun: NaN,
        diff: NaN,
        ciLow: NaN,
        ciHigh: NaN,
        method: null,
        margin,
        marginFrom,
        verdict: runCases.has(caseId) ? "failed" : "missing",
      };
      if (xr.size > 0) {
        const d = seedDifferenceInterval(xb, xr);
        Object.assign(row, {
          meanRun: mean([...xr.values()]),
          diff: d.estimate,
          ciLow: d.ciLow,
          ciHigh: d.ciHigh,
          method: d.method,
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
 * fresh seeds: per primary metric, the largest |end| of the 95 % t-interval
 * of the difference (Welch, the seeds differ) over all cases, rounded up to
 * two significant digits, i.e. the largest difference that seed noise alone
 * is compatible with. Cases without an interval (fewer than two values on a
 * side) are skipped.
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
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const def of metrics.filter((m) => m.primary)) {
    const base = seedValuesByCase(baseline, def.name);
    const now = seedValuesByCase(fresh, def.name);
    let floor = -1;
    for (const [caseId, xb] of base) {
      const d = seedDifferenceInterval(xb, now.get(caseId) ?? new Map());
      if (Number.isNaN(d.ciLow)) continue;
      floor = Math.max(floor, Math.abs(d.ciLow), Math.abs(d.ciHigh));
    }
    if (floor >= 0) out[def.name] = ceil2(floor);
  }
  return out;
}
