/**
 * What a claim is: a named, versioned statement from a paper that the suites
 * can test, written as data (the suites and profiles it reads, the cases it
 * selects by id or parameters, the metric, the threshold, the minimum number
 * of seeds) plus one generic `evaluate` that turns verified run records into
 * a verdict (`holds | fails | inconclusive`), a one-line reason and the
 * evidence rows behind it. No verdict is ever written down: each is computed
 * from the records every time.
 *
 * Records are judged per cohort, a (profile, backend) pair: cases with the
 * same id in different profiles have different budgets, and values of one
 * (case, seed) on two backends differ, so neither is ever pooled. A cohort
 * holds when every check holds in it, fails when one check fails, and is
 * inconclusive otherwise; the claim fails when a cohort fails, holds when a
 * cohort holds and none fails, and is inconclusive when no cohort decides.
 *
 * @module
 */
import type { ParamValue } from "../../store/record.ts";
import { evaluateCheck, formatEstimate } from "./checks.ts";
import { buildCohorts, type ClaimInput, type RecordCounts } from "./input.ts";

/** A claim's verdict. */
export type ClaimVerdict = "holds" | "fails" | "inconclusive";

/** A suite and the version whose case ids and metrics a claim names. */
export interface SuiteRef {
  id: string;
  version: number;
  /**
   * Earlier versions with the same case ids and metrics (only budgets of some profiles changed);
   * their records count too, each version in cohorts of its own (see {@link suiteRefText}).
   */
  earlierVersions?: readonly number[];
}

/**
 * A suite reference as text: `id@version`, with earlier versions read, e.g.
 * `identifiability@3 (and @2)`.
 *
 * @example
 * ```ts
 * import { suiteRefText } from "./claim.ts";
 * console.log(suiteRefText({ id: "planning", version: 3, earlierVersions: [2] })); // planning@3 (and @2)
 * ```
 */
export function suiteRefText(s: SuiteRef): string {
  const earlier = s.earlierVersions ?? [];
  return `${s.id}@${s.version}` +
    (earlier.length > 0 ? ` (and ${earlier.map((v) => `@${v}`).join(", ")})` : "");
}

/**
 * Which cases of a cohort a check reads, as data. A case is selected when
 * it matches every field given.
 *
 * @example
 * ```ts
 * import type { CaseSelector } from "./claim.ts";
 * const gaussian2d: CaseSelector = {
 *   where: { law: "gaussian", objective: "sigreg", mixing: ["spiral", "banana", "sinusoid"] },
 *   each: { mixing: ["spiral", "banana", "sinusoid"] },
 * };
 * ```
 */
export interface CaseSelector {
  /** Parameters a selected case has: one value, or a list of allowed values. */
  where?: Readonly<Record<string, ParamValue | readonly ParamValue[]>>;
  /** Values a selected case's parameter must not take. */
  exclude?: Readonly<Record<string, readonly ParamValue[]>>;
  /** Only cases with these ids. */
  caseIds?: readonly string[];
  /**
   * Every combination of these parameter values must be covered by a
   * selected case; a combination without one is an inconclusive row.
   */
  each?: Readonly<Record<string, readonly ParamValue[]>>;
}

/** The other side of a per-seed comparison: a metric of the same seed, a case parameter, or a number. */
export type Operand = { metric: string } | { param: string } | { value: number };

/**
 * A test applied to every seed of a case: a flag's value, or a metric
 * compared with an {@link Operand} (`within`: `|left - right| <= tolerance`).
 *
 * @example
 * ```ts
 * import type { SeedTest } from "./claim.ts";
 * const inBound: SeedTest = {
 *   left: { metric: "procrustes_mse" }, op: "<=", right: { metric: "approx_bound" },
 * };
 * const collapsed: SeedTest = { flag: "collapsed", is: true };
 * ```
 */
export type SeedTest =
  | { flag: string; is: boolean }
  | { left: { metric: string }; op: "<=" | ">="; right: Operand }
  | { left: { metric: string }; op: "within"; right: Operand; tolerance: number };

interface CheckBase {
  /** Short name of the check, shown in every evidence row. */
  label: string;
  select: CaseSelector;
  /** Seeds a case needs before it can decide (default: the claim's `minSeeds`). */
  minSeeds?: number;
}

/**
 * The metric of every selected case against a threshold, on the 95 %
 * t-interval of its mean over seeds: holds when the whole interval is on the
 * claimed side, fails when the whole interval is on the other side,
 * inconclusive when it straddles the threshold.
 */
export interface ThresholdCheck extends CheckBase {
  kind: "threshold";
  metric: string;
  op: ">=" | "<=";
  value: number;
}

/**
 * Every selected case measurably below (or above) its reference case: the
 * case whose parameters equal its own with `reference` applied (parameters in
 * `ignore` may differ). Holds when the two 95 % t-intervals are disjoint on
 * the claimed side, fails otherwise.
 */
export interface ContrastCheck extends CheckBase {
  kind: "contrast";
  metric: string;
  direction: "below" | "above";
  reference: Readonly<Record<string, ParamValue>>;
  ignore?: readonly string[];
}

/** A {@link SeedTest} on every seed of every selected case: fails on one violating seed. */
export interface EverySeedCheck extends CheckBase {
  kind: "every-seed";
  test: SeedTest;
}

/**
 * The log-log slope of the selected cases' mean `metric` against their
 * parameter `x` within `[min, max]` (fitted by the stats layer's
 * `fitLogLogSlope`); inconclusive unless every `each` value is covered.
 */
export interface SlopeCheck extends CheckBase {
  kind: "slope";
  x: string;
  metric: string;
  min: number;
  max: number;
}

/** One check of a claim, as data. */
export type ClaimCheck = ThresholdCheck | ContrastCheck | EverySeedCheck | SlopeCheck;

/** A claim as data: everything but its evaluation. */
export interface ClaimSpec {
  /** Stable id, e.g. "identifiability.gaussian-identified". */
  id: string;
  /** Bumped whenever a check, threshold or selection changes. */
  version: number;
  /** The claim in one sentence. */
  title: string;
  /** The paper (and section) it comes from, and how this project operationalises it. */
  source: string;
  /** The suites (at these versions) whose records it reads; other versions are ignored. */
  suites: readonly SuiteRef[];
  /** Only records of these profiles (default: every profile). */
  profiles?: readonly string[];
  /** Seeds a case needs before it can decide a check. */
  minSeeds: number;
  /** Every check must hold in a cohort for the claim to hold there. */
  checks: readonly ClaimCheck[];
}

/** One row of evidence: a case (or a fitted series), its value and the test it met or not. */
export interface EvidenceRow {
  /** "smoke on wasm": the profile and backend the values come from. */
  cohort: string;
  /** The check's label. */
  check: string;
  /** Case id (or the combination of parameters no case covered, or a series). */
  case: string;
  /** Metric name, "flag <name>", or "slope(<metric> ~ <x>)". */
  metric: string;
  /** Mean over seeds (a fraction of seeds for a flag, the exponent for a slope); NaN when none. */
  value: number;
  /** 95 % t-interval of the mean over seeds; NaN when there is none. */
  ciLow: number;
  ciHigh: number;
  /** Seeds behind the value (points behind a slope). */
  seeds: number;
  /** What was tested, in words, with the reference's numbers where there is one. */
  test: string;
  /** This row's verdict; null for a row that only informs (a point of a fitted slope). */
  verdict: ClaimVerdict | null;
}

/** The verdict of one cohort. */
export interface CohortVerdict {
  cohort: string;
  verdict: ClaimVerdict;
}

/** What {@link Claim.evaluate} returns. */
export interface ClaimResult {
  verdict: ClaimVerdict;
  /** One line. */
  reason: string;
  evidence: EvidenceRow[];
  cohorts: CohortVerdict[];
  /** How many records of the claim's suites were read, used and ignored (and why). */
  records: RecordCounts;
}

/** A claim: its data and its evaluation. */
export interface Claim extends ClaimSpec {
  evaluate(input: ClaimInput): ClaimResult;
}

/** A claim's data and its result, as the CLI and the dashboard show it. */
export interface ClaimReport extends ClaimSpec, ClaimResult {}

/**
 * The verdict of several verdicts that must all hold: fails when one fails,
 * holds when all hold (and there is at least one), else inconclusive.
 *
 * @example
 * ```ts
 * import { allHold } from "./claim.ts";
 * console.assert(allHold(["holds", "inconclusive"]) === "inconclusive");
 * console.assert(allHold(["holds", "fails", "inconclusive"]) === "fails");
 * console.assert(allHold([]) === "inconclusive");
 * ```
 */
export function allHold(verdicts: readonly ClaimVerdict[]): ClaimVerdict {
  if (verdicts.includes("fails")) return "fails";
  if (verdicts.length > 0 && verdicts.every((v) => v === "holds")) return "holds";
  return "inconclusive";
}

/**
 * The verdict over cohorts: fails when a cohort fails, holds when one holds
 * and none fails, else inconclusive.
 *
 * @example
 * ```ts
 * import { anyCohortDecides } from "./claim.ts";
 * console.assert(anyCohortDecides(["holds", "inconclusive"]) === "holds");
 * console.assert(anyCohortDecides(["holds", "fails"]) === "fails");
 * ```
 */
export function anyCohortDecides(verdicts: readonly ClaimVerdict[]): ClaimVerdict {
  if (verdicts.includes("fails")) return "fails";
  return verdicts.includes("holds") ? "holds" : "inconclusive";
}

function rowText(r: EvidenceRow): string {
  return `${r.check}: ${r.case} ${r.metric} ${
    formatEstimate(r.value, r.ciLow, r.ciHigh)
  } ${r.test}`;
}

function reasonOf(spec: ClaimSpec, cohorts: CohortVerdict[], rows: EvidenceRow[]): string {
  const suites = spec.suites.map(suiteRefText).join(", ");
  if (cohorts.length === 0) {
    const where = spec.profiles ? ` in profile(s) ${spec.profiles.join(", ")}` : "";
    return `no verified completed records of ${suites}${where}`;
  }
  const named = (v: ClaimVerdict) => cohorts.filter((c) => c.verdict === v).map((c) => c.cohort);
  const failing = named("fails");
  if (failing.length > 0) {
    const row = rows.find((r) => r.cohort === failing[0] && r.verdict === "fails")!;
    const also = cohorts.length > 1 ? ` (${failing.length} of ${cohorts.length} cohorts fail)` : "";
    return `fails in ${failing[0]}: ${rowText(row)}${also}`;
  }
  const holding = named("holds");
  const open = named("inconclusive");
  if (holding.length > 0) {
    return `holds in ${holding.join(", ")}` +
      (open.length > 0 ? `; inconclusive in ${open.join(", ")}` : "");
  }
  const row = rows.find((r) => r.cohort === open[0] && r.verdict === "inconclusive");
  return `no cohort decides; ${open[0]}: ${row ? rowText(row) : "no case selected"}`;
}

/**
 * Give a claim written as data its evaluation: read the verified, completed
 * records of its suites (at their versions) and profiles, judge every check
 * in every cohort, and combine the verdicts (see the module doc).
 *
 * @example
 * ```ts
 * import { defineClaim } from "./claim.ts";
 * const claim = defineClaim({
 *   id: "toy.high", version: 1, title: "scores are high", source: "a test",
 *   suites: [{ id: "toy", version: 1 }], minSeeds: 2,
 *   checks: [{ kind: "threshold", label: "high", select: {}, metric: "score", op: ">=", value: 0.9 }],
 * });
 * console.assert(claim.evaluate({ headers: [], records: [] }).verdict === "inconclusive");
 * ```
 */
export function defineClaim(spec: ClaimSpec): Claim {
  return {
    ...spec,
    evaluate(input: ClaimInput): ClaimResult {
      const { cohorts, counts } = buildCohorts(spec, input);
      const evidence: EvidenceRow[] = [];
      const verdicts: CohortVerdict[] = [];
      for (const cohort of cohorts) {
        const checks = spec.checks.map((check) => {
          const rows = evaluateCheck(check, cohort, check.minSeeds ?? spec.minSeeds);
          evidence.push(...rows);
          return allHold(rows.flatMap((r) => r.verdict === null ? [] : [r.verdict]));
        });
        verdicts.push({ cohort: cohort.label, verdict: allHold(checks) });
      }
      return {
        verdict: anyCohortDecides(verdicts.map((c) => c.verdict)),
        reason: reasonOf(spec, verdicts, evidence),
        evidence,
        cohorts: verdicts,
        records: counts,
      };
    },
  };
}
