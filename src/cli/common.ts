/**
 * Shared CLI plumbing: usage errors (exit 2), flag parsing with
 * `node:util` parseArgs (strict), output streams, and store opening.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_STORE_PATH, type StoreOptions } from "../core/store/store.ts";
import { openStore, type SqliteStore } from "../core/store/sqlite.ts";

/**
 * A command-line mistake (unknown flag, suite, profile or backend, malformed
 * value): printed as one `error: ...` line, exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./common.ts";
 * throw new UsageError('unknown flag "--sed"');
 * ```
 */
export class UsageError extends Error {
  /** Create a usage error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Where a command writes; tests may replace it. *
 * @example
 * ```ts
 * import type { CliIo } from "./common.ts";
 * let captured = "";
 * const io: CliIo = { out: (t) => (captured += t), err: () => {}, errIsTty: false };
 * ```
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress bar vs lines). */
  errIsTty: boolean;
}

const encoder = new TextEncoder();

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  let off = 0;
  while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
}

/**
 * The process's stdout/stderr.
 *
 * @example
 * ```ts
 * import { processIo } from "./common.ts";
 * processIo().out("hello\n");
 * ```
 */
export function processIo(): CliIo {
  return {
    out: (t) => writeAll(Deno.stdout, t),
    err: (t) => writeAll(Deno.stderr, t),
    errIsTty: Deno.stderr.isTerminal(),
  };
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * `--flag -1` as `--flag=-1` for string flags, so that a negative number
 * reaches the flag's own validation (and its clear message) instead of
 * parseArgs' "argument is ambiguous".
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : undefined;
    const next = args[i + 1];
    if (
      name !== undefined && Object.hasOwn(options, name) && options[name].type === "string" &&
      next !== undefined && /^-\.?\d/.test(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/**
 * Parse a command's flags strictly; any parse problem becomes a UsageError
 * naming the command.
 *
 * @example
 * ```ts
 * import { parseFlags } from "./common.ts";
 * const { values } = parseFlags("show", ["--json"], { json: { type: "boolean" } }, 1);
 * ```
 */
export function parseFlags<O extends Options>(
  command: string,
  args: string[],
  options: O,
  maxPositionals = 0,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
      allowPositionals: maxPositionals > 0,
    });
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0]
      .replace(/\. To specify a positional argument.*$/, "")
      .replace(/^Unknown option/, "unknown flag");
    throw new UsageError(`${command}: ${msg} (see: ${command} --help)`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `${command}: unexpected argument "${
        parsed.positionals[maxPositionals]
      }" (see: ${command} --help)`,
    );
  }
  return {
    values: parsed.values as Record<string, string | boolean | string[] | undefined>,
    positionals: parsed.positionals,
  };
}

/**
 * Open the results store named by `--store` (or the default path); commands
 * that only read pass `{ readOnly: true }`, so they never create or change a
 * store. An empty `--store` is a UsageError (SQLite would open a temporary
 * database and lose every result).
 *
 * @example
 * ```ts
 * import { openStoreFlag } from "./common.ts";
 * const store = openStoreFlag(undefined);
 * store.close();
 * ```
 */
export function openStoreFlag(path: string | undefined, options: StoreOptions = {}): SqliteStore {
  if (path !== undefined && path.trim() === "") {
    throw new UsageError("--store: expected a file path, got an empty string");
  }
  return openStore(path ?? DEFAULT_STORE_PATH, options);
}

/**
 * Split a comma list, dropping empty items.
 *
 * @example
 * ```ts
 * import { commaList } from "./common.ts";
 * console.log(commaList("a, b,,c")); // ["a", "b", "c"]
 * ```
 */
export function commaList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Re-throw a RangeError (unknown name, malformed value) as a UsageError.
 *
 * @example
 * ```ts
 * import { asUsage } from "./common.ts";
 * import { parseBackend } from "../core/engine/backends.ts";
 * const b = asUsage(() => parseBackend("wasm"));
 * ```
 */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Async form of {@link asUsage}.
 *
 * @example
 * ```ts
 * import { asUsageAsync } from "./common.ts";
 * import { loadSuite } from "../suites/registry.ts";
 * // const suite = await asUsageAsync(() => loadSuite("identifiability"));
 * ```
 */
export async function asUsageAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** Store flag help line shared by the commands. */
export const STORE_HELP = `  --store <path>    results store (default ${DEFAULT_STORE_PATH})`;
