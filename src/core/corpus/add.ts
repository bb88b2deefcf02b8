/**
 * `corpus add` as a function: write a run's corpus document (`document.ts`) into the corpus
 * folder and record it in the index. A run already in the corpus with the same content is left
 * as it is; with different content it is refused, never replaced.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { RunDocument } from "../store/record.ts";
import {
  CORPUS_MAX_BYTES,
  type CorpusEntry,
  corpusEntry,
  readCorpusIndex,
  writeCorpusIndex,
} from "./corpus_index.ts";
import {
  corpusDocumentJson,
  type CorpusDocumentOptions,
  corpusDocumentPath,
  corpusDocumentProblem,
  makeCorpusDocument,
} from "./document.ts";
import { ancestryProblem } from "./git.ts";

/**
 * Options of {@link addToCorpus}.
 *
 * @example
 * ```ts
 * import type { AddOptions } from "./add.ts";
 * const options: AddOptions = { allowFailed: false, maxBytes: 20_000_000 };
 * ```
 */
export interface AddOptions extends CorpusDocumentOptions {
  /** The most bytes all documents may hold after the add (default {@link CORPUS_MAX_BYTES}). */
  maxBytes?: number;
}

/**
 * What {@link addToCorpus} did.
 *
 * @example
 * ```ts
 * import type { AddResult } from "./add.ts";
 * declare const r: AddResult;
 * console.log(`${r.status} ${r.entry.path}: ${r.bytesWritten} bytes written`);
 * ```
 */
export interface AddResult {
  /** `added`: the document was written; `unchanged`: the corpus already held it as it is. */
  status: "added" | "unchanged";
  /** The document's index entry. */
  entry: CorpusEntry;
  /** Bytes of the document file written (0 when unchanged). */
  bytesWritten: number;
  /** Documents in the corpus after the add. */
  documents: number;
  /** Their bytes together. */
  totalBytes: number;
}

/**
 * Add a stored run to the corpus folder `dir`: make its corpus document (refusing, with an
 * Error saying why, a run whose header is not verified, a shard, or one that failed or did not
 * finish unless `allowFailed`), check that its commit is an ancestor of HEAD in the repository
 * that holds `dir`, then write `<dir>/<suite>@<version>/<profile>-<backend>-<runId>.json` and
 * its entry in `<dir>/index.json`. Re-adding the same content changes nothing; a run already in
 * the corpus with other content, or an add that would take the corpus over `maxBytes`, is
 * refused with an Error and writes nothing.
 *
 * @example
 * ```ts
 * import { addToCorpus } from "./add.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const run: RunDocument;
 * const r = await addToCorpus("corpus", run);
 * console.log(r.status, r.entry.bytes);
 * ```
 */
export async function addToCorpus(
  dir: string,
  run: RunDocument,
  options: AddOptions = {},
): Promise<AddResult> {
  const doc = makeCorpusDocument(run, options);
  const path = corpusDocumentPath(doc.header);
  const problem = corpusDocumentProblem(doc, path);
  if (problem !== null) throw new Error(`run ${run.header.runId}: ${problem}`);
  const history = await ancestryProblem(doc.header.git.commit!, dir);
  if (history !== null) throw new Error(`run ${run.header.runId} cannot be added: ${history}`);
  const text = corpusDocumentJson(doc);
  const bytes = new TextEncoder().encode(text);
  const entry = await corpusEntry(path, doc, bytes);
  const index = await readCorpusIndex(dir) ?? { schemaVersion: 1 as const, documents: [] };
  const others = index.documents.filter((d) => d.path !== path);
  const sameRun = others.find((d) => d.runId === entry.runId);
  if (sameRun !== undefined) {
    throw new Error(
      `the corpus already holds run ${entry.runId} as ${sameRun.path}; remove that document ` +
        "and its index entry first if it is to be replaced",
    );
  }
  const file = join(dir, path);
  const old = await Deno.readTextFile(file).catch((e) => {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new Error(`cannot read ${file} (${(e as Error).message})`);
  });
  const listed = index.documents.find((d) => d.path === path);
  const totalBytes = others.reduce((n, d) => n + d.bytes, 0) + entry.bytes;
  const documents = others.length + 1;
  if (old !== null) {
    if (old !== text) {
      throw new Error(
        `the corpus already holds run ${entry.runId} at ${file} with different content; ` +
          "remove that document and its index entry first if it is to be replaced",
      );
    }
    if (listed === undefined || JSON.stringify(listed) !== JSON.stringify(entry)) {
      await writeCorpusIndex(dir, { schemaVersion: 1, documents: [...others, entry] });
    }
    return { status: "unchanged", entry, bytesWritten: 0, documents, totalBytes };
  }
  const maxBytes = options.maxBytes ?? CORPUS_MAX_BYTES;
  if (totalBytes > maxBytes) {
    throw new Error(
      `adding run ${entry.runId} (${entry.bytes} bytes) would take the corpus to ${totalBytes} ` +
        `bytes, more than the ${maxBytes} allowed`,
    );
  }
  await Deno.mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${crypto.randomUUID()}`;
  await Deno.writeFile(temp, bytes);
  await Deno.rename(temp, file);
  await writeCorpusIndex(dir, { schemaVersion: 1, documents: [...others, entry] });
  return { status: "added", entry, bytesWritten: bytes.length, documents, totalBytes };
}
