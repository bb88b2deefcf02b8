/**
 * Shared CLI plumbing: usage errors (exit 2, re-exported from
 * `usage_error.ts`), output streams, the `--store` flag and store opening.
 * Flag tables, parsing and help are `flags.ts`.
 *
 * @module
 */
import { DEFAULT_STORE_PATH, type StoreOptions } from "../core/store/store.ts";
import { openStore, type SqliteStore } from "../core/store/sqlite.ts";
import { UsageError } from "./usage_error.ts";
import { BACKENDS, DEFAULT_BACKEND } from "../core/engine/backends.ts";

export { UsageError } from "./usage_error.ts";

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

/**
 * The `--store <path>` flag of the commands that read or write the results store.
 *
 * @example
 * ```ts
 * import { STORE_FLAG } from "./common.ts";
 * import { defineFlags } from "./flags.ts";
 * const FLAGS = defineFlags({ store: STORE_FLAG });
 * ```
 */
export const STORE_FLAG = {
  type: "string",
  value: "<path>",
  default: DEFAULT_STORE_PATH,
  help: "results store",
} as const;

/**
 * The `--backend <name>` flag of the commands that run one backend (default wasm).
 *
 * @example
 * ```ts
 * import { BACKEND_FLAG } from "./common.ts";
 * import { defineFlags } from "./flags.ts";
 * const FLAGS = defineFlags({ backend: BACKEND_FLAG });
 * ```
 */
export const BACKEND_FLAG = {
  type: "string",
  value: "<name>",
  default: DEFAULT_BACKEND,
  help: BACKENDS.join(" | "),
} as const;
