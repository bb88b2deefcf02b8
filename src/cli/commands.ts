/**
 * The CLI's commands in one table: each command's function, its flag table
 * and its one-line summary. `src/cli.ts` dispatches through it and builds the
 * top-level help from it; each command's own `--help` comes from its flag
 * table, so no flag is listed twice.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * console.log(Object.keys(COMMANDS)); // ["run", "list", ...]
 * ```
 *
 * @module
 */
import type { CliIo } from "./common.ts";
import { type FlagTable, formatColumns } from "./flags.ts";
import { RUN_FLAGS, runCommand } from "./run.ts";
import { LIST_FLAGS, listCommand } from "./list.ts";
import { SHOW_FLAGS, showCommand } from "./show.ts";
import { EXPORT_FLAGS, exportCommand } from "./export.ts";
import { IMPORT_FLAGS, importCommand } from "./import.ts";
import { ENV_FLAGS, envCommand } from "./env.ts";
import { COMPARE_FLAGS, compareCommand } from "./compare.ts";
import { RANK_FLAGS, rankCommand } from "./rank.ts";
import { SUBMIT_FLAGS, submitCommand } from "./submit.ts";
import { BASELINE_FLAGS, baselineCommand } from "./baseline.ts";
import { CHECK_FLAGS, checkCommand } from "./check.ts";
import { HISTORY_FLAGS, historyCommand } from "./history.ts";
import { MERGE_FLAGS, mergeCommand } from "./merge.ts";
import { PERF_FLAGS, perfCommand } from "./perf.ts";
import { CORPUS_FLAGS, corpusCommand } from "./corpus.ts";
import { CLAIMS_FLAGS, claimsCommand } from "./claims.ts";

/**
 * One command of the CLI.
 *
 * @example
 * ```ts
 * import type { CommandEntry } from "./commands.ts";
 * const demo: CommandEntry = {
 *   summary: "say hello",
 *   flags: {},
 *   run: (_args, io) => Promise.resolve((io.out("hello\n"), 0)),
 * };
 * ```
 */
export interface CommandEntry {
  /** What follows the name in the top-level help, e.g. `<runId|latest>`. */
  readonly args?: string;
  /** What the command does, one line, naming no flag (its `--help` lists them). */
  readonly summary: string;
  /** The table its flags are parsed with and its `--help` is generated from. */
  readonly flags: FlagTable;
  /** Run it with the arguments after its name; resolves with the exit code. */
  readonly run: (args: string[], io: CliIo) => Promise<number>;
}

/**
 * Every command, in the order the top-level help lists them.
 *
 * @example
 * ```ts
 * import { COMMANDS } from "./commands.ts";
 * import { processIo } from "./common.ts";
 * const code = await COMMANDS.list.run(["--json"], processIo());
 * ```
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  run: {
    summary: "run suite profiles and record the results (parallel, shardable, resumable)",
    flags: RUN_FLAGS,
    run: runCommand,
  },
  list: {
    summary: "list suites and profiles, what a profile will run, or the runs in the store",
    flags: LIST_FLAGS,
    run: listCommand,
  },
  show: {
    args: "<runId|latest>",
    summary: "a run's header and summary table, or its run document as JSON",
    flags: SHOW_FLAGS,
    run: showCommand,
  },
  export: {
    summary: "export runs as JSON, CSV or Bencher Metric Format",
    flags: EXPORT_FLAGS,
    run: exportCommand,
  },
  import: {
    args: "<file.json>",
    summary: "import exported runs (validated first; all or nothing) or the paper code's results",
    flags: IMPORT_FLAGS,
    run: importCommand,
  },
  env: {
    summary: "this machine's environment and which backends initialise",
    flags: ENV_FLAGS,
    run: envCommand,
  },
  compare: {
    args: "<A> <B>",
    summary: "two entries, runs or commits: B - A per metric with its CI, P(B better) and a " +
      "verdict",
    flags: COMPARE_FLAGS,
    run: compareCommand,
  },
  rank: {
    summary: "the entries of a suite ranked per metric on their common tasks (mean, 95 % CI, " +
      "tie groups)",
    flags: RANK_FLAGS,
    run: rankCommand,
  },
  submit: {
    summary: "check a public submission (run record format, tags.entry and tags.submitter)",
    flags: SUBMIT_FLAGS,
    run: submitCommand,
  },
  baseline: {
    args: "update|show",
    summary: "write a baseline file from a run, or print one",
    flags: BASELINE_FLAGS,
    run: baselineCommand,
  },
  check: {
    summary: "run the ci profile and compare it with the committed baselines; exit 1 on a " +
      "regression",
    flags: CHECK_FLAGS,
    run: checkCommand,
  },
  history: {
    args: "<suite> <metric>",
    summary: "a metric over commits with change points",
    flags: HISTORY_FLAGS,
    run: historyCommand,
  },
  merge: {
    args: "<file.json>...",
    summary: "combine the shard runs of a sharded run into one run",
    flags: MERGE_FLAGS,
    run: mergeCommand,
  },
  perf: {
    summary: "throughput per backend: steps/s, ms per phase, peak memory, scaling slopes",
    flags: PERF_FLAGS,
    run: perfCommand,
  },
  corpus: {
    args: "add|verify",
    summary: "put a verified stored run into the committed results corpus, or check every " +
      "corpus document",
    flags: CORPUS_FLAGS,
    run: corpusCommand,
  },
  claims: {
    summary: "the papers' claims judged on verified results: id@version, verdict, reason, " +
      "evidence with 95 % t-intervals",
    flags: CLAIMS_FLAGS,
    run: claimsCommand,
  },
};

/**
 * The commands section of the top-level help: name (and arguments), then the summary.
 *
 * @example
 * ```ts
 * import { formatCommandList } from "./commands.ts";
 * console.log(formatCommandList());
 * ```
 */
export function formatCommandList(): string {
  return formatColumns(
    Object.entries(COMMANDS).map((
      [name, c],
    ) => [c.args !== undefined ? `${name} ${c.args}` : name, c.summary]),
  );
}
