/**
 * `submit --validate <file.json>`: check a public submission before it is
 * sent. A submission is a run document (the run record schema,
 * `src/core/store/record.schema.json`) whose header names the entry and its
 * submitter in `tags`; it may not claim to be verified (only CI sets
 * `tags.verified = "ci"` when it reproduces a run).
 *
 * @module
 */
import { parseExport } from "../core/store/io.ts";
import type { RunDocument } from "../core/store/record.ts";
import { type CliIo, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { quoted } from "../core/printable.ts";

/**
 * The flags of `submit`.
 *
 * @example
 * ```ts
 * import { SUBMIT_FLAGS } from "./submit.ts";
 * console.log(SUBMIT_FLAGS.validate.value); // "<file>"
 * ```
 */
export const SUBMIT_FLAGS = defineFlags({
  validate: { type: "string", value: "<file>", help: "the file to check" },
});

/** Help text of `submit`. */
export const SUBMIT_HELP = formatHelp("submit", {
  usage: ["--validate <file.json>"],
  about: `Check a public submission: one run document (or an array of them) in the run record format
(src/core/store/record.schema.json), each with header.tags.entry (the name shown on the
leaderboard) and header.tags.submitter; header.tags.notes is optional. Names and notes are
shown as plain text. A submission may not set header.tags.verified: CI sets it when it
reproduces the run. Exit code 0 when the file is valid, 1 with the first bad field otherwise.`,
}, SUBMIT_FLAGS);

/** What a valid submission declares. */
export interface SubmissionInfo {
  entry: string;
  submitter: string;
  suite: string;
  suiteVersion: number;
  records: number;
  completed: number;
}

/**
 * Check the submission rules on a schema-valid run document; throws a
 * TypeError naming the bad field.
 *
 * @example
 * ```ts
 * import { checkSubmission } from "./submit.ts";
 * // checkSubmission(doc).entry
 * ```
 */
export function checkSubmission(doc: RunDocument, path = ""): SubmissionInfo {
  const tags = doc.header.tags;
  const at = (f: string) => `${path}header.tags.${f}`;
  for (const f of ["entry", "submitter"] as const) {
    const v = tags[f];
    if (v === undefined || v.trim() === "") {
      throw new TypeError(`${at(f)}: is required for a submission`);
    }
    if (v.length > 200) throw new TypeError(`${at(f)}: longer than 200 characters`);
  }
  if (tags.notes !== undefined && tags.notes.length > 2000) {
    throw new TypeError(`${at("notes")}: longer than 2000 characters`);
  }
  if (tags.verified !== undefined) {
    throw new TypeError(`${at("verified")}: a submission may not claim verification (CI sets it)`);
  }
  if (doc.records.length === 0) throw new TypeError(`${path}records: a submission needs results`);
  // That every record has the header's suite and version is a document rule (parseExport).
  return {
    entry: tags.entry,
    submitter: tags.submitter,
    suite: doc.header.suite.id,
    suiteVersion: doc.header.suite.version,
    records: doc.records.length,
    completed: doc.records.filter((r) => r.status === "completed").length,
  };
}

/**
 * The `submit` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { submitCommand } from "./submit.ts";
 * import { processIo } from "./common.ts";
 * const code = await submitCommand(["--validate", "my-run.json"], processIo());
 * ```
 */
export async function submitCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("submit", args, SUBMIT_FLAGS);
  if (values.help) {
    io.out(SUBMIT_HELP + "\n");
    return 0;
  }
  const file = values.validate;
  if (file === undefined) {
    throw new UsageError("submit: missing --validate <file.json> (see: submit --help)");
  }
  const text = await Deno.readTextFile(file);
  const docs = parseExport(text, file);
  if (docs.length === 0) throw new TypeError(`${file}: contains no run document`);
  const infos = docs.map((d, i) => checkSubmission(d, docs.length > 1 ? `[${i}].` : ""));
  for (const s of infos) {
    io.out(
      `valid: ${quoted(s.entry)} by ${quoted(s.submitter)} for ${s.suite} v${s.suiteVersion}: ` +
        `${s.records} records (${s.completed} completed)\n`,
    );
  }
  return 0;
}
