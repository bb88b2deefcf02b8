/**
 * `export`: write runs from the store as RunDocument JSON (a file or stdout).
 *
 * @module
 */
import { exportRuns, toJson, writeExport } from "../core/store/io.ts";
import { toBmf, toCsv } from "../core/ci/interchange.ts";
import type { RunDocument } from "../core/store/record.ts";
import { type CliIo, openStoreFlag, parseFlags, STORE_HELP, UsageError } from "./common.ts";

/** Help text of `export`. */
export const EXPORT_HELP = `usage: export [flags]

Export runs as JSON: one RunDocument object with --run, else an array of them (oldest first).
Non-finite metric values are written as null.

flags:
  --run <runId>     only this run
  --suite <id>      only runs of this suite
  --profile <name>  only runs of this profile
  --backend <name>  only runs on this backend
  --format <fmt>    json (default): RunDocuments; csv: one row per record and metric (run_id, suite,
                    suite_version, profile, backend, commit, case_id, seed, status, metric, value);
                    bmf: Bencher Metric Format of one run (the newest that matches): benchmark
                    <suite>/<caseId>, measure = metric, value = mean over seeds, bounds = its
                    95 % t-interval
  --out <file>      write to this file (default: stdout)
${STORE_HELP}
  -h, --help        this help`;

const OPTIONS = {
  run: { type: "string" },
  suite: { type: "string" },
  profile: { type: "string" },
  backend: { type: "string" },
  out: { type: "string" },
  format: { type: "string" },
  store: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

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
  const { values } = parseFlags("export", args, OPTIONS);
  if (values.help) {
    io.out(EXPORT_HELP + "\n");
    return 0;
  }
  const s = (k: string) => values[k] as string | undefined;
  const format = s("format") ?? "json";
  if (!["json", "csv", "bmf"].includes(format)) {
    throw new UsageError(`export: --format must be json, csv or bmf, got "${format}"`);
  }
  const store = openStoreFlag(s("store"), { readOnly: true });
  try {
    const docs = exportRuns(store, {
      runId: s("run"),
      suite: s("suite"),
      profile: s("profile"),
      backend: s("backend"),
    });
    if (docs.length === 0) throw new Error(`no runs match in store "${store.path}"`);
    const payload = s("run") !== undefined ? docs[0] : docs;
    const out = s("out");
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
