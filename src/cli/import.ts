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
import { KLINDT_ENTRY } from "../core/store/klindt.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, type FlagValues, formatHelp, parseFlags } from "./flags.ts";
import { identifiabilityTarget, importKlindtFiles } from "./import_klindt.ts";

/**
 * The flags of `import`.
 *
 * @example
 * ```ts
 * import { IMPORT_FLAGS } from "./import.ts";
 * console.log(IMPORT_FLAGS.format.default); // "json"
 * ```
 */
export const IMPORT_FLAGS = defineFlags({
  store: STORE_FLAG,
  "as-new": {
    type: "boolean",
    help: "import every run under a fresh run id (tags.imported_from keeps the old one)",
  },
  format: {
    type: "string",
    value: "<f>",
    default: "json",
    help: "json (jepa-bench export files) or klindt (the paper code's results)",
  },
  submitter: {
    type: "string",
    value: "<s>",
    help: "klindt: who ran the paper code (tags.submitter; required)",
  },
  entry: {
    type: "string",
    value: "<name>",
    default: `"${KLINDT_ENTRY}"`,
    help: "klindt: the entry's name",
  },
  "allow-unknown": {
    type: "boolean",
    help: "klindt: keep unknown fields (in tags, or as curves) instead of refusing",
  },
});

/** Help text of `import`. */
export const IMPORT_HELP = formatHelp("import", {
  usage: ["<file.json> [flags]", "--format klindt --submitter <name> <result.json>... [flags]"],
  about:
    `Import runs exported with \`export\` (one RunDocument or an array). Every record is validated
before anything is written; a bad file writes nothing and the error names the bad field.
Nothing stored is ever replaced: records already in the store with the same content are left as
they are, and a run whose header or records differ from what the store holds for that run id,
case and seed is refused (exit 1), unless --as-new stores the file under fresh run ids.

--format klindt reads the result files of the paper's own PyTorch code
(github.com/klindtlab/lejepa-identifiability, experiments/run.py, one <run_name>_seed=<seed>.json
per run) as a public submission of the identifiability suite: backend "external", entry
"${KLINDT_ENTRY}", each run on the case id jepa-bench gives the same settings, and profile
"external" unless a jepa-bench profile has that case with every parameter equal and that seed.
A field run.py does not write, or a setting jepa-bench cannot express, is refused (exit 1).`,
}, IMPORT_FLAGS);

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
  const { values, positionals } = parseFlags("import", args, IMPORT_FLAGS, Infinity);
  if (values.help) {
    io.out(IMPORT_HELP + "\n");
    return 0;
  }
  const format = values.format ?? IMPORT_FLAGS.format.default;
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      `import: --format ${
        quoted(format)
      } is not known; expected json or klindt (see: import --help)`,
    );
  }
  if (format === "klindt") return await importKlindt(values, positionals, io);
  for (const flag of ["submitter", "entry", "allow-unknown"] as const) {
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
  const store = openStoreFlag(values.store);
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
  values: FlagValues<typeof IMPORT_FLAGS>,
  files: string[],
  io: CliIo,
): Promise<number> {
  if (files.length === 0) {
    throw new UsageError("import: missing <result.json>... (see: import --help)");
  }
  const submitter = values.submitter?.trim();
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
  const store = openStoreFlag(values.store);
  try {
    const { counts, mapped } = await importKlindtFiles(store, files, {
      submitter,
      entry: values.entry,
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
