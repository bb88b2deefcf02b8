/**
 * `corpus add | verify`: put a verified stored run into the committed results corpus, or check
 * every document of it.
 *
 * @module
 */
import { join } from "node:path";
import { addToCorpus } from "../core/corpus/add.ts";
import { MAX_CURVE_POINTS } from "../core/corpus/coarsen.ts";
import { CORPUS_MAX_BYTES, DEFAULT_CORPUS_DIR } from "../core/corpus/corpus_index.ts";
import { verifyCorpus } from "../core/corpus/verify.ts";
import { quoted } from "../core/printable.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `corpus`.
 *
 * @example
 * ```ts
 * import { CORPUS_FLAGS } from "./corpus.ts";
 * console.log(CORPUS_FLAGS.corpus.default); // "corpus"
 * ```
 */
export const CORPUS_FLAGS = defineFlags({
  run: { type: "string", value: "<runId>", help: "add: the stored run" },
  "allow-failed": {
    type: "boolean",
    help: "add: accept a run with failed records or one that did not finish",
  },
  corpus: {
    type: "string",
    value: "<dir>",
    default: DEFAULT_CORPUS_DIR,
    help: "the corpus folder",
  },
  store: { ...STORE_FLAG, help: "add: the results store to read the run from" },
});

/**
 * Help text of `corpus`.
 *
 * @example
 * ```ts
 * import { CORPUS_HELP } from "./corpus.ts";
 * console.log(CORPUS_HELP);
 * ```
 */
export const CORPUS_HELP = formatHelp("corpus", {
  usage: ["add --run <runId> [--store <path>] [flags]", "verify [flags]"],
  about: `The results corpus is a committed folder of verified run documents (the format \`export\`
writes): <dir>/<suite>@<version>/<profile>-<backend>-<runId>.json, listed in <dir>/index.json
with suite, version, profile, backend, run id, commit, records, bytes and sha-256.

add:    put a stored run into the corpus, marked verified with the commit that produced it, its
        curves coarsened to at most ${MAX_CURVE_POINTS} points each (the document says so); prints the bytes
        written. Refused (exit 1): a run made from a dirty checkout or at an unknown commit, a
        shard, a run with failed records or one that did not finish (unless --allow-failed), a
        commit that is not an ancestor of HEAD, a run already in the corpus with different
        content, and a corpus that would pass ${
    CORPUS_MAX_BYTES / 1e6
  } MB. Adding the same run again changes nothing.
verify: check every document: valid against the record schema, the size and sha-256 that
        index.json gives, marked verified, its commit an ancestor of HEAD (git merge-base
        --is-ancestor), and every document file listed; one line per document, exit 1 on any
        failure.`,
}, CORPUS_FLAGS);

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/**
 * The `corpus` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { corpusCommand } from "./corpus.ts";
 * import { processIo } from "./common.ts";
 * const code = await corpusCommand(["verify"], processIo());
 * ```
 */
export async function corpusCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("corpus", args, CORPUS_FLAGS, 1);
  if (values.help || positionals.length === 0) {
    io.out(CORPUS_HELP + "\n");
    return values.help ? 0 : 2;
  }
  const dir = values.corpus ?? DEFAULT_CORPUS_DIR;
  if (dir.trim() === "") throw new UsageError("--corpus: expected a folder, got an empty string");
  const sub = positionals[0];
  if (sub === "verify") {
    for (const flag of ["run", "store", "allow-failed"] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`corpus verify: --${flag} goes with corpus add (see: corpus --help)`);
      }
    }
    return await verify(dir, io);
  }
  if (sub !== "add") {
    throw new UsageError(`corpus: unknown subcommand ${quoted(sub)}; expected add or verify`);
  }
  const runId = values.run;
  if (runId === undefined) throw new UsageError("corpus add: --run <runId> is required");
  const store = openStoreFlag(values.store, { readOnly: true });
  try {
    const run = store.getRun(runId);
    if (run === null) throw new Error(`no run ${quoted(runId)} in store "${store.path}"`);
    const r = await addToCorpus(dir, run, { allowFailed: values["allow-failed"] === true });
    const file = join(dir, r.entry.path);
    const corpus = `corpus: ${r.documents} document(s), ${r.totalBytes} bytes (${
      mb(r.totalBytes)
    } of ${mb(CORPUS_MAX_BYTES)})`;
    io.out(
      r.status === "added"
        ? `added ${file}: ${r.entry.records} records, ${r.bytesWritten} bytes written; ${corpus}\n`
        : `unchanged ${file}: the corpus already holds this run as it is, 0 bytes written; ` +
          `${corpus}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}

async function verify(dir: string, io: CliIo): Promise<number> {
  const report = await verifyCorpus(dir);
  const width = Math.max(0, ...report.checks.map((c) => c.path.length));
  for (const c of report.checks) {
    if (c.ok && c.entry !== null) {
      const e = c.entry;
      io.out(
        `ok    ${c.path.padEnd(width)}  ${e.records} records, ${e.bytes} bytes, commit ` +
          `${e.commit.slice(0, 12)}\n`,
      );
    } else io.out(`FAIL  ${c.path}: ${c.reason}\n`);
  }
  const failed = report.checks.filter((c) => !c.ok).length;
  const summary = `corpus "${dir}": ${report.documents} document(s), ${report.bytes} bytes (${
    mb(report.bytes)
  })`;
  io.out(
    failed === 0
      ? `${summary}: ${report.documents === 0 ? "nothing to verify yet" : "all verified"}\n`
      : `${summary}: ${failed} of ${report.checks.length} check(s) failed\n`,
  );
  return failed === 0 ? 0 : 1;
}
