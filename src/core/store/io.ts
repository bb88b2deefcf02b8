/**
 * Export runs from a store as {@link RunDocument}s (JSON files) and import
 * such files into a store, validating everything before writing anything.
 *
 * File format: either one RunDocument object or a JSON array of them. Non-finite
 * metric values are written as `null` (see `validate.ts`).
 *
 * @module
 */
import { join } from "node:path";
import type { RunDocument } from "./record.ts";
import type { ImportCounts, ResultsStore } from "./store.ts";
import type { SqliteStore } from "./sqlite.ts";
import { validateRunDocument } from "./validate.ts";
import { printable } from "../printable.ts";
import { newRunId } from "../runner/environment.ts";

/** Which runs to export; every field is optional and ANDed. *
 * @example
 * ```ts
 * import { exportRuns, type ExportQuery } from "./io.ts";
 * import { openStore } from "./sqlite.ts";
 * const q: ExportQuery = { suite: "identifiability", profile: "smoke" };
 * const docs = exportRuns(openStore(":memory:"), q);
 * ```
 */
export interface ExportQuery {
  runId?: string;
  suite?: string;
  suiteVersion?: number;
  profile?: string;
  backend?: string;
}

/**
 * The runs matching the query as documents, oldest first.
 * Throws an Error when `runId` is given and the store has no such run.
 *
 * @example
 * ```ts
 * import { openStore } from "./sqlite.ts";
 * import { exportRuns } from "./io.ts";
 * const store = openStore(":memory:");
 * console.log(exportRuns(store, { suite: "identifiability" }).length); // 0
 * ```
 */
export function exportRuns(store: ResultsStore, query: ExportQuery = {}): RunDocument[] {
  if (query.runId !== undefined) {
    const doc = store.getRun(query.runId);
    if (doc === null) throw new Error(`no run "${query.runId}" in store "${store.path}"`);
    const h = doc.header;
    const match = (query.suite === undefined || query.suite === h.suite.id) &&
      (query.suiteVersion === undefined || query.suiteVersion === h.suite.version) &&
      (query.profile === undefined || query.profile === h.profile) &&
      (query.backend === undefined || query.backend === h.env.backend);
    return match ? [doc] : [];
  }
  const runs = store.listRuns({
    suite: query.suite,
    suiteVersion: query.suiteVersion,
    profile: query.profile,
    backend: query.backend,
  }).reverse();
  return runs.map((r) => store.getRun(r.header.runId)).filter((d): d is RunDocument => d !== null);
}

/**
 * Serialise documents as JSON text: one object when `docs` is a single
 * document, else an array. Non-finite numbers become `null`.
 *
 * @example
 * ```ts
 * import { toJson } from "./io.ts";
 * console.log(toJson([])); // "[]"
 * ```
 */
export function toJson(docs: RunDocument | RunDocument[]): string {
  return JSON.stringify(docs, null, 2) + "\n";
}

/**
 * Write documents to a JSON file (creating parent folders).
 *
 * @example
 * ```ts
 * import { writeExport } from "./io.ts";
 * await writeExport("/tmp/none.json", []);
 * ```
 */
export async function writeExport(
  path: string,
  docs: RunDocument | RunDocument[],
): Promise<void> {
  const dir = path.replace(/[\\/][^\\/]*$/, "");
  if (dir !== path && dir !== "") await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(path, toJson(docs));
}

/**
 * Parse and validate export-file text (one document or an array). Throws a
 * TypeError naming the bad field (prefixed with `[i]` inside an array) or a
 * SyntaxError for text that is not JSON. Writes nothing.
 *
 * @example
 * ```ts
 * import { parseExport } from "./io.ts";
 * console.log(parseExport("[]").length); // 0
 * ```
 */
export function parseExport(text: string, source = "input"): RunDocument[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${source} is not valid JSON (${printable((e as Error).message)})`);
  }
  const docs = Array.isArray(data)
    ? data.map((d, i) => validateRunDocument(d, `[${i}]`))
    : [validateRunDocument(data)];
  const seen = new Set<string>();
  docs.forEach((d, i) => {
    if (seen.has(d.header.runId)) {
      throw new TypeError(`[${i}].header.runId: run "${d.header.runId}" appears twice`);
    }
    seen.add(d.header.runId);
  });
  return docs;
}

/**
 * The document under a fresh run id: every record follows, and the header's
 * `tags.imported_from` keeps the id it had.
 *
 * @example
 * ```ts
 * import { asNewRun } from "./io.ts";
 * import type { RunDocument } from "./record.ts";
 * declare const doc: RunDocument;
 * const copy = asNewRun(doc, "20260101T000000Z-abcdef");
 * ```
 */
export function asNewRun(doc: RunDocument, runId: string): RunDocument {
  return {
    ...doc,
    header: { ...doc.header, runId, tags: { ...doc.header.tags, imported_from: doc.header.runId } },
    records: doc.records.map((r) => ({ ...r, runId })),
  };
}

/**
 * Options of {@link importFile}.
 *
 * @example
 * ```ts
 * import type { ImportOptions } from "./io.ts";
 * const keepBoth: ImportOptions = { asNew: true };
 * ```
 */
export interface ImportOptions {
  /** Store every document under a fresh run id (see {@link asNewRun}) instead of its own. */
  asNew?: boolean;
}

/**
 * Import a JSON export file into the store. Everything is validated first;
 * then all runs are written in one transaction, so a bad file writes nothing.
 * Nothing stored is ever replaced: a run id already in the store must have
 * the same header, and a record already there must have the same content
 * (it is then counted as unchanged), else the import is refused with an Error
 * naming the run, case and seed; `asNew` imports the file as new runs.
 * Error messages start with the file path, then the bad field.
 *
 * @example
 * ```ts
 * import { openStore } from "./sqlite.ts";
 * import { importFile } from "./io.ts";
 * const store = openStore(":memory:");
 * await Deno.writeTextFile("/tmp/empty-export.json", "[]");
 * console.log(await importFile(store, "/tmp/empty-export.json")); // { runs: 0, records: 0, unchanged: 0 }
 * ```
 */
export async function importFile(
  store: SqliteStore,
  path: string,
  options: ImportOptions = {},
): Promise<ImportCounts> {
  let docs = await readExportFile(path);
  if (options.asNew) docs = docs.map((d) => asNewRun(d, newRunId()));
  return store.importDocuments(docs);
}

/**
 * Read and validate one export file (see {@link parseExport}). An unreadable
 * file is an Error, text that is not JSON a SyntaxError, a document that is
 * not valid a TypeError; each message starts with the quoted path.
 *
 * @example
 * ```ts
 * import { readExportFile } from "./io.ts";
 * await Deno.writeTextFile("/tmp/empty-export.json", "[]");
 * console.log((await readExportFile("/tmp/empty-export.json")).length); // 0
 * ```
 */
export async function readExportFile(path: string): Promise<RunDocument[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new Error(`cannot read "${path}" (${(e as Error).message})`);
  }
  try {
    return parseExport(text, `"${path}"`);
  } catch (e) {
    if (e instanceof SyntaxError) throw e;
    throw new TypeError(`"${path}": ${(e as Error).message}`);
  }
}

/**
 * The `*.json` files under a folder (at any depth), sorted by path; a missing
 * folder is a `Deno.errors.NotFound`.
 *
 * @example
 * ```ts
 * import { listJsonFiles } from "./io.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.json`, "[]");
 * console.log(listJsonFiles(dir).length); // 1
 * ```
 */
export function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = [...Deno.readDirSync(d)].sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory) walk(p);
      else if (e.isFile && e.name.endsWith(".json")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * The run documents of an export file, or of every `*.json` export file under
 * a folder (baselines, a results corpus), validated; the first bad file is an
 * error naming it (see {@link readExportFile}), a missing path an Error.
 *
 * @example
 * ```ts
 * import { readRunDocuments } from "./io.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/none.json`, "[]");
 * console.log((await readRunDocuments(dir)).length); // 0
 * ```
 */
export async function readRunDocuments(path: string): Promise<RunDocument[]> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (e) {
    throw new Error(`cannot read "${path}" (${(e as Error).message})`);
  }
  const files = info.isDirectory ? listJsonFiles(path) : [path];
  const docs: RunDocument[] = [];
  for (const file of files) docs.push(...await readExportFile(file));
  return docs;
}
