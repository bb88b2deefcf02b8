/**
 * Row-level writes of the SQLite store that must never destroy stored data:
 * inserting a new run header, and importing a header or a record (new:
 * inserted; identical: left as it is; different: refused). Each runs inside
 * the caller's transaction.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { CaseResult, RunHeader } from "./record.ts";
import { describeDifference, firstDifference } from "./conflicts.ts";

const REFUSED = "nothing was imported (import --as-new stores it under a fresh run id)";

/**
 * The value as it will be stored: JSON-encoded (non-finite numbers become null) and parsed.
 *
 * @example
 * ```ts
 * import { jsonCopy } from "./sqlite_rows.ts";
 * console.log(jsonCopy({ a: NaN })); // { a: null }
 * ```
 */
export function jsonCopy(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

/**
 * The stored header of a run, or undefined.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { storedHeader } from "./sqlite_rows.ts";
 * declare const db: DatabaseSync;
 * console.log(storedHeader(db, "r1")?.suite.id);
 * ```
 */
export function storedHeader(db: DatabaseSync, runId: string): RunHeader | undefined {
  const row = db.prepare("SELECT header FROM runs WHERE run_id = ?").get(runId);
  return row === undefined ? undefined : JSON.parse(String(row.header)) as RunHeader;
}

/**
 * Insert a new run header; never replaces a stored one (that would delete its results).
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { insertRun } from "./sqlite_rows.ts";
 * import type { RunHeader } from "./record.ts";
 * declare const db: DatabaseSync, header: RunHeader;
 * insertRun(db, header);
 * ```
 */
export function insertRun(db: DatabaseSync, header: RunHeader): void {
  db.prepare(
    `INSERT INTO runs (run_id, suite, suite_version, profile, backend, config_hash,
      commit_sha, started_at, finished_at, header) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    header.runId,
    header.suite.id,
    header.suite.version,
    header.profile,
    header.env.backend,
    header.configHash,
    header.git.commit,
    header.startedAt,
    header.finishedAt,
    JSON.stringify(header),
  );
}

/**
 * Import a header: a new run is inserted; the same header is a no-op (an
 * unfinished copy of a finished stored run too); a stored unfinished run gets
 * the import's finishedAt (an UPDATE, which keeps its results). Any other
 * difference throws an Error naming the run and the first differing field.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { importRun } from "./sqlite_rows.ts";
 * import type { RunHeader } from "./record.ts";
 * declare const db: DatabaseSync, header: RunHeader;
 * importRun(db, "results.db", header);
 * ```
 */
export function importRun(db: DatabaseSync, path: string, header: RunHeader): void {
  const old = storedHeader(db, header.runId);
  if (old === undefined) return insertRun(db, header);
  const incoming = jsonCopy(header) as RunHeader;
  const diff = firstDifference({ ...old, finishedAt: null }, { ...incoming, finishedAt: null });
  if (diff === null && (incoming.finishedAt === old.finishedAt || incoming.finishedAt === null)) {
    return;
  }
  if (diff === null && old.finishedAt === null) {
    db.prepare("UPDATE runs SET finished_at = ?, header = ? WHERE run_id = ?").run(
      incoming.finishedAt,
      JSON.stringify({ ...old, finishedAt: incoming.finishedAt }),
      old.runId,
    );
    return;
  }
  const d = diff ?? { path: "finishedAt", stored: old.finishedAt, incoming: incoming.finishedAt };
  throw new Error(
    `run ${JSON.stringify(header.runId)} is already in store "${path}" with a different ` +
      `header (header.${describeDifference(d)}); ${REFUSED}`,
  );
}

/**
 * Import a record: a new (run, case, seed) is inserted (returns true); a
 * stored record with the same content is left as it is (returns false); one
 * with other content throws an Error naming the run, case, seed and the first
 * differing field.
 *
 * @example
 * ```ts
 * import { DatabaseSync } from "node:sqlite";
 * import { importResult } from "./sqlite_rows.ts";
 * import type { CaseResult } from "./record.ts";
 * declare const db: DatabaseSync, record: CaseResult;
 * const wasNew = importResult(db, "results.db", record);
 * ```
 */
export function importResult(db: DatabaseSync, path: string, r: CaseResult): boolean {
  const row = db.prepare(
    "SELECT record FROM results WHERE run_id = ? AND case_id = ? AND seed = ?",
  ).get(r.runId, r.caseId, r.seed);
  if (row === undefined) {
    db.prepare(
      "INSERT INTO results (run_id, case_id, seed, status, record) VALUES (?, ?, ?, ?, ?)",
    ).run(r.runId, r.caseId, r.seed, r.status, JSON.stringify(r));
    return true;
  }
  const diff = firstDifference(JSON.parse(String(row.record)), jsonCopy(r));
  if (diff === null) return false;
  throw new Error(
    `run ${JSON.stringify(r.runId)} case ${JSON.stringify(r.caseId)} seed ${r.seed} is already ` +
      `in store "${path}" with different content (${describeDifference(diff)}); ${REFUSED}`,
  );
}
