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
import { COMMANDS, formatCommandList } from "./cli/commands.ts";

/** Top-level help: the commands and their summaries (each command's flags: `<command> --help`). */
export const HELP = `jepa-bench: a reproducible benchmark of JEPA world-model theory

usage: deno task cli <command> [flags]     (deno run -A src/cli.ts <command> [flags])

commands:
${formatCommandList()}

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
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command].run : undefined;
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
