/**
 * `export`: write runs from the store as RunDocument JSON (a file or stdout).
 *
 * @module
 */
import { exportRuns, toJson, writeExport } from "../core/store/io.ts";
import { toBmf, toCsv } from "../core/ci/interchange.ts";
import type { RunDocument } from "../core/store/record.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `export`.
 *
 * @example
 * ```ts
 * import { EXPORT_FLAGS } from "./export.ts";
 * console.log(EXPORT_FLAGS.format.default); // "json"
 * ```
 */
export const EXPORT_FLAGS = defineFlags({
  run: { type: "string", value: "<runId>", help: "only this run" },
  suite: { type: "string", value: "<id>", help: "only runs of this suite" },
  profile: { type: "string", value: "<name>", help: "only runs of this profile" },
  backend: { type: "string", value: "<name>", help: "only runs on this backend" },
  format: {
    type: "string",
    value: "<fmt>",
    default: "json",
    help: "json: RunDocuments; csv: one row per record and metric (run_id, suite, " +
      "suite_version, profile, backend, commit, case_id, seed, status, metric, value); bmf: " +
      "Bencher Metric Format of one run (the newest that matches): benchmark <suite>/<caseId>, " +
      "measure = metric, value = mean over seeds, bounds = its 95 % t-interval",
  },
  out: { type: "string", value: "<file>", default: "stdout", help: "write to this file" },
  store: STORE_FLAG,
});

/** Help text of `export`. */
export const EXPORT_HELP = formatHelp("export", {
  usage: ["[flags]"],
  about:
    `Export runs as JSON: one RunDocument object with --run, else an array of them (oldest first).
Non-finite metric values are written as null.`,
}, EXPORT_FLAGS);

/**
 * The `export` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { exportCommand } from "./export.ts";
 * import { processIo } from "./common.ts";
 * const code = await exportCommand(["--suite", "identifiability", "--out", "runs.json"], processIo());
 * ```
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("export", args, EXPORT_FLAGS);
  if (values.help) {
    io.out(EXPORT_HELP + "\n");
    return 0;
  }
  const format = values.format ?? EXPORT_FLAGS.format.default;
  if (!["json", "csv", "bmf"].includes(format)) {
    throw new UsageError(`export: --format must be json, csv or bmf, got "${format}"`);
  }
  const store = openStoreFlag(values.store, { readOnly: true });
  try {
    const docs = exportRuns(store, {
      runId: values.run,
      suite: values.suite,
      profile: values.profile,
      backend: values.backend,
    });
    if (docs.length === 0) throw new Error(`no runs match in store "${store.path}"`);
    const payload = values.run !== undefined ? docs[0] : docs;
    const out = values.out;
    if (format !== "json") {
      const newest: RunDocument = docs[docs.length - 1];
      if (format === "bmf" && docs.length > 1) {
        io.err(`export: ${docs.length} runs match; bmf holds one: run ${newest.header.runId}\n`);
      }
      const text = format === "csv" ? toCsv(docs) : JSON.stringify(toBmf(newest), null, 2) + "\n";
      if (out === undefined) io.out(text);
      else {
        const dir = out.replace(/[\\/][^\\/]*$/, "");
        if (dir !== out && dir !== "") await Deno.mkdir(dir, { recursive: true });
        await Deno.writeTextFile(out, text);
        io.err(
          `exported ${
            format === "csv" ? `${docs.length} run(s)` : "1 run"
          } as ${format} to ${out}\n`,
        );
      }
    } else if (out === undefined) {
      io.out(toJson(payload));
    } else {
      await writeExport(out, payload);
      const records = docs.reduce((n, d) => n + d.records.length, 0);
      io.err(`exported ${docs.length} run(s), ${records} records to ${out}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
