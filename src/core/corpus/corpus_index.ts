/**
 * The corpus index, `<corpus>/index.json`, written by `corpus add` and read by `corpus verify`
 * and the dashboard: one entry per document with its suite, version, profile, backend, run id,
 * commit, record count, size in bytes and sha-256, sorted by path.
 *
 * ```json
 * { "schemaVersion": 1, "documents": [{ "path": "planning@2/smoke-wasm-<runId>.json", ... }] }
 * ```
 *
 * @module
 */
import { join } from "node:path";
import type { RunDocument } from "../store/record.ts";

/**
 * Default corpus folder, relative to the working directory (the repository root).
 *
 * @example
 * ```ts
 * import { DEFAULT_CORPUS_DIR } from "./corpus_index.ts";
 * console.log(DEFAULT_CORPUS_DIR); // "corpus"
 * ```
 */
export const DEFAULT_CORPUS_DIR = "corpus";

/**
 * File name of the index inside the corpus folder.
 *
 * @example
 * ```ts
 * import { CORPUS_INDEX_FILE } from "./corpus_index.ts";
 * console.log(CORPUS_INDEX_FILE); // "index.json"
 * ```
 */
export const CORPUS_INDEX_FILE = "index.json";

/**
 * The most bytes all corpus documents together may hold (20 MB).
 *
 * @example
 * ```ts
 * import { CORPUS_MAX_BYTES } from "./corpus_index.ts";
 * console.log(CORPUS_MAX_BYTES / 1e6); // 20
 * ```
 */
export const CORPUS_MAX_BYTES = 20_000_000;

/**
 * One document of the index.
 *
 * @example
 * ```ts
 * import type { CorpusEntry } from "./corpus_index.ts";
 * declare const entry: CorpusEntry;
 * console.log(`${entry.path}: ${entry.records} records, ${entry.bytes} bytes`);
 * ```
 */
export interface CorpusEntry {
  /** Path inside the corpus folder: `<suite>@<version>/<profile>-<backend>-<runId>.json`. */
  path: string;
  suite: string;
  version: number;
  profile: string;
  backend: string;
  runId: string;
  /** The commit that produced the run. */
  commit: string;
  /** Number of records (case, seed). */
  records: number;
  /** Size of the file in bytes. */
  bytes: number;
  /** sha-256 of the file, lowercase hex. */
  sha256: string;
}

/**
 * The index file.
 *
 * @example
 * ```ts
 * import type { CorpusIndex } from "./corpus_index.ts";
 * const empty: CorpusIndex = { schemaVersion: 1, documents: [] };
 * ```
 */
export interface CorpusIndex {
  schemaVersion: 1;
  documents: CorpusEntry[];
}

const ENTRY_FIELDS: Record<keyof CorpusEntry, "string" | "integer" | "sha256"> = {
  path: "string",
  suite: "string",
  version: "integer",
  profile: "string",
  backend: "string",
  runId: "string",
  commit: "string",
  records: "integer",
  bytes: "integer",
  sha256: "sha256",
};

function checkEntry(x: unknown, at: string): CorpusEntry {
  if (typeof x !== "object" || x === null || Array.isArray(x)) {
    throw new TypeError(`${at}: expected an object`);
  }
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!Object.hasOwn(ENTRY_FIELDS, k)) throw new TypeError(`${at}.${k}: is not a known field`);
  }
  for (const [k, kind] of Object.entries(ENTRY_FIELDS)) {
    const v = o[k];
    const ok = kind === "integer"
      ? Number.isInteger(v) && (v as number) >= 0
      : kind === "sha256"
      ? typeof v === "string" && /^[0-9a-f]{64}$/.test(v)
      : typeof v === "string" && v.length > 0;
    if (!ok) {
      const want = kind === "integer"
        ? "an integer >= 0"
        : kind === "sha256"
        ? "64 lowercase hex digits"
        : "a non-empty string";
      throw new TypeError(`${at}.${k}: expected ${want}, got ${JSON.stringify(v) ?? "nothing"}`);
    }
  }
  return o as unknown as CorpusEntry;
}

/**
 * Parse index text; throws a SyntaxError for text that is not JSON and a TypeError naming the
 * bad field (or a path or run id listed twice), both starting with `source`.
 *
 * @example
 * ```ts
 * import { parseCorpusIndex } from "./corpus_index.ts";
 * console.log(parseCorpusIndex('{"schemaVersion":1,"documents":[]}').documents); // []
 * ```
 */
export function parseCorpusIndex(text: string, source = CORPUS_INDEX_FILE): CorpusIndex {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${source} is not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError(`${source}: expected an object { schemaVersion, documents }`);
  }
  const o = data as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== "schemaVersion" && k !== "documents") {
      throw new TypeError(`${source}: ${k}: is not a known field`);
    }
  }
  if (o.schemaVersion !== 1) {
    throw new TypeError(
      `${source}: schemaVersion: expected 1, got ${JSON.stringify(o.schemaVersion) ?? "nothing"}`,
    );
  }
  if (!Array.isArray(o.documents)) throw new TypeError(`${source}: documents: expected an array`);
  const documents = o.documents.map((d, i) => checkEntry(d, `${source}: documents[${i}]`));
  for (const field of ["path", "runId"] as const) {
    const seen = new Set<string>();
    for (const [i, d] of documents.entries()) {
      if (seen.has(d[field])) {
        throw new TypeError(
          `${source}: documents[${i}].${field}: ${JSON.stringify(d[field])} is listed twice`,
        );
      }
      seen.add(d[field]);
    }
  }
  return { schemaVersion: 1, documents };
}

/**
 * Read `<dir>/index.json`; null when the file does not exist. Throws like
 * {@link parseCorpusIndex}, naming the file.
 *
 * @example
 * ```ts
 * import { readCorpusIndex } from "./corpus_index.ts";
 * const index = await readCorpusIndex("corpus");
 * console.log(index?.documents.length ?? "no index");
 * ```
 */
export async function readCorpusIndex(dir: string): Promise<CorpusIndex | null> {
  const path = join(dir, CORPUS_INDEX_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new Error(`cannot read ${path} (${(e as Error).message})`);
  }
  return parseCorpusIndex(text, path);
}

/**
 * Write `<dir>/index.json` (entries sorted by path), creating the folder.
 *
 * @example
 * ```ts
 * import { writeCorpusIndex } from "./corpus_index.ts";
 * await writeCorpusIndex(await Deno.makeTempDir(), { schemaVersion: 1, documents: [] });
 * ```
 */
export async function writeCorpusIndex(dir: string, index: CorpusIndex): Promise<void> {
  const documents = [...index.documents].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  );
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, CORPUS_INDEX_FILE),
    JSON.stringify({ schemaVersion: 1, documents }, null, 2) + "\n",
  );
}

/**
 * The sha-256 of `bytes`, lowercase hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./corpus_index.ts";
 * console.log((await sha256Hex(new Uint8Array())).slice(0, 8)); // "e3b0c442"
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The index entry of a document stored at `path` (inside the corpus folder) as `bytes`.
 *
 * @example
 * ```ts
 * import { corpusEntry } from "./corpus_index.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * const bytes = new TextEncoder().encode(JSON.stringify(doc));
 * const entry = await corpusEntry("toy@1/smoke-wasm-r1.json", doc, bytes);
 * ```
 */
export async function corpusEntry(
  path: string,
  doc: RunDocument,
  bytes: Uint8Array,
): Promise<CorpusEntry> {
  const h = doc.header;
  return {
    path,
    suite: h.suite.id,
    version: h.suite.version,
    profile: h.profile,
    backend: h.env.backend,
    runId: h.runId,
    commit: h.git.commit ?? "",
    records: doc.records.length,
    bytes: bytes.length,
    sha256: await sha256Hex(bytes),
  };
}
