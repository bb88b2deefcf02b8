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
Nothing stored is ever replaced: records already in the store with the same content are left as
they are, and a run whose header or records differ from what the store holds for that run id,
case and seed is refused (exit 1), unless --as-new stores the file under fresh run ids.

flags:
${STORE_HELP}
  --as-new          import every run under a fresh run id (tags.imported_from keeps the old one)
  -h, --help        this help`;

const OPTIONS = {
  store: { type: "string" },
  "as-new": { type: "boolean" },
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
    const { runs, records, unchanged } = await importFile(store, positionals[0], {
      asNew: values["as-new"] === true,
    });
    const same = unchanged > 0 ? ` (${unchanged} identical records were already there)` : "";
    io.out(
      `imported ${runs} run(s), ${records} records${same} from ${positionals[0]} into ` +
        `${store.path}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
