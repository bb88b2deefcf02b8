/**
 * `import --format klindt <files...>`: result files of the paper's PyTorch
 * code (klindtlab/lejepa-identifiability, `experiments/run.py`) as public
 * submissions of the identifiability suite, beside jepa-bench's own runs.
 * The mapping is `src/core/store/klindt.ts`; every file is mapped and
 * validated (record format and submission rules) before anything is written,
 * then all are written in one transaction.
 *
 * @module
 */
import {
  klindtDocument,
  type KlindtImport,
  type KlindtSuite,
  parsePaperJson,
} from "../core/store/klindt.ts";
import { toJson } from "../core/store/io.ts";
import { validateRunDocument } from "../core/store/validate.ts";
import type { ImportCounts } from "../core/store/store.ts";
import type { SqliteStore } from "../core/store/sqlite.ts";
import type { RunDocument } from "../core/store/record.ts";
import { checkSubmission } from "./submit.ts";

/**
 * Options of {@link importKlindtFiles}.
 *
 * @example
 * ```ts
 * import type { KlindtFileOptions } from "./import_klindt.ts";
 * const o: KlindtFileOptions = { submitter: "ada", allowUnknown: false };
 * ```
 */
export interface KlindtFileOptions {
  submitter: string;
  entry?: string;
  allowUnknown?: boolean;
}

/**
 * The identifiability suite as the mapper needs it (loaded on demand: it
 * brings the tensor engine with it).
 *
 * @example
 * ```ts
 * import { identifiabilityTarget } from "./import_klindt.ts";
 * console.log((await identifiabilityTarget()).version); // 2
 * ```
 */
export async function identifiabilityTarget(): Promise<KlindtSuite> {
  const { identifiabilityCase, suite } = await import("../suites/identifiability.ts");
  return {
    id: suite.id,
    version: suite.version,
    caseOf: identifiabilityCase as KlindtSuite["caseOf"],
    profiles: Object.values(suite.profiles),
  };
}

/** The same document with the stored run's timestamps (same content, whatever the file's mtime). */
function withStoredTimes(doc: RunDocument, stored: RunDocument | null): RunDocument {
  if (stored === null) return doc;
  const { startedAt, finishedAt } = stored.header;
  const at = finishedAt ?? startedAt;
  return {
    ...doc,
    header: { ...doc.header, startedAt, finishedAt },
    records: doc.records.map((r) => ({ ...r, startedAt, finishedAt: at })),
  };
}

/**
 * Map, validate and import run.py result files into `store`. Throws a
 * TypeError or SyntaxError starting with the file's path on the first bad
 * file (then nothing is written); a conflict with stored content is refused
 * as by every import. A file whose content is already stored is a no-op.
 *
 * @example
 * ```ts
 * import { identifiabilityTarget, importKlindtFiles } from "./import_klindt.ts";
 * import { openStore } from "../core/store/sqlite.ts";
 * const store = openStore(":memory:");
 * const { counts } = await importKlindtFiles(
 *   store,
 *   ["test/fixtures/klindt/spiral_lejepa_seed=1337.json"],
 *   { submitter: "ada" },
 *   await identifiabilityTarget(),
 * );
 * console.log(counts.records); // 1
 * ```
 */
export async function importKlindtFiles(
  store: SqliteStore,
  files: string[],
  options: KlindtFileOptions,
  target: KlindtSuite,
): Promise<{ counts: ImportCounts; mapped: KlindtImport[] }> {
  const mapped: KlindtImport[] = [];
  const docs: RunDocument[] = [];
  const seen = new Map<string, string>();
  for (const path of files) {
    let text: string;
    let finishedAt: Date | null;
    try {
      text = await Deno.readTextFile(path);
      finishedAt = (await Deno.stat(path)).mtime;
    } catch (e) {
      throw new Error(`cannot read "${path}" (${(e as Error).message})`);
    }
    const m = await klindtDocument(parsePaperJson(text, path), target, {
      source: path,
      submitter: options.submitter,
      entry: options.entry,
      allowUnknown: options.allowUnknown,
      finishedAt: (finishedAt ?? new Date(0)).toISOString(),
    });
    const runId = m.document.header.runId;
    if (seen.has(runId)) continue; // the same content twice: one run
    seen.set(runId, path);
    const doc = withStoredTimes(m.document, store.getRun(runId));
    // What a file of this document would hold, checked as every import checks it.
    const checked = validateRunDocument(JSON.parse(toJson(doc)));
    try {
      checkSubmission(checked);
    } catch (e) {
      throw new TypeError(`${path}: ${(e as Error).message}`);
    }
    mapped.push({ ...m, document: checked });
    docs.push(checked);
  }
  return { counts: store.importDocuments(docs), mapped };
}
