/**
 * `compare A B`: compare two entries, two runs or two commits metric by
 * metric with the analysis layer (src/core/analysis): per common task,
 * B - A (A the reference) with its 95 % t-interval (paired on seeds when both
 * sides ran the same seeds, else Welch), P(B better) and the verdict from the
 * metric's declared direction and margin (SPEC section 6); plus an "all"
 * row: the mean over the common tasks of the per-task differences with its
 * stratified t-interval. This file resolves sides and formats.
 *
 * @module
 */
import type { MetricDef } from "../core/suite.ts";
import type { CompletedResult } from "../core/store/record.ts";
import type { SqliteStore } from "../core/store/sqlite.ts";
import {
  compareValues,
  entryOf,
  type EntryTags,
  holmOverMetrics,
  type MetricDifference,
  type MetricGoal,
  metricGoal,
  recordObservations,
  tabulate,
  taskOf,
} from "../core/analysis/mod.ts";
import { formatComparison, formatComparisonMarkdown } from "./compare_format.ts";
import { loadDefinition, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `compare`.
 *
 * @example
 * ```ts
 * import { COMPARE_FLAGS } from "./compare.ts";
 * console.log(COMPARE_FLAGS.suite.default); // "regularisers"
 * ```
 */
export const COMPARE_FLAGS = defineFlags({
  suite: {
    type: "string",
    value: "<id>",
    default: "regularisers",
    help: "suite of the results (runs bring their own)",
  },
  profile: { type: "string", value: "<name>", help: "only results of this profile" },
  all: { type: "boolean", help: "every declared metric of the suite, not only the primary ones" },
  metric: { type: "string", value: "<name>", help: "only this metric (declared or not)" },
  json: { type: "boolean", help: "the comparison as JSON" },
  markdown: { type: "boolean", help: "the tables as Markdown" },
  store: STORE_FLAG,
});

/** Help text of `compare`. */
export const COMPARE_HELP = formatHelp("compare", {
  usage: ["<A> <B> [flags]"],
  about: `Compare B against A (the baseline). Each of A and B is one of:
  <entry>           an entry's results in --suite (a regulariser or objective, e.g. sigreg,
                    user:mine@1a2b3c4d5e6f, or sub:<name> for a submission), the latest record
                    of each (case, seed) over all runs
  <runId>           every completed record of one run
  commit:<sha>      every run of --suite whose git commit starts with <sha>
Results are paired by task (the case without its entry segment, when each side holds one entry)
and seed. Per metric: mean of A and B, B - A with its 95 % t-interval (paired on seeds when both
sides ran the same seeds, else Welch; none with one seed a side), P(B better), and the verdict
better | worse | no detectable change (interval wholly beyond the metric's margin). The "all"
row: mean over the common tasks of the per-task differences, with a stratified t-interval. A
metric the suite does not declare has no direction: values and differences, no verdict.`,
}, COMPARE_FLAGS);

/** One side of a comparison, resolved from the store. */
export interface ComparisonSide {
  /** As given on the command line. */
  label: string;
  kind: "entry" | "run" | "commit";
  suite: { id: string; version: number };
  /** Latest completed record per (case, seed). */
  records: CompletedResult[];
  /** The tags of a record's run (submissions name their entry there). */
  tagsOf: (runId: string) => EntryTags;
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
  const tags = new Map(
    store.listRuns({ suite: suiteId }).map((r) => [r.header.runId, r.header.tags]),
  );
  const tagsOf = (id: string) => tags.get(id) ?? store.getRun(id)?.header.tags ?? {};
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
    return finish(label, "commit", { id: suiteId, version }, records.filter(byProfile), tagsOf);
  }
  const doc = store.getRun(label);
  if (doc !== null) {
    const t = doc.header.tags;
    return finish(
      label,
      "run",
      doc.header.suite,
      completed(doc.records).filter(byProfile),
      () => t,
    );
  }
  const all = completed(store.results({ suite: suiteId, status: "completed" }))
    .filter((r) => entryOf(tagsOf(r.runId), r).key === label && byProfile(r));
  if (all.length === 0) {
    throw new Error(
      `"${label}" is neither a run id nor an entry with completed results of suite "${suiteId}"` +
        `${profile ? ` profile "${profile}"` : ""} in store "${store.path}"`,
    );
  }
  const version = Math.max(...all.map((r) => r.suiteVersion));
  return finish(
    label,
    "entry",
    { id: suiteId, version },
    all.filter((r) => r.suiteVersion === version),
    tagsOf,
  );
}

function finish(
  label: string,
  kind: ComparisonSide["kind"],
  suite: { id: string; version: number },
  records: CompletedResult[],
  tagsOf: (runId: string) => EntryTags,
): ComparisonSide {
  if (records.length === 0) throw new Error(`"${label}" has no completed results to compare`);
  return { label, kind, suite, records: latestPerKey(records), tagsOf };
}

/** The whole comparison: B against A (the reference), each metric by the analysis layer. */
export interface Comparison {
  a: { label: string; kind: string; results: number };
  b: { label: string; kind: string; results: number };
  suite: { id: string; version: number };
  /** How records were paired. */
  pairing: "task (case without entry), seed" | "case, seed";
  /** Tasks present on only one side. */
  unpaired: { a: string[]; b: string[] };
  /** Metrics with at least one common task. */
  metrics: MetricDifference[];
  /** Metrics in the Holm family of `pHolm` (declared direction and a test). */
  holmFamily: number;
}

function sideValues(
  side: ComparisonSide,
  metric: string,
  goal: MetricGoal,
  strip: boolean,
): Map<string, Map<number, number>> {
  const obs = recordObservations(
    side.records,
    metric,
    goal,
    side.tagsOf,
    strip ? undefined : (r) => r.caseId,
  );
  const t = tabulate(obs.map((o) => ({ ...o, entry: "" })));
  return t.get("") ?? new Map();
}

function entriesOf(side: ComparisonSide): Set<string> {
  return new Set(side.records.map((r) => entryOf(side.tagsOf(r.runId), r).key));
}

/**
 * Compare side B against side A (the reference) on the given metric
 * definitions: per common task and overall, by src/core/analysis. When each
 * side holds one entry, records pair by task (case without the entry) and
 * seed; otherwise by case and seed.
 *
 * @example
 * ```ts
 * import { compareSides } from "./compare.ts";
 * import type { ComparisonSide } from "./compare.ts";
 * import type { MetricDef } from "../core/suite.ts";
 * declare const a: ComparisonSide, b: ComparisonSide, defs: MetricDef[];
 * const cmp = compareSides(a, b, defs, defs.map((d) => d.name));
 * ```
 */
export function compareSides(
  a: ComparisonSide,
  b: ComparisonSide,
  declared: readonly MetricDef[],
  metrics: readonly string[],
): Comparison {
  const strip = entriesOf(a).size === 1 && entriesOf(b).size === 1;
  const taskSet = (side: ComparisonSide) =>
    new Set(side.records.map((r) => strip ? taskOf(r.caseId, r.params) : r.caseId));
  const ta = taskSet(a);
  const tb = taskSet(b);
  const out: MetricDifference[] = [];
  for (const name of metrics) {
    const goal = metricGoal(declared, name);
    const margin = declared.find((d) => d.name === name)?.margin ?? 0;
    const d = compareValues(
      sideValues(a, name, goal, strip),
      sideValues(b, name, goal, strip),
      name,
      goal,
      margin,
    );
    if (d.rows.length > 0) out.push(d);
  }
  const holmFamily = holmOverMetrics(out);
  return {
    holmFamily,
    a: { label: a.label, kind: a.kind, results: a.records.length },
    b: { label: b.label, kind: b.kind, results: b.records.length },
    suite: b.suite,
    pairing: strip ? "task (case without entry), seed" : "case, seed",
    unpaired: {
      a: [...ta].filter((k) => !tb.has(k)).sort(),
      b: [...tb].filter((k) => !ta.has(k)).sort(),
    },
    metrics: out,
  };
}

export { formatComparison, formatComparisonMarkdown };

async function declaredMetrics(suite: { id: string; version: number }): Promise<MetricDef[]> {
  if (!suiteIds().includes(suite.id)) {
    throw new Error(`suite "${suite.id}" is not registered: no metric definitions to compare with`);
  }
  return (await loadDefinition(suite.id)).metrics;
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
  const { values, positionals } = parseFlags("compare", args, COMPARE_FLAGS, 2);
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
  const suiteId = values.suite ?? COMPARE_FLAGS.suite.default;
  const profile = values.profile;
  const store = openStoreFlag(values.store, { readOnly: true });
  try {
    const a = resolveSide(store, positionals[0], suiteId, profile);
    const b = resolveSide(store, positionals[1], suiteId, profile);
    if (a.suite.id !== b.suite.id) {
      throw new UsageError(`compare: A is suite "${a.suite.id}" but B is suite "${b.suite.id}"`);
    }
    const declared = await declaredMetrics(b.suite);
    const metric = values.metric;
    if (metric !== undefined && ![a, b].some((x) => x.records.some((r) => metric in r.metrics))) {
      throw new UsageError(`compare: neither side has a metric "${metric}"`);
    }
    const names = metric !== undefined
      ? [metric]
      : (values.all ? declared : declared.filter((m) => m.primary)).map((m) => m.name);
    const cmp = compareSides(a, b, declared, names);
    if (values.json) io.out(JSON.stringify(cmp, null, 2) + "\n");
    else if (values.markdown) io.out(formatComparisonMarkdown(cmp) + "\n");
    else io.out(formatComparison(cmp) + "\n");
    return 0;
  } finally {
    store.close();
  }
}
