/**
 * The results store interface. `sqlite.ts` implements it on `node:sqlite`;
 * everything that reads results (check, history, dashboard) goes through it.
 *
 * @module
 */
import type { CaseResult, RunDocument, RunHeader } from "./record.ts";

/** Default store path, relative to the working directory. */
export const DEFAULT_STORE_PATH = ".jepa-bench/results.db";

/** A run with its per-status counts. */
export interface RunSummary {
  header: RunHeader;
  counts: { completed: number; failed: number; skipped: number };
}

/** Filters for {@link ResultsStore.results}; every field is optional and ANDed. */
export interface ResultQuery {
  runId?: string;
  suite?: string;
  suiteVersion?: number;
  profile?: string;
  backend?: string;
  status?: CaseResult["status"];
  caseId?: string;
  commit?: string;
}

/** Filters for {@link ResultsStore.listRuns}. */
export interface RunQuery {
  suite?: string;
  suiteVersion?: number;
  profile?: string;
  backend?: string;
}

/**
 * How to open a store.
 *
 * @example
 * ```ts
 * import type { StoreOptions } from "./store.ts";
 * import { openStore } from "./sqlite.ts";
 * const options: StoreOptions = { readOnly: true };
 * // const store = openStore(".jepa-bench/results.db", options);
 * ```
 */
export interface StoreOptions {
  /**
   * Open for reading only: the file is never created or changed (no tables,
   * no WAL switch), a missing store is an error, and writes throw.
   */
  readOnly?: boolean;
}

/**
 * What an import wrote.
 *
 * @example
 * ```ts
 * import type { ImportCounts } from "./store.ts";
 * import { openStore } from "./sqlite.ts";
 * const counts: ImportCounts = openStore(":memory:").importDocuments([]);
 * console.log(counts); // { runs: 0, records: 0, unchanged: 0 }
 * ```
 */
export interface ImportCounts {
  /** Run documents imported. */
  runs: number;
  /** Records written (new to the store). */
  records: number;
  /** Records already in the store with the same content (left as they were). */
  unchanged: number;
}

/** An embedded, crash-safe results store. */
export interface ResultsStore {
  /** Path of the backing file. */
  readonly path: string;
  /** Insert a run header (idempotent for the same runId). */
  beginRun(header: RunHeader): void;
  /** Set a run's finishedAt. */
  finishRun(runId: string, finishedAt: string): void;
  /**
   * Write one result atomically (one transaction); a later result for the same
   * (runId, caseId, seed) replaces an earlier one.
   */
  putResult(result: CaseResult): void;
  /** Runs, newest first. */
  listRuns(query?: RunQuery): RunSummary[];
  /** One run with all its records, or null. */
  getRun(runId: string): RunDocument | null;
  /** Records matching the query, in (runId, caseId, seed) order. */
  results(query?: ResultQuery): CaseResult[];
  /** Keys `${caseId}#${seed}` of completed results of a run (for --resume). */
  completedKeys(runId: string): Set<string>;
  /**
   * Optional: a cheap token that changes whenever the content may have changed, so readers
   * (the dashboard) can skip re-reading an unchanged store.
   */
  revision?(): string;
  /**
   * Import a validated document without replacing anything stored (a record already there
   * must have the same content); returns how many records were written.
   */
  importDocument(doc: RunDocument): { runs: number; records: number; unchanged?: number };
  close(): void;
}
