/**
 * `corpus verify` as a function: every document of a corpus folder is checked against the
 * record schema and its index entry (`read.ts`), and its commit must be an ancestor of HEAD in
 * the repository that holds the folder (`git.ts`); a document file the index does not list, an
 * index that cannot be read, and a corpus over {@link CORPUS_MAX_BYTES} fail too.
 *
 * @module
 */
import { join } from "node:path";
import { printable } from "../printable.ts";
import {
  CORPUS_INDEX_FILE,
  CORPUS_MAX_BYTES,
  type CorpusEntry,
  type CorpusIndex,
  readCorpusIndex,
} from "./corpus_index.ts";
import { ancestryProblem } from "./git.ts";
import { listCorpusFiles, readCorpusDocument } from "./read.ts";

/**
 * The verdict on one document (or on the index, or the corpus as a whole).
 *
 * @example
 * ```ts
 * import type { CorpusCheck } from "./verify.ts";
 * declare const check: CorpusCheck;
 * console.log(check.ok ? `ok ${check.path}` : `FAIL ${check.path}: ${check.reason}`);
 * ```
 */
export interface CorpusCheck {
  /** The document's path inside the corpus folder, `index.json`, or `(corpus)`. */
  path: string;
  ok: boolean;
  /** Why it failed (one line), or null. */
  reason: string | null;
  /** The document's index entry, when it has one. */
  entry: CorpusEntry | null;
}

/**
 * What {@link verifyCorpus} found.
 *
 * @example
 * ```ts
 * import type { CorpusReport } from "./verify.ts";
 * declare const report: CorpusReport;
 * console.log(report.ok, report.documents, report.bytes);
 * ```
 */
export interface CorpusReport {
  /** Every check passed. */
  ok: boolean;
  /** One check per indexed document, then the unlisted files and the corpus-wide checks. */
  checks: CorpusCheck[];
  /** Documents the index lists. */
  documents: number;
  /** Their bytes together, as the index gives them. */
  bytes: number;
  /** The index as read; null when it could not be. */
  index: CorpusIndex | null;
}

/**
 * Options of {@link verifyCorpus}.
 *
 * @example
 * ```ts
 * import type { VerifyOptions } from "./verify.ts";
 * const options: VerifyOptions = { maxBytes: 20_000_000 };
 * ```
 */
export interface VerifyOptions {
  /** The most bytes all documents may hold (default {@link CORPUS_MAX_BYTES}). */
  maxBytes?: number;
}

/**
 * Check every document of the corpus folder `dir` (see the module notes). Never throws for a
 * bad corpus: every problem is a failing {@link CorpusCheck} naming the document and why.
 *
 * @example
 * ```ts
 * import { verifyCorpus } from "./verify.ts";
 * const report = await verifyCorpus("corpus");
 * for (const c of report.checks) if (!c.ok) console.log(`${c.path}: ${c.reason}`);
 * ```
 */
export async function verifyCorpus(
  dir: string,
  options: VerifyOptions = {},
): Promise<CorpusReport> {
  const fail = (path: string, reason: string, entry: CorpusEntry | null = null): CorpusCheck => ({
    path,
    ok: false,
    reason: printable(reason),
    entry,
  });
  const exists = await Deno.stat(dir).then((i) => i.isDirectory, () => false);
  if (!exists) {
    return {
      ok: false,
      checks: [fail("(corpus)", `no corpus folder "${dir}"`)],
      documents: 0,
      bytes: 0,
      index: null,
    };
  }
  let index: CorpusIndex | null;
  try {
    index = await readCorpusIndex(dir);
    if (index === null) {
      throw new Error(`no ${join(dir, CORPUS_INDEX_FILE)} (corpus add writes it)`);
    }
  } catch (e) {
    const checks = [fail(CORPUS_INDEX_FILE, (e as Error).message.split("\n")[0])];
    return { ok: false, checks, documents: 0, bytes: 0, index: null };
  }
  const checks: CorpusCheck[] = [];
  for (const entry of index.documents) {
    let reason: string | null = null;
    try {
      const doc = await readCorpusDocument(dir, entry);
      reason = await ancestryProblem(doc.header.git.commit!, dir);
    } catch (e) {
      reason = (e as Error).message;
    }
    checks.push(
      reason === null ? { path: entry.path, ok: true, reason, entry } : fail(
        entry.path,
        reason,
        entry,
      ),
    );
  }
  const listed = new Set(index.documents.map((d) => d.path));
  for (const path of await listCorpusFiles(dir)) {
    if (!listed.has(path)) {
      checks.push(fail(path, "not listed in index.json (add runs with corpus add)"));
    }
  }
  const bytes = index.documents.reduce((n, d) => n + d.bytes, 0);
  const maxBytes = options.maxBytes ?? CORPUS_MAX_BYTES;
  if (bytes > maxBytes) {
    checks.push(fail("(corpus)", `${bytes} bytes in all, more than the ${maxBytes} allowed`));
  }
  return {
    ok: checks.every((c) => c.ok),
    checks,
    documents: index.documents.length,
    bytes,
    index,
  };
}
