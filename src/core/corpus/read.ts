/**
 * Reading the corpus folder: the document files in it, one document checked against its index
 * entry, and every indexed document at once (what the dashboard publishes).
 *
 * @module
 */
import { join, relative, sep } from "node:path";
import type { RunDocument } from "../store/record.ts";
import { validateRunDocument } from "../store/validate.ts";
import { printable } from "../printable.ts";
import {
  CORPUS_INDEX_FILE,
  type CorpusEntry,
  corpusEntry,
  readCorpusIndex,
  sha256Hex,
} from "./corpus_index.ts";
import { corpusDocumentProblem } from "./document.ts";

/**
 * Every `*.json` file below `dir` but the index, as paths relative to `dir` with `/`
 * separators, sorted; empty when `dir` does not exist.
 *
 * @example
 * ```ts
 * import { listCorpusFiles } from "./read.ts";
 * for (const path of await listCorpusFiles("corpus")) console.log(path);
 * ```
 */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = join(d, e.name);
      if (e.isDirectory) await walk(p);
      else if (e.name.endsWith(".json")) {
        const rel = relative(dir, p).split(sep).join("/");
        if (rel !== CORPUS_INDEX_FILE) out.push(rel);
      }
    }
  };
  try {
    await walk(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

/**
 * Read the document of an index entry and check it: the file's size and sha-256 are the
 * entry's, it is a valid run document (the record schema), the entry's fields are its header's,
 * and it is a corpus document at that path (`corpusDocumentProblem`). Throws an Error whose
 * message is the first reason it is not (one line, without the path); git history is not
 * checked here.
 *
 * @example
 * ```ts
 * import { readCorpusDocument } from "./read.ts";
 * import { readCorpusIndex } from "./corpus_index.ts";
 * const index = await readCorpusIndex("corpus");
 * for (const entry of index?.documents ?? []) await readCorpusDocument("corpus", entry);
 * ```
 */
export async function readCorpusDocument(dir: string, entry: CorpusEntry): Promise<RunDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(join(dir, entry.path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new Error(`file is missing (index.json lists it)`);
    throw new Error(`cannot read the file (${(e as Error).message})`);
  }
  const sha256 = await sha256Hex(bytes);
  if (bytes.length !== entry.bytes || sha256 !== entry.sha256) {
    throw new Error(
      `sha256 ${sha256.slice(0, 12)}... (${bytes.length} bytes) does not match index.json ` +
        `(${
          entry.sha256.slice(0, 12)
        }..., ${entry.bytes} bytes): the file changed after corpus add`,
    );
  }
  let doc: RunDocument;
  try {
    doc = validateRunDocument(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (e) {
    throw new Error(
      `not a valid run document (record schema): ${printable((e as Error).message.split("\n")[0])}`,
    );
  }
  const want = await corpusEntry(entry.path, doc, bytes);
  for (const k of Object.keys(want) as Array<keyof CorpusEntry>) {
    if (want[k] !== entry[k]) {
      throw new Error(
        `index.json says ${k} ${JSON.stringify(entry[k])}, the document ${JSON.stringify(want[k])}`,
      );
    }
  }
  const problem = corpusDocumentProblem(doc, entry.path);
  if (problem !== null) throw new Error(printable(problem));
  return doc;
}

/**
 * Every document the index of `dir` lists, read and checked by {@link readCorpusDocument}, in
 * index order. Throws an Error naming the folder when it or its index is missing, and naming
 * the document and the reason when one does not pass.
 *
 * @example
 * ```ts
 * import { loadCorpus } from "./read.ts";
 * const docs = await loadCorpus("corpus");
 * console.log(`${docs.length} runs`);
 * ```
 */
export async function loadCorpus(dir: string): Promise<RunDocument[]> {
  const index = await readCorpusIndex(dir);
  if (index === null) {
    const exists = await Deno.stat(dir).then((i) => i.isDirectory, () => false);
    throw new Error(
      exists
        ? `corpus "${dir}" has no ${CORPUS_INDEX_FILE} (corpus add writes it)`
        : `no corpus folder "${dir}"`,
    );
  }
  const docs: RunDocument[] = [];
  for (const entry of index.documents) {
    try {
      docs.push(await readCorpusDocument(dir, entry));
    } catch (e) {
      throw new Error(`corpus ${join(dir, entry.path)}: ${(e as Error).message}`);
    }
  }
  return docs;
}
