/**
 * How each kind of claim check is judged on one cohort: which cases it
 * selects, the 95 % Student-t interval of each case's mean over seeds (the
 * stats layer's `tInterval`), and the evidence rows with their verdicts.
 * See `claim.ts` for what each kind means.
 *
 * @module
 */
import type { ParamValue } from "../../store/record.ts";
import { fitLogLogSlope, mean, tInterval } from "../../stats/mod.ts";
import { formatNumber } from "../../runner/summary.ts";
import type {
  CaseSelector,
  ClaimCheck,
  ClaimVerdict,
  ContrastCheck,
  EverySeedCheck,
  EvidenceRow,
  Operand,
  SlopeCheck,
  ThresholdCheck,
} from "./claim.ts";
import type { Cohort, CohortCase } from "./input.ts";

const oneOf = (v: ParamValue | readonly ParamValue[]): readonly ParamValue[] =>
  Array.isArray(v) ? v : [v as ParamValue];

/**
 * Whether a case matches a selector's `caseIds`, `where` and `exclude`.
 *
 * @example
 * ```ts
 * import { selects } from "./checks.ts";
 * const c = { key: "k", caseId: "a/gaussian", params: { law: "gaussian", dim: 2 } };
 * console.assert(selects({ where: { law: ["gaussian", "gennorm(1)"] } }, c));
 * console.assert(!selects({ exclude: { dim: [2] } }, c));
 * ```
 */
export function selects(s: CaseSelector, c: CohortCase): boolean {
  if (s.caseIds !== undefined && !s.caseIds.includes(c.caseId)) return false;
  for (const [k, v] of Object.entries(s.where ?? {})) {
    if (!oneOf(v).includes(c.params[k])) return false;
  }
  for (const [k, v] of Object.entries(s.exclude ?? {})) {
    if (v.includes(c.params[k])) return false;
  }
  return true;
}

function combinations(each: Readonly<Record<string, readonly ParamValue[]>>) {
  let out: Record<string, ParamValue>[] = [{}];
  for (const [k, values] of Object.entries(each)) {
    out = out.flatMap((combo) => values.map((v) => ({ ...combo, [k]: v })));
  }
  return Object.keys(each).length === 0 ? [] : out;
}

const describe = (combo: Record<string, ParamValue>) =>
  Object.entries(combo).map(([k, v]) => `${k}=${v}`).join(", ");

interface Selection {
  cases: CohortCase[];
  /** Rows for `each` combinations no selected case covers. */
  missing: EvidenceRow[];
}

function select(check: ClaimCheck, cohort: Cohort, metric: string): Selection {
  const cases = cohort.cases.filter((c) => selects(check.select, c));
  const missing = combinations(check.select.each ?? {})
    .filter((combo) =>
      !cases.some((c) => Object.entries(combo).every(([k, v]) => c.params[k] === v))
    )
    .map((combo) =>
      row(cohort, check, describe(combo), metric, [], "no verified case", "inconclusive")
    );
  if (cases.length === 0 && missing.length === 0) {
    missing.push(row(cohort, check, "(none)", metric, [], "no case matches", "inconclusive"));
  }
  return { cases, missing };
}

function row(
  cohort: Cohort,
  check: ClaimCheck,
  caseName: string,
  metric: string,
  values: readonly number[],
  test: string,
  verdict: ClaimVerdict | null,
): EvidenceRow {
  const ci = values.length > 0 ? tInterval(values) : { estimate: NaN, ciLow: NaN, ciHigh: NaN };
  return {
    cohort: cohort.label,
    check: check.label,
    case: caseName,
    metric,
    value: ci.estimate,
    ciLow: ci.ciLow,
    ciHigh: ci.ciHigh,
    seeds: values.length,
    test,
    verdict,
  };
}

/**
 * `0.924 [0.905, 0.944]`, or the value alone without an interval, "-" without a value.
 *
 * @example
 * ```ts
 * import { formatEstimate } from "./checks.ts";
 * console.assert(formatEstimate(0.9244, 0.905, 0.944) === "0.9244 [0.905, 0.944]");
 * console.assert(formatEstimate(2, NaN, NaN) === "2");
 * ```
 */
export function formatEstimate(value: number, ciLow: number, ciHigh: number): string {
  if (!Number.isFinite(value)) return "-";
  if (!Number.isFinite(ciLow) || !Number.isFinite(ciHigh)) return formatNumber(value);
  return `${formatNumber(value)} [${formatNumber(ciLow)}, ${formatNumber(ciHigh)}]`;
}

const fewSeeds = (n: number, min: number) => `${n} seed${n === 1 ? "" : "s"}, needs ${min}`;

/** What a check finds in one case: the values shown, the test in words, the verdict. */
interface Judgement {
  values: readonly number[];
  test: string;
  verdict: ClaimVerdict;
  /** False for 0/1 values (a flag): their mean is shown without a t-interval. */
  interval?: boolean;
}

/** The verdict of a case, or inconclusive (saying so) when it has fewer than `minSeeds` seeds. */
function decide(
  values: readonly number[],
  seeds: number,
  minSeeds: number,
  test: string,
  verdict: () => ClaimVerdict,
): Judgement {
  if (seeds < minSeeds) {
    return { values, test: `${test} (${fewSeeds(seeds, minSeeds)})`, verdict: "inconclusive" };
  }
  return { values, test, verdict: verdict() };
}

/** One row per selected case (as `judge` finds it), then the rows of uncovered combinations. */
function perCase(
  check: ClaimCheck,
  cohort: Cohort,
  metric: string,
  judge: (c: CohortCase) => Judgement,
): EvidenceRow[] {
  const { cases, missing } = select(check, cohort, metric);
  const rows = cases.map((c) => {
    const j = judge(c);
    const r = row(cohort, check, c.caseId, metric, j.values, j.test, j.verdict);
    return j.interval === false ? { ...r, ciLow: NaN, ciHigh: NaN } : r;
  });
  return [...rows, ...missing];
}

function threshold(check: ThresholdCheck, cohort: Cohort, minSeeds: number): EvidenceRow[] {
  return perCase(check, cohort, check.metric, (c) => {
    const values = [...cohort.values(check.metric, c.key).values()];
    const test = `${check.op} ${formatNumber(check.value)}`;
    const { ciLow, ciHigh } = tInterval(values);
    const [onSide, offSide] = check.op === ">="
      ? [ciLow >= check.value, ciHigh < check.value]
      : [ciHigh <= check.value, ciLow > check.value];
    const straddles = !onSide && !offSide;
    return decide(
      values,
      values.length,
      minSeeds,
      test + (straddles ? " (the interval straddles it)" : ""),
      () => onSide ? "holds" : offSide ? "fails" : "inconclusive",
    );
  });
}

function referenceOf(check: ContrastCheck, c: CohortCase, cases: readonly CohortCase[]) {
  const ignore = new Set(check.ignore ?? []);
  const want = { ...c.params, ...check.reference };
  return cases.find((r) => {
    if (r.key === c.key) return false;
    const keys = new Set([...Object.keys(want), ...Object.keys(r.params)]);
    return [...keys].every((k) => ignore.has(k) || r.params[k] === want[k]);
  });
}

function contrast(check: ContrastCheck, cohort: Cohort, minSeeds: number): EvidenceRow[] {
  const side = check.direction;
  return perCase(check, cohort, check.metric, (c) => {
    const values = [...cohort.values(check.metric, c.key).values()];
    const ref = referenceOf(check, c, cohort.cases);
    if (ref === undefined) {
      const wanted = describe(check.reference as Record<string, ParamValue>);
      return { values, test: `${side} its ${wanted} case: none verified`, verdict: "inconclusive" };
    }
    const refValues = [...cohort.values(check.metric, ref.key).values()];
    const r = tInterval(refValues);
    const a = tInterval(values);
    const disjoint = side === "below" ? a.ciHigh < r.ciLow : a.ciLow > r.ciHigh;
    const test = `${side} ${ref.caseId} ${formatEstimate(r.estimate, r.ciLow, r.ciHigh)}` +
      (disjoint ? "" : " (the intervals are not disjoint on that side)");
    const n = Math.min(values.length, refValues.length);
    return decide(values, n, minSeeds, test, () => disjoint ? "holds" : "fails");
  });
}

function operand(o: Operand, cohort: Cohort, c: CohortCase, seed: number): number | undefined {
  if ("value" in o) return o.value;
  if ("param" in o) {
    const p = c.params[o.param];
    return typeof p === "number" ? p : undefined;
  }
  return cohort.values(o.metric, c.key).get(seed);
}

const operandName = (o: Operand) =>
  "value" in o ? formatNumber(o.value) : "param" in o ? `param ${o.param}` : o.metric;

function everySeed(check: EverySeedCheck, cohort: Cohort, minSeeds: number): EvidenceRow[] {
  const t = check.test;
  const metric = "flag" in t ? `flag ${t.flag}` : t.left.metric;
  return perCase(check, cohort, metric, (c) => {
    const shown: number[] = [];
    let ok = 0;
    let what: string;
    if ("flag" in t) {
      for (const f of cohort.flags(t.flag, c.key).values()) {
        shown.push(f);
        if (f === (t.is ? 1 : 0)) ok++;
      }
      what = `${t.flag} is ${t.is}`;
    } else {
      for (const [seed, left] of cohort.values(t.left.metric, c.key)) {
        const right = operand(t.right, cohort, c, seed);
        if (right === undefined || !Number.isFinite(right)) continue;
        shown.push(left);
        const pass = t.op === "within"
          ? Math.abs(left - right) <= t.tolerance
          : t.op === "<="
          ? left <= right
          : left >= right;
        if (pass) ok++;
      }
      what = t.op === "within"
        ? `|${t.left.metric} - ${operandName(t.right)}| <= ${formatNumber(t.tolerance)}`
        : `${t.left.metric} ${t.op} ${operandName(t.right)}`;
    }
    const n = shown.length;
    const test = `every seed: ${what} (${ok}/${n})`;
    // A flag's value is the fraction of seeds where it is true: no t-interval of a 0/1 mean.
    const j = decide(shown, n, minSeeds, test, () => ok === n ? "holds" : "fails");
    return { ...j, interval: !("flag" in t) };
  });
}

function slope(check: SlopeCheck, cohort: Cohort, minSeeds: number): EvidenceRow[] {
  const { cases, missing } = select(check, cohort, check.metric);
  const points: Array<[number, number]> = [];
  const rows: EvidenceRow[] = [];
  const at = (c: CohortCase) => Number(c.params[check.x]);
  for (const c of [...cases].sort((a, b) => at(a) - at(b))) {
    const values = [...cohort.values(check.metric, c.key).values()];
    const x = c.params[check.x];
    const usable = typeof x === "number" && values.length >= minSeeds;
    if (usable) points.push([x, mean(values)]);
    const note = usable
      ? `a point at ${check.x} = ${x}`
      : `not a point (${fewSeeds(values.length, minSeeds)})`;
    rows.push(row(cohort, check, c.caseId, check.metric, values, note, null));
  }
  const range = `[${formatNumber(check.min)}, ${formatNumber(check.max)}]`;
  const name = `slope(${check.metric} ~ ${check.x})`;
  const series = `${points.length} point${points.length === 1 ? "" : "s"}`;
  const fit = (() => {
    try {
      return fitLogLogSlope(points.map((p) => p[0]), points.map((p) => p[1]));
    } catch {
      return null;
    }
  })();
  const decided = missing.length === 0 && fit !== null;
  const test = fit === null
    ? `log-log slope in ${range}: cannot fit ${series}`
    : `log-log slope in ${range} (r² ${formatNumber(fit.r2)})` +
      (missing.length > 0 ? `; no point at ${missing.map((m) => m.case).join("; ")}` : "");
  const verdict = !decided
    ? "inconclusive"
    : fit.slope >= check.min && fit.slope <= check.max
    ? "holds"
    : "fails";
  const fitted: EvidenceRow = {
    ...row(cohort, check, `${check.x} series (${series})`, name, [], test, verdict),
    value: fit?.slope ?? NaN,
    seeds: points.length,
  };
  return [fitted, ...rows, ...missing];
}

/**
 * The evidence rows of one check in one cohort, each with its verdict
 * (`null` for rows that only inform, such as the points of a slope).
 *
 * @example
 * ```ts
 * import { evaluateCheck } from "./checks.ts";
 * import type { Cohort } from "./input.ts";
 * const empty: Cohort = {
 *   label: "smoke on wasm", profile: "smoke", backend: "wasm", cases: [],
 *   values: () => new Map(), flags: () => new Map(),
 * };
 * const rows = evaluateCheck(
 *   { kind: "threshold", label: "high", select: {}, metric: "r2_hz", op: ">=", value: 0.9 },
 *   empty,
 *   3,
 * );
 * console.assert(rows.length === 1 && rows[0].verdict === "inconclusive"); // no case matches
 * ```
 */
export function evaluateCheck(check: ClaimCheck, cohort: Cohort, minSeeds: number): EvidenceRow[] {
  switch (check.kind) {
    case "threshold":
      return threshold(check, cohort, minSeeds);
    case "contrast":
      return contrast(check, cohort, minSeeds);
    case "every-seed":
      return everySeed(check, cohort, minSeeds);
    case "slope":
      return slope(check, cohort, minSeeds);
  }
}
