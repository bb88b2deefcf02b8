/**
 * The layout of the SQLite results store: its tables, indexes and version.
 *
 * @module
 */

/** Version of the database layout (tables and columns), not of the record. *
 * @example
 * ```ts
 * import { STORE_SCHEMA_VERSION } from "./sqlite_schema.ts";
 * console.log(STORE_SCHEMA_VERSION); // 1
 * ```
 */
export const STORE_SCHEMA_VERSION = 1;
/**
 * The `app` value in the `meta` table of every jepa-bench store.
 *
 * @example
 * ```ts
 * import { APP_ID } from "./sqlite_schema.ts";
 * console.log(APP_ID); // "jepa-bench"
 * ```
 */
export const APP_ID = "jepa-bench";

/**
 * The tables and indexes, as SQL (each created when missing).
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { CREATE } from "./sqlite_schema.ts";
 * new DatabaseSync(":memory:").exec(CREATE);
 * ```
 */
export const CREATE = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY,
  suite TEXT NOT NULL,
  suite_version INTEGER NOT NULL,
  profile TEXT NOT NULL,
  backend TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  commit_sha TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  header TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_suite ON runs (suite, suite_version, profile, backend);
CREATE INDEX IF NOT EXISTS runs_by_commit ON runs (commit_sha);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_at);
CREATE TABLE IF NOT EXISTS results (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  case_id TEXT NOT NULL,
  seed INTEGER NOT NULL,
  status TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (run_id, case_id, seed)
);
CREATE INDEX IF NOT EXISTS results_by_case ON results (case_id, status);
`;
