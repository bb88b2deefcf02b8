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
  /** Import a validated document; returns how many records were written. */
  importDocument(doc: RunDocument): { runs: number; records: number };
  close(): void;
}
