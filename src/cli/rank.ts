/**
 * `rank`: the entries of a suite ranked per metric by the analysis layer
 * (src/core/analysis): the mean over the tasks every entry ran of the
 * per-task seed means, with its stratified t-interval; the tasks are named.
 * This file only gathers records and formats.
 *
 * @module
 */
import type { CompletedResult } from "../core/store/record.ts";
import { formatPValue } from "../core/stats/mod.ts";
import {
  goalPhrase,
  metricGoal,
  rankEntries,
  type Ranking,
  rankingCaption,
  recordObservations,
  tabulate,
} from "../core/analysis/mod.ts";
import type { EntryTags } from "../core/analysis/mod.ts";
import type { MetricDef } from "../core/suite.ts";
import { formatNumber } from "../core/runner/summary.ts";
import { loadDefinition, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/**
 * The flags of `rank`.
 *
 * @example
 * ```ts
 * import { RANK_FLAGS } from "./rank.ts";
 * console.log(RANK_FLAGS.suite.default); // "regularisers"
 * ```
 */
export const RANK_FLAGS = defineFlags({
  suite: { type: "string", value: "<id>", default: "regularisers", help: "suite" },
  profile: { type: "string", value: "<name>", help: "only results of this profile" },
  all: { type: "boolean", help: "every declared metric, not only the primary ones" },
  metric: { type: "string", value: "<name>", help: "only this metric (declared or not)" },
  json: { type: "boolean", help: "the ranking as JSON" },
  store: STORE_FLAG,
});

/** Help text of `rank`. */
export const RANK_HELP = formatHelp("rank", {
  usage: ["[flags]"],
  about:
    `Rank the entries (regulariser or objective; a submission's tags.entry) with results in a suite,
per metric: the mean over the tasks that every entry ran of the per-task seed means, with a 95 %
stratified t-interval (tasks as strata). A task is a case id without the entry's segment, so a
planner, law or N is part of the task. Entries' other tasks are left out and counted. A metric
the suite does not declare has no direction: it is listed, never ranked.`,
}, RANK_FLAGS);

/**
 * Rank the entries of completed records on each of `metrics` (names), with
 * directions from the suite's `declared` metrics only.
 *
 * @example
 * ```ts
 * import { rankRecords } from "./rank.ts";
 * console.log(rankRecords([], [], ["r2_hz"])[0].rows.length); // 0
 * ```
 */
export function rankRecords(
  records: readonly CompletedResult[],
  declared: readonly MetricDef[],
  metrics: readonly string[],
  tagsOf: (runId: string) => EntryTags = () => ({}),
): Ranking[] {
  return metrics.map((name) => {
    const goal = metricGoal(declared, name);
    return rankEntries(tabulate(recordObservations(records, name, goal, tagsOf)), name, goal);
  });
}

/**
 * The rankings as plain aligned text.
 *
 * @example
 * ```ts
 * import { formatRanking } from "./rank.ts";
 * console.log(formatRanking([]));
 * ```
 */
export function formatRanking(rankings: Ranking[]): string {
  const out: string[] = [];
  for (const r of rankings) {
    out.push(
      `${r.metric} (${goalPhrase(r.goal, r.metric)}) over ${r.tasks.length} common task(s): ${
        r.tasks.join(", ")
      }`,
    );
    const rows: string[][] = [];
    for (const e of r.rows) {
      rows.push([
        e.rank === null ? "-" : String(e.rank),
        e.entry,
        formatNumber(e.mean),
        Number.isNaN(e.ciLow) ? "-" : `[${formatNumber(e.ciLow)}, ${formatNumber(e.ciHigh)}]`,
        e.tieGroup === null ? "-" : String(e.tieGroup),
        Number.isNaN(e.pVsLeader) ? "-" : formatPValue(e.pVsLeader),
        String(e.n),
        String(e.extraTasks),
      ]);
    }
    const columns = ["rank", "entry", "mean", "95% CI", "tie group", "p vs #1 (Holm)", "n"];
    out.push(printableTable([...columns, "other tasks"], rows));
    out.push(rankingCaption(r), "");
  }
  return out.join("\n").trimEnd();
}

/**
 * The `rank` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { rankCommand } from "./rank.ts";
 * import { processIo } from "./common.ts";
 * const code = await rankCommand(["--suite", "regularisers"], processIo());
 * ```
 */
export async function rankCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("rank", args, RANK_FLAGS);
  if (values.help) {
    io.out(RANK_HELP + "\n");
    return 0;
  }
  const suiteId = values.suite ?? RANK_FLAGS.suite.default;
  if (!suiteIds().includes(suiteId)) throw new UsageError(`rank: unknown suite "${suiteId}"`);
  const suite = await loadDefinition(suiteId);
  const profile = values.profile;
  const store = openStoreFlag(values.store, { readOnly: true });
  try {
    const records = (store.results({
      suite: suiteId,
      suiteVersion: suite.version,
      status: "completed",
    }) as CompletedResult[])
      .filter((r) => profile === undefined || r.profile === profile);
    if (records.length === 0) {
      throw new Error(
        `no completed results of suite "${suiteId}" v${suite.version} in store "${store.path}"`,
      );
    }
    const tags = new Map(
      store.listRuns({ suite: suiteId }).map((r) => [r.header.runId, r.header.tags]),
    );
    const metric = values.metric;
    if (metric !== undefined && !records.some((r) => metric in r.metrics)) {
      throw new UsageError(`rank: no result of suite "${suiteId}" has a metric "${metric}"`);
    }
    const names = metric !== undefined
      ? [metric]
      : (values.all ? suite.metrics : suite.metrics.filter((m) => m.primary)).map((m) => m.name);
    const rankings = rankRecords(records, suite.metrics, names, (id) => tags.get(id) ?? {})
      .filter((r) => r.rows.length > 0);
    io.out((values.json ? JSON.stringify(rankings, null, 2) : formatRanking(rankings)) + "\n");
    return 0;
  } finally {
    store.close();
  }
}
