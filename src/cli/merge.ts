/**
 * `merge`: combine the runs of `run --shard i/n` into one run document.
 *
 * @module
 */
import { mergeShards } from "../core/ci/merge.ts";
import { configHash, expand } from "../core/runner/expand.ts";
import type { RunDocument } from "../core/store/record.ts";
import { parseExport, writeExport } from "../core/store/io.ts";
import { isSuiteModulePath, loadSuite, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `merge`.
 *
 * @example
 * ```ts
 * import { MERGE_FLAGS } from "./merge.ts";
 * console.log(MERGE_FLAGS.out.value); // "<file>"
 * ```
 */
export const MERGE_FLAGS = defineFlags({
  out: {
    type: "string",
    value: "<file>",
    default: "stdout, unless --store",
    help: "write the merged run document here",
  },
  store: { type: "string", value: "<path>", help: "import the merged run into this results store" },
  suite: {
    type: "string",
    value: "<path>",
    help: "the suite module, when the suite is not registered",
  },
  "allow-missing": {
    type: "boolean",
    help: "write the merge even when tasks are missing (exit 0)",
  },
});

/**
 * Help text of `merge`.
 *
 * @example
 * ```ts
 * import { MERGE_HELP } from "./merge.ts";
 * console.log(MERGE_HELP);
 * ```
 */
export const MERGE_HELP = formatHelp("merge", {
  usage: ["<file.json>... [flags]"],
  about:
    `Combine shard runs (run --shard i/n, then export) into one run: they must share suite, version,
profile, backend, configHash, seeds and commit. Identical duplicate records are kept once;
conflicting ones are an error. The expected (case, seed) tasks come from the suite's profile when
it loads and hashes to the shards' configHash (else: every case seen x the seeds); missing tasks
and shards are listed, and exit 1 unless --allow-missing.`,
}, MERGE_FLAGS);

async function expectedKeys(
  doc: RunDocument,
  spec: string | undefined,
  io: CliIo,
): Promise<string[] | undefined> {
  const h = doc.header;
  const id = spec ?? h.suite.id;
  if (!isSuiteModulePath(id) && !suiteIds().includes(id)) {
    io.err(
      `merge: suite "${id}" is not registered (give --suite <module>); expecting every case seen x the seeds\n`,
    );
    return undefined;
  }
  try {
    const suite = await loadSuite(id);
    if (suite.id !== h.suite.id || suite.version !== h.suite.version) {
      throw new Error("another version");
    }
    const { profile, seeds, tasks } = expand(suite, h.profile, h.seeds);
    const hash = await configHash({
      suite: suite.id,
      version: suite.version,
      profile: h.profile,
      cases: profile.cases,
      seeds,
      backend: h.env.backend,
    });
    if (hash !== h.configHash) throw new Error("the configuration differs");
    return tasks.map((t) => t.key);
  } catch (e) {
    io.err(
      `merge: cannot rebuild the task list from suite "${id}" (${(e as Error).message}); ` +
        `expecting every case seen x the seeds\n`,
    );
    return undefined;
  }
}

/**
 * The `merge` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { mergeCommand } from "./merge.ts";
 * import { processIo } from "./common.ts";
 * const code = await mergeCommand(["s1.json", "s2.json", "--out", "merged.json"], processIo());
 * ```
 */
export async function mergeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("merge", args, MERGE_FLAGS, Number.MAX_SAFE_INTEGER);
  if (values.help) {
    io.out(MERGE_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError("merge: needs shard files (see: merge --help)");
  }
  if (values.store?.trim() === "") {
    throw new UsageError("--store: expected a file path, got an empty string");
  }
  const docs: RunDocument[] = [];
  for (const file of positionals) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (e) {
      throw new Error(`cannot read "${file}" (${(e as Error).message})`);
    }
    docs.push(...parseExport(text, `"${file}"`));
  }
  if (docs.length === 0) throw new Error("the files hold no runs");
  const expected = await expectedKeys(docs[0], values.suite, io);
  const { doc, missing, missingShards, duplicates } = mergeShards(docs, expected);
  const total = missing.length + doc.records.length;
  io.err(
    `merged ${docs.length} run(s) into ${doc.header.runId}: ${doc.records.length}/${total} tasks` +
      (duplicates.length > 0 ? `, ${duplicates.length} identical duplicate(s) dropped` : "") + "\n",
  );
  if (missingShards.length > 0) io.err(`missing shards: ${missingShards.join(", ")}\n`);
  if (missing.length > 0) {
    const show = missing.slice(0, 20).join(", ") +
      (missing.length > 20 ? `, ... (${missing.length - 20} more)` : "");
    io.err(`missing ${missing.length} (case#seed): ${show}\n`);
    if (values["allow-missing"] !== true) {
      io.err("error: the merge has gaps; rerun the missing shards or pass --allow-missing\n");
      return 1;
    }
  }
  const out = values.out;
  const storePath = values.store;
  if (out !== undefined) {
    await writeExport(out, doc);
    io.err(`wrote ${out}\n`);
  }
  if (storePath !== undefined) {
    const store = openStoreFlag(storePath);
    try {
      store.importDocument(doc);
      io.err(`imported run ${doc.header.runId} into ${store.path}\n`);
    } finally {
      store.close();
    }
  }
  if (out === undefined && storePath === undefined) io.out(JSON.stringify(doc, null, 2) + "\n");
  return 0;
}
