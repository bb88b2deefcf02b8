/**
 * The jepa-bench command line: `deno run -A src/cli.ts <command> [flags]`.
 *
 * Exit codes: 0 ok, 1 failure (store, I/O, a run that could not run),
 * 2 usage error (unknown flag, suite, profile or backend, malformed value),
 * 130 interrupted. Errors are one `error: ...` line on stderr, never a stack
 * trace (set JEPA_BENCH_DEBUG=1 to see one).
 *
 * @example
 * ```ts
 * import { main } from "./cli.ts";
 * const code = await main(["list"]);
 * ```
 *
 * @module
 */
import { type CliIo, processIo, UsageError } from "./cli/common.ts";
import { runCommand } from "./cli/run.ts";
import { listCommand } from "./cli/list.ts";
import { showCommand } from "./cli/show.ts";
import { exportCommand } from "./cli/export.ts";
import { importCommand } from "./cli/import.ts";
import { envCommand } from "./cli/env.ts";
import { compareCommand } from "./cli/compare.ts";
import { rankCommand } from "./cli/rank.ts";
import { submitCommand } from "./cli/submit.ts";
import { baselineCommand } from "./cli/baseline.ts";
import { checkCommand } from "./cli/check.ts";
import { historyCommand } from "./cli/history.ts";
import { mergeCommand } from "./cli/merge.ts";
import { perfCommand } from "./cli/perf.ts";
import { corpusCommand } from "./cli/corpus.ts";
import { claimsCommand } from "./cli/claims.ts";

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  list: listCommand,
  show: showCommand,
  export: exportCommand,
  import: importCommand,
  env: envCommand,
  compare: compareCommand,
  rank: rankCommand,
  submit: submitCommand,
  baseline: baselineCommand,
  check: checkCommand,
  history: historyCommand,
  merge: mergeCommand,
  perf: perfCommand,
  corpus: corpusCommand,
  claims: claimsCommand,
};

/** Top-level help. */
export const HELP = `jepa-bench: a reproducible benchmark of JEPA world-model theory

usage: deno task cli <command> [flags]     (deno run -A src/cli.ts <command> [flags])

commands:
  run                  run suite profiles and record the results (--suite, --profile, --backend,
                       --seeds, --jobs, --shard i/n|auto, --resume [runId], --store, --json)
  list                 list suites and profiles; --runs lists the runs in the store
  show <runId|latest>  a run's header and summary table (--json: the run document)
  export               export runs as JSON, CSV or Bencher Metric Format (--format json|csv|bmf,
                       --run, --suite, --out)
  import <file.json>   import exported runs (validated first; all or nothing)
  env                  this machine's environment and which backends initialise
  compare <A> <B>      two regularisers, runs or commits: B - A per metric with its CI,
                       P(B better) and a verdict (--suite, --all, --json, --markdown)
  rank                 the regularisers of a suite ranked per metric (IQM, 95 % CI) on common tasks
  submit --validate <file.json>  check a public submission (run record format, tags.entry/submitter)
  check                run the ci profile and compare it with the committed baselines; exit 1 on a
                       regression (--suite, --profile, --run, --from, --calibrate, --markdown)
  baseline update|show write a baseline file from a run, or print one
  history <suite> <metric>  a metric over commits with change points (--case, --profile, --json)
  merge <file.json>... combine the shard runs of run --shard i/n into one run (--out, --store)
  perf                 throughput per backend: steps/s, ms per phase, peak memory, scaling slopes
                       (--backend, --profile reference,scaling, --json)
  corpus add|verify    put a verified stored run into the committed results corpus (--store,
                       --run, --allow-failed), or check every corpus document (--corpus)
  claims               the papers' claims judged on verified results: id@version, verdict,
                       reason, evidence with 95 % t-intervals (--claim, --from, --json)

Run \`<command> --help\` for a command's flags.`;

/**
 * Run the CLI with the given arguments; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { main } from "./cli.ts";
 * Deno.exit(await main(Deno.args));
 * ```
 */
export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = args;
  // Hidden: the runner worker processes of a `deno compile`d binary or the offline pack's bundle
  // (see worker_process.ts), where the registered suites are no separate files.
  if (command === "__worker") {
    const { importRegistered } = await import("./suites/registry.ts");
    await (await import("./core/runner/worker.ts")).workerMain({ importModule: importRegistered });
    return 0;
  }
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(HELP + "\n");
      return command === undefined ? 2 : 0;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (run === undefined) {
      throw new UsageError(
        `unknown command "${command}"; expected one of: ${Object.keys(COMMANDS).join(", ")}`,
      );
    }
    return await run(rest, io);
  } catch (e) {
    if (Deno.env.get("JEPA_BENCH_DEBUG")) io.err(`${(e as Error).stack}\n`);
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`error: ${msg.split("\n")[0]}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
