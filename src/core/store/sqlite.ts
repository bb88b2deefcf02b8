/**
 * The SQLite results store on `node:sqlite`.
 *
 * One file holds every run: table `runs` (the header as JSON plus indexed
 * columns) and table `results` (one row per (run, case, seed), the record as
 * JSON). The database runs in WAL mode with a busy timeout, so two processes
 * writing one store lose nothing; each write is its own transaction, so an
 * interrupted run loses no completed case. Records read back are validated.
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { dirname } from "node:path";
import type { CaseResult, RunDocument, RunHeader } from "./record.ts";
import {
  DEFAULT_STORE_PATH,
  type ResultQuery,
  type ResultsStore,
  type RunQuery,
  type RunSummary,
} from "./store.ts";
import { validateCaseResult, validateRunDocument, validateRunHeader } from "./validate.ts";

/** Version of the database layout (tables and columns), not of the record. *
 * @example
 * ```ts
 * import { STORE_SCHEMA_VERSION } from "./sqlite.ts";
 * console.log(STORE_SCHEMA_VERSION); // 1
 * ```
 */
export const STORE_SCHEMA_VERSION = 1;
const APP_ID = "jepa-bench";

const CREATE = `
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

/**
 * A {@link ResultsStore} backed by one SQLite file.
 *
 * @example
 * ```ts
 * import { openStore } from "./sqlite.ts";
 * const store = openStore(":memory:");
 * console.log(store.listRuns().length); // 0
 * store.close();
 * ```
 */
export class SqliteStore implements ResultsStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  #writes = 0;

  /** Open (creating when missing) the store at `path`; prefer {@link openStore}. */
  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") {
      Deno.mkdirSync(dirname(path), { recursive: true });
      assertLooksLikeSqlite(path);
    }
    try {
      this.#db = new DatabaseSync(path);
    } catch (e) {
      throw new Error(`store "${path}" could not be opened (${(e as Error).message})`);
    }
    try {
      this.#db.exec("PRAGMA busy_timeout = 10000");
      this.#db.exec("PRAGMA foreign_keys = ON");
      this.#init();
    } catch (e) {
      this.#db.close();
      throw e;
    }
  }

  #init(): void {
    let tables: string[];
    try {
      tables = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
        .map((r) => String(r.name));
    } catch (e) {
      throw notAStore(this.path, `file is not SQLite: ${(e as Error).message}`);
    }
    if (tables.length > 0) {
      if (!tables.includes("meta")) throw notAStore(this.path, "it has no jepa-bench metadata");
      const app = this.#meta("app");
      if (app !== APP_ID) throw notAStore(this.path, `its app id is ${JSON.stringify(app)}`);
      const version = Number(this.#meta("schema_version"));
      if (!(version >= 1 && version <= STORE_SCHEMA_VERSION)) {
        throw new Error(
          `store "${this.path}" has layout version ${this.#meta("schema_version")}; this ` +
            `jepa-bench reads version ${STORE_SCHEMA_VERSION} (upgrade jepa-bench)`,
        );
      }
    }
    if (this.path !== ":memory:") this.#db.exec("PRAGMA journal_mode = WAL");
    this.#transaction(() => {
      this.#db.exec(CREATE);
      this.#db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('app', ?)").run(APP_ID);
      this.#db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)")
        .run(String(STORE_SCHEMA_VERSION));
    });
  }

  #meta(key: string): string | null {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = ?").get(key);
    return row === undefined ? null : String(row.value);
  }

  #transaction<T>(fn: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const out = fn();
      this.#db.exec("COMMIT");
      this.#writes++;
      return out;
    } catch (e) {
      this.#db.exec("ROLLBACK");
      throw e;
    }
  }

  #insertRun(header: RunHeader, replace: boolean): void {
    const existing = this.#db.prepare("SELECT header FROM runs WHERE run_id = ?").get(
      header.runId,
    );
    if (existing !== undefined) {
      const old = JSON.parse(String(existing.header)) as RunHeader;
      if (old.configHash !== header.configHash || old.suite.id !== header.suite.id) {
        throw new Error(
          `run "${header.runId}" already exists in store "${this.path}" with another ` +
            `configuration (suite ${old.suite.id}, configHash ${old.configHash.slice(0, 12)})`,
        );
      }
      if (!replace) return;
    }
    this.#db.prepare(
      `INSERT OR REPLACE INTO runs (run_id, suite, suite_version, profile, backend, config_hash,
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

  #insertResult(r: CaseResult): void {
    this.#db.prepare(
      "INSERT OR REPLACE INTO results (run_id, case_id, seed, status, record) VALUES (?, ?, ?, ?, ?)",
    ).run(r.runId, r.caseId, r.seed, r.status, JSON.stringify(r));
  }

  /** Insert a run header (idempotent for the same runId and configuration). */
  beginRun(header: RunHeader): void {
    validateRunHeader(header, "header");
    this.#transaction(() => this.#insertRun(header, false));
  }

  /** Set a run's finishedAt. */
  finishRun(runId: string, finishedAt: string): void {
    this.#transaction(() => {
      const row = this.#db.prepare("SELECT header FROM runs WHERE run_id = ?").get(runId);
      if (row === undefined) throw new Error(`no run "${runId}" in store "${this.path}"`);
      const header = JSON.parse(String(row.header)) as RunHeader;
      header.finishedAt = finishedAt;
      this.#db.prepare("UPDATE runs SET finished_at = ?, header = ? WHERE run_id = ?")
        .run(finishedAt, JSON.stringify(header), runId);
    });
  }

  /** Write one result in its own transaction; replaces an earlier one for the same key. */
  putResult(result: CaseResult): void {
    validateCaseResult(jsonCopy(result), "result");
    this.#transaction(() => {
      const run = this.#db.prepare("SELECT 1 FROM runs WHERE run_id = ?").get(result.runId);
      if (run === undefined) {
        throw new Error(`no run "${result.runId}" in store "${this.path}" (call beginRun first)`);
      }
      this.#insertResult(result);
    });
  }

  /**
   * A cheap token that changes whenever the store's content may have changed: SQLite's
   * `data_version` (bumped by commits of other connections) plus this connection's own commits.
   */
  revision(): string {
    const row = this.#db.prepare("PRAGMA data_version").get() as { data_version: number };
    return `${row.data_version}:${this.#writes}`;
  }

  /** Runs, newest first, with their per-status counts. */
  listRuns(query: RunQuery = {}): RunSummary[] {
    const { where, args } = runFilter(query, "u");
    const rows = this.#db.prepare(
      `SELECT u.run_id, u.header,
         (SELECT count(*) FROM results r WHERE r.run_id = u.run_id AND r.status = 'completed') AS c,
         (SELECT count(*) FROM results r WHERE r.run_id = u.run_id AND r.status = 'failed') AS f,
         (SELECT count(*) FROM results r WHERE r.run_id = u.run_id AND r.status = 'skipped') AS s
       FROM runs u ${where} ORDER BY u.started_at DESC, u.run_id DESC`,
    ).all(...args);
    return rows.map((row) => ({
      header: this.#header(row.header, String(row.run_id)),
      counts: { completed: Number(row.c), failed: Number(row.f), skipped: Number(row.s) },
    }));
  }

  /** One run with all its records (in caseId, seed order), or null. */
  getRun(runId: string): RunDocument | null {
    const row = this.#db.prepare("SELECT header FROM runs WHERE run_id = ?").get(runId);
    if (row === undefined) return null;
    return {
      schemaVersion: 1,
      header: this.#header(row.header, runId),
      records: this.results({ runId }),
    };
  }

  /** Records matching the query, in (runId, caseId, seed) order. */
  results(query: ResultQuery = {}): CaseResult[] {
    const { where, args } = runFilter(query, "u");
    const extra: string[] = [];
    if (query.runId !== undefined) {
      extra.push("r.run_id = ?");
      args.push(query.runId);
    }
    if (query.status !== undefined) {
      extra.push("r.status = ?");
      args.push(query.status);
    }
    if (query.caseId !== undefined) {
      extra.push("r.case_id = ?");
      args.push(query.caseId);
    }
    if (query.commit !== undefined) {
      extra.push("u.commit_sha = ?");
      args.push(query.commit);
    }
    const all = [where.replace(/^WHERE /, ""), ...extra].filter((s) => s !== "");
    const rows = this.#db.prepare(
      `SELECT r.run_id, r.case_id, r.seed, r.record FROM results r JOIN runs u ON u.run_id = r.run_id
       ${all.length > 0 ? `WHERE ${all.join(" AND ")}` : ""}
       ORDER BY r.run_id, r.case_id, r.seed`,
    ).all(...args);
    return rows.map((row) => {
      const where = `run ${row.run_id} case ${row.case_id} seed ${row.seed}`;
      return this.#parse(row.record, where, (x) => validateCaseResult(x));
    });
  }

  /** Keys `${caseId}#${seed}` of the completed results of a run. */
  completedKeys(runId: string): Set<string> {
    const rows = this.#db.prepare(
      "SELECT case_id, seed FROM results WHERE run_id = ? AND status = 'completed'",
    ).all(runId);
    return new Set(rows.map((r) => `${r.case_id}#${r.seed}`));
  }

  /** Import one validated document in one transaction. */
  importDocument(doc: RunDocument): { runs: number; records: number } {
    return this.importDocuments([doc]);
  }

  /**
   * Import several documents in ONE transaction (all or nothing). Each is
   * validated first; a run id already in the store must have the same
   * configuration, and its header and records are then replaced/merged.
   */
  importDocuments(docs: RunDocument[]): { runs: number; records: number } {
    docs.forEach((d, i) => validateRunDocument(jsonCopy(d), docs.length > 1 ? `[${i}]` : ""));
    return this.#transaction(() => {
      let records = 0;
      for (const doc of docs) {
        this.#insertRun(doc.header, true);
        for (const r of doc.records) {
          this.#insertResult(r);
          records++;
        }
      }
      return { runs: docs.length, records };
    });
  }

  /** Close the database. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #header(json: unknown, runId: string): RunHeader {
    return this.#parse(json, `run ${runId} header`, (x) => validateRunHeader(x));
  }

  #parse<T>(json: unknown, where: string, validate: (x: unknown) => T): T {
    try {
      return validate(JSON.parse(String(json)));
    } catch (e) {
      throw new Error(`store "${this.path}": ${where} is corrupt (${(e as Error).message})`);
    }
  }
}

function runFilter(q: RunQuery, alias: string): { where: string; args: SQLInputValue[] } {
  const parts: string[] = [];
  const args: SQLInputValue[] = [];
  const add = (col: string, v: string | number | undefined) => {
    if (v === undefined) return;
    parts.push(`${alias}.${col} = ?`);
    args.push(v);
  };
  add("suite", q.suite);
  add("suite_version", q.suiteVersion);
  add("profile", q.profile);
  add("backend", q.backend);
  return { where: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", args };
}

/** The value as it will be stored: JSON-encoded (non-finite numbers become null) and parsed. */
function jsonCopy(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

function notAStore(path: string, why: string): Error {
  return new Error(`store "${path}" is not a jepa-bench results store (${why})`);
}

const SQLITE_MAGIC = "SQLite format 3\0";

/** Reject an existing non-empty file that does not start with the SQLite header. */
function assertLooksLikeSqlite(path: string): void {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    if (e instanceof Deno.errors.IsADirectory) throw notAStore(path, "it is a directory");
    throw new Error(`store "${path}" could not be opened (${(e as Error).message})`);
  }
  try {
    const buf = new Uint8Array(16);
    let n: number;
    try {
      n = file.readSync(buf) ?? 0;
    } catch (e) {
      throw notAStore(path, `it could not be read: ${(e as Error).message}`);
    }
    if (n === 0) return;
    if (n < 16 || new TextDecoder().decode(buf) !== SQLITE_MAGIC) {
      throw notAStore(path, "file is not SQLite");
    }
  } finally {
    file.close();
  }
}

/**
 * Open (creating when missing, with its parent folders) the results store at
 * `path`. Throws a one-line Error when the file is not a jepa-bench store.
 *
 * @example
 * ```ts
 * import { openStore } from "./sqlite.ts";
 * const store = openStore(":memory:");
 * store.close();
 * ```
 */
export function openStore(path: string = DEFAULT_STORE_PATH): SqliteStore {
  return new SqliteStore(path);
}
