/**
 * `compare A B`: compare two regularisers, two runs or two commits metric by
 * metric: per paired case, the difference of means (B - A) with its 95 %
 * Student-t interval (paired on seeds when both sides ran the same seeds,
 * else Welch), the probability that B is better (Mann–Whitney), and the
 * verdict `better | worse | no detectable change` from the metric's margin
 * and direction (SPEC section 6); plus an "all cases" row: the mean over
 * cases of the seed-paired differences with its stratified t-interval.
 *
 * @module
 */
import type { MetricDef } from "../core/suite.ts";
import type { CompletedResult } from "../core/store/record.ts";
import type { SqliteStore } from "../core/store/sqlite.ts";
import {
  type DifferenceMethod,
  mean,
  probabilityOfImprovement,
  seedDifferenceInterval,
  stratifiedTInterval,
  type Verdict,
  verdict,
} from "../core/stats/mod.ts";
import { formatComparison, formatComparisonMarkdown } from "./compare_format.ts";
import { loadSuite, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, parseFlags, STORE_HELP, UsageError } from "./common.ts";

/** Help text of `compare`. */
export const COMPARE_HELP = `usage: compare <A> <B> [flags]

Compare B against A (the baseline). Each of A and B is one of:
  <regulariser>     a regulariser's results in --suite (e.g. sigreg, whitening, user:mine@1a2b3c4d5e6f),
                    the latest record of each (case, seed) over all runs
  <runId>           every completed record of one run
  commit:<sha>      every run of --suite whose git commit starts with <sha>
Results are paired by case (without its regulariser segment when each side holds one regulariser)
and seed. Per metric: mean of A and B, B - A with its 95 % t-interval (paired on seeds when both
sides ran the same seeds, else Welch; none with one seed a side), P(B better), and the verdict
better | worse | no detectable change (interval wholly beyond the metric's margin). The "all"
row: mean over cases of the per-seed differences, with a stratified t-interval.

flags:
  --suite <id>      suite of the results (default regularisers; runs bring their own)
  --profile <name>  only results of this profile
  --all             every metric of the suite, not only the primary ones
  --json            the comparison as JSON
  --markdown        the tables as Markdown
${STORE_HELP}
  -h, --help        this help`;

const OPTIONS = {
  suite: { type: "string" },
  profile: { type: "string" },
  all: { type: "boolean" },
  json: { type: "boolean" },
  markdown: { type: "boolean" },
  store: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** One side of a comparison, resolved from the store. */
export interface ComparisonSide {
  /** As given on the command line. */
  label: string;
  kind: "regulariser" | "run" | "commit";
  suite: { id: string; version: number };
  /** Latest completed record per (case, seed). */
  records: CompletedResult[];
}

/** One row of a metric's table. */
export interface ComparisonRow {
  /** Paired case key, or "all (k cases)". */
  case: string;
  nA: number;
  nB: number;
  meanA: number;
  meanB: number;
  /** mean(B) - mean(A). */
  diff: number;
  /** 95 % t-interval of `diff` (NaN bounds when there is none). */
  ciLow: number;
  ciHigh: number;
  /** How the interval was formed ("stratified" for the all-cases row). */
  method: DifferenceMethod | "stratified";
  /** Probability that a B run beats an A run (direction-aware). */
  pBetter: number;
  verdict: Verdict;
}

/** One metric's table. */
export interface MetricComparison {
  metric: string;
  direction: "higher" | "lower";
  margin: number;
  rows: ComparisonRow[];
}

/** The whole comparison. */
export interface Comparison {
  a: { label: string; kind: string; results: number };
  b: { label: string; kind: string; results: number };
  suite: { id: string; version: number };
  /** How records were paired. */
  pairing: "case without regulariser, seed" | "case, seed";
  /** Case keys present on only one side. */
  unpaired: { a: string[]; b: string[] };
  metrics: MetricComparison[];
}

function latestPerKey(records: CompletedResult[]): CompletedResult[] {
  const byKey = new Map<string, CompletedResult>();
  const sorted = [...records].sort((x, y) => x.runId < y.runId ? -1 : x.runId > y.runId ? 1 : 0);
  for (const r of sorted) byKey.set(`${r.caseId}#${r.seed}`, r);
  return [...byKey.values()];
}

function completed(records: unknown[]): CompletedResult[] {
  return (records as CompletedResult[]).filter((r) => r.status === "completed");
}

/**
 * Resolve one side (`<regulariser>`, `<runId>` or `commit:<sha>`) against the store.
 *
 * @example
 * ```ts
 * import { resolveSide } from "./compare.ts";
 * import { openStore } from "../core/store/sqlite.ts";
 * const store = openStore(":memory:");
 * // resolveSide(store, "sigreg", "regularisers") throws: no results
 * store.close();
 * ```
 */
export function resolveSide(
  store: SqliteStore,
  label: string,
  suiteId: string,
  profile?: string,
): ComparisonSide {
  const byProfile = (r: CompletedResult) => profile === undefined || r.profile === profile;
  if (label.startsWith("commit:")) {
    const sha = label.slice("commit:".length).toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(sha)) {
      throw new UsageError(
        `compare: "${label}" needs a commit sha of 4 to 40 hex digits after "commit:"`,
      );
    }
    const runs = store.listRuns({ suite: suiteId })
      .filter((r) => r.header.git.commit?.toLowerCase().startsWith(sha));
    if (runs.length === 0) {
      throw new Error(`no runs of suite "${suiteId}" at commit ${sha} in store "${store.path}"`);
    }
    const version = Math.max(...runs.map((r) => r.header.suite.version));
    const records = runs.filter((r) => r.header.suite.version === version)
      .flatMap((r) => completed(store.results({ runId: r.header.runId, status: "completed" })));
    return finish(label, "commit", { id: suiteId, version }, records.filter(byProfile));
  }
  const doc = store.getRun(label);
  if (doc !== null) {
    return finish(label, "run", doc.header.suite, completed(doc.records).filter(byProfile));
  }
  const all = completed(store.results({ suite: suiteId, status: "completed" }))
    .filter((r) => r.params.objective === label && byProfile(r));
  if (all.length === 0) {
    throw new Error(
      `"${label}" is neither a run id nor a regulariser with completed results of suite "${suiteId}"` +
        `${profile ? ` profile "${profile}"` : ""} in store "${store.path}"`,
    );
  }
  const version = Math.max(...all.map((r) => r.suiteVersion));
  return finish(
    label,
    "regulariser",
    { id: suiteId, version },
    all.filter((r) => r.suiteVersion === version),
  );
}

function finish(
  label: string,
  kind: ComparisonSide["kind"],
  suite: { id: string; version: number },
  records: CompletedResult[],
): ComparisonSide {
  if (records.length === 0) throw new Error(`"${label}" has no completed results to compare`);
  return { label, kind, suite, records: latestPerKey(records) };
}

function objectives(side: ComparisonSide): Set<string> {
  return new Set(side.records.map((r) => String(r.params.objective ?? "")));
}

function caseKey(r: CompletedResult, strip: boolean): string {
  if (!strip || typeof r.params.objective !== "string") return r.caseId;
  return r.caseId.split("/").filter((p) => p !== r.params.objective).join("/");
}

function finiteOf(records: CompletedResult[], metric: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of records) {
    const v = r.metrics[metric];
    if (typeof v === "number" && Number.isFinite(v)) out.set(r.seed, v);
  }
  return out;
}

/**
 * Compare side B against side A (the baseline) on the given metric
 * definitions (t-intervals: deterministic).
 *
 * @example
 * ```ts
 * import { compareSides } from "./compare.ts";
 * import type { ComparisonSide } from "./compare.ts";
 * import type { MetricDef } from "../core/suite.ts";
 * declare const a: ComparisonSide, b: ComparisonSide, defs: MetricDef[];
 * const cmp = compareSides(a, b, defs);
 * ```
 */
export function compareSides(
  a: ComparisonSide,
  b: ComparisonSide,
  defs: MetricDef[],
): Comparison {
  const oa = objectives(a);
  const ob = objectives(b);
  const strip = oa.size === 1 && ob.size === 1 && !oa.has("") && !ob.has("");
  const group = (side: ComparisonSide) => {
    const m = new Map<string, CompletedResult[]>();
    for (const r of side.records) {
      const k = caseKey(r, strip);
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(r);
    }
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  const keys = [...ga.keys()].filter((k) => gb.has(k));
  const metrics: MetricComparison[] = [];
  for (const def of defs) {
    const rows: ComparisonRow[] = [];
    const pairedGroups: number[][] = [];
    const poi: number[] = [];
    const sign = def.direction === "higher" ? 1 : -1;
    let nA = 0;
    let nB = 0;
    const allA: number[] = [];
    const allB: number[] = [];
    for (const key of keys) {
      const va = finiteOf(ga.get(key)!, def.name);
      const vb = finiteOf(gb.get(key)!, def.name);
      if (va.size === 0 || vb.size === 0) continue;
      const xa = [...va.values()];
      const xb = [...vb.values()];
      const d = seedDifferenceInterval(va, vb);
      const p = probabilityOfImprovement(xa.map((v) => sign * v), xb.map((v) => sign * v));
      rows.push({
        case: key,
        nA: xa.length,
        nB: xb.length,
        meanA: mean(xa),
        meanB: mean(xb),
        diff: d.estimate,
        ciLow: d.ciLow,
        ciHigh: d.ciHigh,
        method: d.method,
        pBetter: p,
        verdict: verdict(d, def.margin, def.direction),
      });
      const paired = [...va.keys()].filter((s) => vb.has(s)).map((s) => vb.get(s)! - va.get(s)!);
      if (paired.length > 0) pairedGroups.push(paired);
      poi.push(p);
      nA += xa.length;
      nB += xb.length;
      allA.push(...xa);
      allB.push(...xb);
    }
    if (rows.length > 1) {
      // Each case weighs the same: the mean over cases of the mean paired difference, with the
      // stratified t-interval (the stratified bootstrap covers about 86 % with 3 seeds a case).
      const ci = pairedGroups.length === rows.length
        ? stratifiedTInterval(pairedGroups, "equal")
        : { estimate: NaN, ciLow: NaN, ciHigh: NaN };
      rows.push({
        case: `all (${rows.length} cases)`,
        nA,
        nB,
        meanA: mean(allA),
        meanB: mean(allB),
        diff: mean(rows.map((r) => r.diff)),
        ciLow: ci.ciLow,
        ciHigh: ci.ciHigh,
        method: "stratified",
        pBetter: mean(poi),
        verdict: verdict(ci, def.margin, def.direction),
      });
    }
    if (rows.length > 0) {
      metrics.push({ metric: def.name, direction: def.direction, margin: def.margin, rows });
    }
  }
  return {
    a: { label: a.label, kind: a.kind, results: a.records.length },
    b: { label: b.label, kind: b.kind, results: b.records.length },
    suite: b.suite,
    pairing: strip ? "case without regulariser, seed" : "case, seed",
    unpaired: {
      a: [...ga.keys()].filter((k) => !gb.has(k)),
      b: [...gb.keys()].filter((k) => !ga.has(k)),
    },
    metrics,
  };
}

export { formatComparison, formatComparisonMarkdown };

async function metricDefs(
  suite: { id: string; version: number },
  all: boolean,
): Promise<MetricDef[]> {
  if (!suiteIds().includes(suite.id)) {
    throw new Error(`suite "${suite.id}" is not registered: no metric definitions to compare with`);
  }
  const s = await loadSuite(suite.id);
  return all ? s.metrics : s.metrics.filter((m) => m.primary);
}

/**
 * The `compare` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { compareCommand } from "./compare.ts";
 * import { processIo } from "./common.ts";
 * const code = await compareCommand(["sigreg", "whitening"], processIo());
 * ```
 */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("compare", args, OPTIONS, 2);
  if (values.help) {
    io.out(COMPARE_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError("compare: needs two arguments A and B (see: compare --help)");
  }
  if (values.json && values.markdown) {
    throw new UsageError("compare: give at most one of --json and --markdown");
  }
  const suiteId = (values.suite as string | undefined) ?? "regularisers";
  const profile = values.profile as string | undefined;
  const store = openStoreFlag(values.store as string | undefined, { readOnly: true });
  try {
    const a = resolveSide(store, positionals[0], suiteId, profile);
    const b = resolveSide(store, positionals[1], suiteId, profile);
    if (a.suite.id !== b.suite.id) {
      throw new UsageError(`compare: A is suite "${a.suite.id}" but B is suite "${b.suite.id}"`);
    }
    const cmp = compareSides(a, b, await metricDefs(b.suite, values.all === true));
    if (values.json) io.out(JSON.stringify(cmp, null, 2) + "\n");
    else if (values.markdown) io.out(formatComparisonMarkdown(cmp) + "\n");
    else io.out(formatComparison(cmp) + "\n");
    return 0;
  } finally {
    store.close();
  }
}
