/**
 * `import <file.json>`: validate an export file completely, then write it
 * into the store in one transaction (a bad file writes nothing).
 * `import --format klindt <files...>`: the paper code's result files
 * (`import_klindt.ts`).
 *
 * @module
 */
import { importFile } from "../core/store/io.ts";
import { printable, quoted } from "../core/printable.ts";
import { type CliIo, openStoreFlag, parseFlags, STORE_HELP, UsageError } from "./common.ts";
import { identifiabilityTarget, importKlindtFiles } from "./import_klindt.ts";

/** Help text of `import`. */
export const IMPORT_HELP = `usage: import <file.json> [flags]
       import --format klindt --submitter <name> <result.json>... [flags]

Import runs exported with \`export\` (one RunDocument or an array). Every record is validated
before anything is written; a bad file writes nothing and the error names the bad field.
Nothing stored is ever replaced: records already in the store with the same content are left as
they are, and a run whose header or records differ from what the store holds for that run id,
case and seed is refused (exit 1), unless --as-new stores the file under fresh run ids.

--format klindt reads the result files of the paper's own PyTorch code
(github.com/klindtlab/lejepa-identifiability, experiments/run.py, one <run_name>_seed=<seed>.json
per run) as a public submission of the identifiability suite: backend "external", entry
"paper code (PyTorch)", each run on the case id jepa-bench gives the same settings, and profile
"external" unless a jepa-bench profile has that case with every parameter equal and that seed.
A field run.py does not write, or a setting jepa-bench cannot express, is refused (exit 1).

flags:
${STORE_HELP}
  --as-new          import every run under a fresh run id (tags.imported_from keeps the old one)
  --format <f>      json (default: jepa-bench export files) or klindt (the paper code's results)
  --submitter <s>   klindt: who ran the paper code (tags.submitter; required)
  --entry <name>    klindt: the entry's name (default "paper code (PyTorch)")
  --allow-unknown   klindt: keep unknown fields (in tags, or as curves) instead of refusing
  -h, --help        this help`;

const OPTIONS = {
  store: { type: "string" },
  "as-new": { type: "boolean" },
  format: { type: "string" },
  submitter: { type: "string" },
  entry: { type: "string" },
  "allow-unknown": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const FORMATS = ["json", "klindt"];

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
  const { values, positionals } = parseFlags("import", args, OPTIONS, Infinity);
  if (values.help) {
    io.out(IMPORT_HELP + "\n");
    return 0;
  }
  const format = (values.format as string | undefined) ?? "json";
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      `import: --format ${
        quoted(format)
      } is not known; expected json or klindt (see: import --help)`,
    );
  }
  if (format === "klindt") return await importKlindt(values, positionals, io);
  for (const flag of ["submitter", "entry", "allow-unknown"]) {
    if (values[flag] !== undefined) {
      throw new UsageError(`import: --${flag} goes with --format klindt (see: import --help)`);
    }
  }
  if (positionals.length === 0) {
    throw new UsageError("import: missing <file.json> (see: import --help)");
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `import: unexpected argument ${quoted(positionals[1])}; one export file at a time ` +
        "(see: import --help)",
    );
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

async function importKlindt(
  values: Record<string, string | boolean | string[] | undefined>,
  files: string[],
  io: CliIo,
): Promise<number> {
  if (files.length === 0) {
    throw new UsageError("import: missing <result.json>... (see: import --help)");
  }
  const submitter = (values.submitter as string | undefined)?.trim();
  if (!submitter) {
    throw new UsageError(
      "import --format klindt: --submitter <name> is required (who ran the paper code)",
    );
  }
  if (values["as-new"]) {
    throw new UsageError(
      "import: --as-new does not go with --format klindt (run ids come from content)",
    );
  }
  const target = await identifiabilityTarget();
  const store = openStoreFlag(values.store as string | undefined);
  try {
    const { counts, mapped } = await importKlindtFiles(store, files, {
      submitter,
      entry: values.entry as string | undefined,
      allowUnknown: values["allow-unknown"] === true,
    }, target);
    for (const m of mapped) {
      const file = m.document.header.tags.file;
      io.out(
        `${quoted(file)} -> ${target.id} v${target.version} ${quoted(m.caseId)} seed ${m.seed}, ` +
          `profile ${m.profile} (${printable(m.profileNote)})\n`,
      );
    }
    const same = counts.unchanged > 0
      ? ` (${counts.unchanged} identical records were already there)`
      : "";
    io.out(
      `imported ${counts.runs} run(s), ${counts.records} records${same} from ${files.length} ` +
        `file(s) as ${
          [...new Set(mapped.map((m) => m.document.header.tags.entry ?? ""))].map(quoted).join(", ")
        } into ${store.path}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}
