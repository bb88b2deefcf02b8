/**
 * The SQLite results store on `node:sqlite`.
 *
 * One file holds every run: table `runs` (the header as JSON plus indexed
 * columns) and table `results` (one row per (run, case, seed), the record as
 * JSON). The database runs in WAL mode with a busy timeout, so two processes
 * writing one store lose nothing; each write is its own transaction, so an
 * interrupted run loses no completed case. Records read back are validated.
 *
 * Imports never destroy what a store holds: a record already stored with the
 * same content is left as it is, one with other content is refused (see
 * {@link SqliteStore.importDocuments}). A store opened `readOnly` never
 * writes its file (list, show, export, the dashboard).
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { dirname } from "node:path";
import type { CaseResult, RunDocument, RunHeader } from "./record.ts";
import {
  DEFAULT_STORE_PATH,
  type ImportCounts,
  type ResultQuery,
  type ResultsStore,
  type RunQuery,
  type RunSummary,
  type StoreOptions,
} from "./store.ts";
import { validateCaseResult, validateRunDocument, validateRunHeader } from "./validate.ts";
import { APP_ID, CREATE, STORE_SCHEMA_VERSION } from "./sqlite_schema.ts";
import { importResult, importRun, insertRun, jsonCopy, storedHeader } from "./sqlite_rows.ts";
import {
  assertLooksLikeSqlite,
  assertStoreExists,
  isCantOpen,
  notAStore,
  openDatabase,
  retryWhileBusy,
  sqliteCode,
  storeError,
} from "./sqlite_file.ts";

export { STORE_SCHEMA_VERSION } from "./sqlite_schema.ts";

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
  /** Whether this store was opened read-only (see {@link StoreOptions}). */
  readonly readOnly: boolean;
  #db: DatabaseSync;
  #writes = 0;

  /** Open the store at `path` (creating it unless read-only); prefer {@link openStore}. */
  constructor(path: string, options: StoreOptions = {}) {
    if (path === "") throw new TypeError('store path is empty (give a file path, or ":memory:")');
    this.path = path;
    const memory = path === ":memory:";
    this.readOnly = options.readOnly === true && !memory;
    if (!memory) {
      if (this.readOnly) assertStoreExists(path);
      else {
        try {
          Deno.mkdirSync(dirname(path), { recursive: true });
        } catch (e) {
          throw new Error(`store "${path}" could not be created (${(e as Error).message})`);
        }
      }
      assertLooksLikeSqlite(path);
    }
    this.#db = openDatabase(path, { readOnly: this.readOnly });
    try {
      this.#db.exec("PRAGMA busy_timeout = 10000");
      this.#db.exec("PRAGMA foreign_keys = ON");
      this.#init();
    } catch (e) {
      this.#db.close();
      throw e;
    }
  }

  #tables(): string[] {
    return this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
      .map((r) => String(r.name));
  }

  #init(): void {
    let tables: string[];
    try {
      tables = this.#tables();
    } catch (e) {
      if (!(this.readOnly && isCantOpen(e))) throw storeError(this.path, "could not be read", e);
      // A WAL store in a folder this process cannot write, with no -shm file: SQLite cannot
      // create its WAL index there. No writer has it open (a writer keeps -shm), so read the
      // file as immutable.
      this.#db.close();
      this.#db = openDatabase(this.path, { readOnly: true, immutable: true });
      try {
        tables = this.#tables();
      } catch (e2) {
        throw storeError(this.path, "could not be read", e2);
      }
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
    if (this.readOnly) {
      if (tables.length === 0) {
        throw new Error(
          `store "${this.path}" holds no results yet; run \`deno task cli run\` first`,
        );
      }
      return;
    }
    if (this.path !== ":memory:") {
      try {
        // Other processes may be creating the same new store at this moment (see retryWhileBusy).
        retryWhileBusy(() => this.#db.exec("PRAGMA journal_mode = WAL"), 10_000);
      } catch (e) {
        throw storeError(this.path, "could not be written", e);
      }
    }
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
    if (this.readOnly) {
      throw new Error(`store "${this.path}" is open read-only; it cannot be written`);
    }
    try {
      this.#db.exec("BEGIN IMMEDIATE");
    } catch (e) {
      throw storeError(this.path, "could not be written", e);
    }
    try {
      const out = fn();
      this.#db.exec("COMMIT");
      this.#writes++;
      return out;
    } catch (e) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw sqliteCode(e) === null ? e : storeError(this.path, "could not be written", e);
    }
  }

  /** Insert a run header (idempotent for the same runId and configuration). */
  beginRun(header: RunHeader): void {
    validateRunHeader(header, "header");
    this.#transaction(() => {
      const old = storedHeader(this.#db, header.runId);
      if (old === undefined) return insertRun(this.#db, header);
      if (old.configHash !== header.configHash || old.suite.id !== header.suite.id) {
        throw new Error(
          `run "${header.runId}" already exists in store "${this.path}" with another ` +
            `configuration (suite ${old.suite.id}, configHash ${old.configHash.slice(0, 12)})`,
        );
      }
    });
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

  /**
   * Write one result of a run this process is running, in its own transaction; replaces an
   * earlier one for the same key (a failed task retried on `--resume`). Imports go through
   * {@link importDocuments}, which never replaces anything.
   */
  putResult(result: CaseResult): void {
    validateCaseResult(jsonCopy(result), "result");
    this.#transaction(() => {
      const run = this.#db.prepare("SELECT 1 FROM runs WHERE run_id = ?").get(result.runId);
      if (run === undefined) {
        throw new Error(`no run "${result.runId}" in store "${this.path}" (call beginRun first)`);
      }
      this.#db.prepare(
        `INSERT OR REPLACE INTO results (run_id, case_id, seed, status, record)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(result.runId, result.caseId, result.seed, result.status, JSON.stringify(result));
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

  /** Import one validated document in one transaction (see {@link importDocuments}). */
  importDocument(doc: RunDocument): ImportCounts {
    return this.importDocuments([doc]);
  }

  /**
   * Import several documents in ONE transaction (all or nothing), never
   * destroying a stored record. Each is validated first. A run id already in
   * the store must have the same header (a stored unfinished run may get the
   * import's finishedAt); its records are added, a record already stored with
   * the same content is left as it is, and one with other content refuses the
   * whole import with an Error naming the run, case, seed and first differing
   * field.
   */
  importDocuments(docs: RunDocument[]): ImportCounts {
    docs.forEach((d, i) => validateRunDocument(jsonCopy(d), docs.length > 1 ? `[${i}]` : ""));
    return this.#transaction(() => {
      let records = 0, unchanged = 0;
      for (const doc of docs) {
        importRun(this.#db, this.path, doc.header);
        for (const r of doc.records) {
          if (importResult(this.#db, this.path, r)) records++;
          else unchanged++;
        }
      }
      return { runs: docs.length, records, unchanged };
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

/**
 * Open the results store at `path`: creating it when missing (with its parent
 * folders), or with `{ readOnly: true }` only reading an existing one. Throws
 * a one-line Error naming the path when the file is not a jepa-bench store
 * or cannot be opened, a TypeError for an empty path.
 *
 * @example
 * ```ts
 * import { openStore } from "./sqlite.ts";
 * const store = openStore(":memory:");
 * store.close();
 * ```
 */
export function openStore(
  path: string = DEFAULT_STORE_PATH,
  options: StoreOptions = {},
): SqliteStore {
  return new SqliteStore(path, options);
}
