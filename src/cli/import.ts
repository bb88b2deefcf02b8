/**
 * `import <file.json>`: validate an export file completely, then write it
 * into the store in one transaction (a bad file writes nothing).
 *
 * @module
 */
import { importFile } from "../core/store/io.ts";
import { type CliIo, openStoreFlag, parseFlags, STORE_HELP, UsageError } from "./common.ts";

/** Help text of `import`. */
export const IMPORT_HELP = `usage: import <file.json> [flags]

Import runs exported with \`export\` (one RunDocument or an array). Every record is validated
before anything is written; a bad file writes nothing and the error names the bad field.

flags:
${STORE_HELP}
  -h, --help        this help`;

const OPTIONS = {
  store: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * The `import` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { importCommand } from "./import.ts";
 * import { processIo } from "./common.ts";
 * const code = await importCommand(["runs.json"], processIo());
 * ```
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("import", args, OPTIONS, 1);
  if (values.help) {
    io.out(IMPORT_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError("import: missing <file.json> (see: import --help)");
  }
  const store = openStoreFlag(values.store as string | undefined);
  try {
    const { runs, records } = await importFile(store, positionals[0]);
    io.out(
      `imported ${runs} run(s), ${records} records from ${positionals[0]} into ${store.path}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
