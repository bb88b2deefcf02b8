/**
 * `rank`: the regularisers of a suite ranked per metric, on the tasks every
 * one of them has results for (case without its regulariser segment): IQM
 * over all (task, seed) results with a 95 % stratified bootstrap CI (tasks as
 * strata, rliable; shown only with at least {@link MIN_BOOTSTRAP_TASKS} tasks,
 * and labelled with its tasks × seeds), the mean, and the number of results.
 *
 * @module
 */
import type { CompletedResult } from "../core/store/record.ts";
import { iqm, mean, seedCountPhrase, stratifiedBootstrapCI } from "../core/stats/mod.ts";
import { formatNumber } from "../core/runner/summary.ts";
import { loadSuite, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, parseFlags, STORE_HELP, UsageError } from "./common.ts";

/** Help text of `rank`. */
export const RANK_HELP = `usage: rank [flags]

Rank the regularisers with results in a suite, per metric: IQM over the (task, seed) results with
a 95 % stratified bootstrap CI (rliable), on the tasks that every regulariser has results for. With
fewer than 5 tasks no interval is shown (a bootstrap over so few tasks is not trustworthy; compare
gives per-case t-intervals); with 3 seeds a task the bootstrap covers about 86 %, not 95 %.

flags:
  --suite <id>      suite (default regularisers)
  --profile <name>  only results of this profile
  --all             every metric, not only the primary ones
  --json            the ranking as JSON
${STORE_HELP}
  -h, --help        this help`;

const OPTIONS = {
  suite: { type: "string" },
  profile: { type: "string" },
  all: { type: "boolean" },
  json: { type: "boolean" },
  store: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Fewer common tasks than this: `rank` shows no bootstrap interval.
 *
 * @example
 * ```ts
 * import { MIN_BOOTSTRAP_TASKS } from "./rank.ts";
 * console.log(MIN_BOOTSTRAP_TASKS); // 5
 * ```
 */
export const MIN_BOOTSTRAP_TASKS = 5;

/** One regulariser's line in a metric's ranking. */
export interface RankEntry {
  rank: number;
  regulariser: string;
  iqm: number;
  /** NaN with fewer than {@link MIN_BOOTSTRAP_TASKS} tasks. */
  ciLow: number;
  ciHigh: number;
  mean: number;
  n: number;
  /** Seeds per task behind the numbers (smallest and largest). */
  seedsPerTask: [number, number];
}

/** The ranking of one metric. */
export interface MetricRanking {
  metric: string;
  direction: "higher" | "lower";
  /** Tasks every regulariser has results for. */
  tasks: string[];
  entries: RankEntry[];
  /** What the interval is, in words (or why there is none). */
  interval: string;
}

/**
 * Rank the regularisers (params.objective) of completed records per metric;
 * the latest record per (case, seed) counts.
 *
 * @example
 * ```ts
 * import { rankRegularisers } from "./rank.ts";
 * console.log(rankRegularisers([], [{ name: "r2_hz", direction: "higher" }])); // []
 * ```
 */
export function rankRegularisers(
  records: CompletedResult[],
  metrics: Array<{ name: string; direction: "higher" | "lower" }>,
  seed = 0,
): MetricRanking[] {
  const latest = new Map<string, CompletedResult>();
  for (
    const r of [...records].sort((x, y) => (x.runId < y.runId ? -1 : x.runId > y.runId ? 1 : 0))
  ) {
    if (typeof r.params.objective === "string") latest.set(`${r.caseId}#${r.seed}`, r);
  }
  const byReg = new Map<string, Map<string, CompletedResult[]>>();
  for (const r of latest.values()) {
    const reg = r.params.objective as string;
    const task = r.caseId.split("/").filter((p) => p !== reg).join("/");
    if (!byReg.has(reg)) byReg.set(reg, new Map());
    const tasks = byReg.get(reg)!;
    if (!tasks.has(task)) tasks.set(task, []);
    tasks.get(task)!.push(r);
  }
  if (byReg.size === 0) return [];
  const regs = [...byReg.keys()];
  const common = [...byReg.get(regs[0])!.keys()].filter((t) =>
    regs.every((r) => byReg.get(r)!.has(t))
  );
  const out: MetricRanking[] = [];
  for (const m of metrics) {
    const entries: RankEntry[] = [];
    for (const reg of regs) {
      const groups = common.map((t) =>
        byReg.get(reg)!.get(t)!.map((r) => r.metrics[m.name]).filter((v) =>
          typeof v === "number" && Number.isFinite(v)
        )
      ).filter((g) => g.length > 0);
      const flat = groups.flat();
      if (flat.length === 0) continue;
      const sizes = groups.map((g) => g.length);
      const ci = groups.length >= MIN_BOOTSTRAP_TASKS
        ? stratifiedBootstrapCI(groups, (g) => iqm(g.flat()), { seed })
        : { estimate: iqm(flat), ciLow: NaN, ciHigh: NaN };
      entries.push({
        rank: 0,
        regulariser: reg,
        iqm: ci.estimate,
        ciLow: ci.ciLow,
        ciHigh: ci.ciHigh,
        mean: mean(flat),
        n: flat.length,
        seedsPerTask: [Math.min(...sizes), Math.max(...sizes)],
      });
    }
    const sign = m.direction === "higher" ? -1 : 1;
    entries.sort((a, b) => sign * (a.iqm - b.iqm) || a.regulariser.localeCompare(b.regulariser));
    entries.forEach((e, i) => (e.rank = i + 1));
    if (entries.length > 0) {
      const seeds = seedCountPhrase(entries.flatMap((e) => e.seedsPerTask));
      const few = entries.some((e) => e.seedsPerTask[0] < 5)
        ? "; with so few seeds a task it covers less than 95 % (about 86 % at 3)"
        : "";
      const interval = common.length >= MIN_BOOTSTRAP_TASKS
        ? `95% CI = 95 % stratified bootstrap of the IQM (rliable) over ${common.length} tasks × ` +
          `${seeds}${few}`
        : `no interval: ${common.length} task(s) × ${seeds} is too few for a bootstrap over ` +
          `tasks (needs ${MIN_BOOTSTRAP_TASKS}); see compare for per-case t-intervals`;
      out.push({ metric: m.name, direction: m.direction, tasks: common, entries, interval });
    }
  }
  return out;
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
export function formatRanking(rankings: MetricRanking[]): string {
  const out: string[] = [];
  for (const r of rankings) {
    out.push(
      `${r.metric} (${r.direction} is better) over ${r.tasks.length} common task(s): ${
        r.tasks.join(", ")
      }`,
    );
    const rows = [["rank", "regulariser", "IQM", "95% CI", "mean", "n"]];
    for (const e of r.entries) {
      rows.push([
        String(e.rank),
        e.regulariser,
        formatNumber(e.iqm),
        Number.isNaN(e.ciLow) ? "–" : `[${formatNumber(e.ciLow)}, ${formatNumber(e.ciHigh)}]`,
        formatNumber(e.mean),
        String(e.n),
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
    for (const row of rows) out.push(row.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd());
    out.push(r.interval, "");
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
  const { values } = parseFlags("rank", args, OPTIONS);
  if (values.help) {
    io.out(RANK_HELP + "\n");
    return 0;
  }
  const suiteId = (values.suite as string | undefined) ?? "regularisers";
  if (!suiteIds().includes(suiteId)) throw new UsageError(`rank: unknown suite "${suiteId}"`);
  const suite = await loadSuite(suiteId);
  const profile = values.profile as string | undefined;
  const store = openStoreFlag(values.store as string | undefined, { readOnly: true });
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
    const defs = values.all ? suite.metrics : suite.metrics.filter((m) => m.primary);
    const rankings = rankRegularisers(records, defs);
    io.out((values.json ? JSON.stringify(rankings, null, 2) : formatRanking(rankings)) + "\n");
    return 0;
  } finally {
    store.close();
  }
}
