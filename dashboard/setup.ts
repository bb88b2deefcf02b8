/**
 * Open the dashboard's data for `main.ts` and `build.ts`: the SQLite store (or
 * the committed results corpus, loaded into a store in memory), the registered
 * suites, and baseline run documents from `baselines/`.
 *
 * @module
 */
import { loadCorpus } from "../src/core/corpus/read.ts";
import { openStore } from "../src/core/store/sqlite.ts";
import { validateRunDocument } from "../src/core/store/validate.ts";
import { listJsonFiles } from "../src/core/store/io.ts";
import type { RunDocument } from "../src/core/store/record.ts";
import { loadDefinition, suiteIds } from "../src/suites/registry.ts";
import { DashboardData, type SuiteInfo } from "./data/source.ts";

/**
 * Every registered suite definition.
 *
 * @example
 * ```ts
 * import { registeredSuites } from "./setup.ts";
 * // (await registeredSuites()).map((s) => s.id)
 * ```
 */
export async function registeredSuites(): Promise<SuiteInfo[]> {
  return await Promise.all(suiteIds().map((id) => loadDefinition(id)));
}

/**
 * Read every `*.json` under `dir` that is a valid run document; others are
 * reported on stderr and skipped. A missing directory gives no baselines.
 *
 * @example
 * ```ts
 * import { loadBaselines } from "./setup.ts";
 * // const docs = await loadBaselines("baselines");
 * ```
 */
export async function loadBaselines(dir: string): Promise<RunDocument[]> {
  let files: string[];
  try {
    files = listJsonFiles(dir);
  } catch {
    return [];
  }
  const out: RunDocument[] = [];
  for (const p of files) {
    try {
      out.push(validateRunDocument(JSON.parse(await Deno.readTextFile(p))));
    } catch (err) {
      console.error(`dashboard: skipping baseline ${p}: ${(err as Error).message}`);
    }
  }
  return out;
}

/**
 * Where the dashboard reads runs from: a results store file (`storePath`, opened
 * read-only) or a corpus folder (`corpusDir`: every document its index lists,
 * checked and loaded into a store in memory). Exactly one of the two.
 *
 * @example
 * ```ts
 * import type { DashboardSource } from "./setup.ts";
 * const fromCorpus: DashboardSource = { corpusDir: "corpus" };
 * ```
 */
export type DashboardSource =
  | { storePath: string; corpusDir?: undefined }
  | { corpusDir: string; storePath?: undefined };

/**
 * Open the runs of `source` and wrap them with suites and baselines. A missing
 * store or corpus, or a corpus document that does not pass its checks, is an
 * Error naming it; an empty path a TypeError.
 *
 * @example
 * ```ts
 * import { openDashboardData } from "./setup.ts";
 * // const data = await openDashboardData({ storePath: ".jepa-bench/results.db" });
 * // const published = await openDashboardData({ corpusDir: "corpus" });
 * ```
 */
export async function openDashboardData(
  options: DashboardSource & { baselinesDir?: string },
): Promise<DashboardData> {
  let store;
  if (options.corpusDir !== undefined) {
    if (options.corpusDir.trim() === "") {
      throw new TypeError("--corpus: expected a folder, got an empty string");
    }
    const docs = await loadCorpus(options.corpusDir);
    store = openStore(":memory:");
    store.importDocuments(docs);
  } else {
    if (options.storePath.trim() === "") {
      throw new TypeError("--store: expected a file path, got an empty string");
    }
    // The dashboard only reads: never create, migrate or lock a store for writing.
    store = openStore(options.storePath, { readOnly: true });
  }
  return new DashboardData(store, {
    suites: await registeredSuites(),
    baselines: await loadBaselines(options.baselinesDir ?? "baselines"),
  });
}
