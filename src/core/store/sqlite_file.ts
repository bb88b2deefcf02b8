/**
 * Opening the SQLite file behind a store: checks that run before SQLite sees
 * the file (missing, a folder, not SQLite), the read-only open (with the
 * fallback for a store in a read-only folder), and one-line errors that name
 * the store's path and SQLite's real cause.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** SQLite result codes this module tells apart (see sqlite.org/rescode.html). */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

/**
 * The SQLite result code of an error thrown by `node:sqlite`, or null.
 *
 * @example
 * ```ts
 * import { sqliteCode } from "./sqlite_file.ts";
 * console.log(sqliteCode(new Error("x"))); // null
 * ```
 */
export function sqliteCode(e: unknown): number | null {
  const code = (e as { errcode?: unknown })?.errcode;
  return typeof code === "number" ? code & 0xff : null;
}

/**
 * The error for a store that is not a jepa-bench results store.
 *
 * @example
 * ```ts
 * import { notAStore } from "./sqlite_file.ts";
 * console.log(notAStore("x.db", "it is a directory").message);
 * ```
 */
export function notAStore(path: string, why: string): Error {
  return new Error(`store "${path}" is not a jepa-bench results store (${why})`);
}

/**
 * A one-line error for a failed SQLite operation on the store at `path`:
 * what was being done, SQLite's message, and a hint when the file or its
 * folder is read-only.
 *
 * @example
 * ```ts
 * import { storeError } from "./sqlite_file.ts";
 * console.log(storeError("r.db", "could not be written", new Error("disk full")).message);
 * // store "r.db" could not be written (disk full)
 * ```
 */
export function storeError(path: string, doing: string, e: unknown): Error {
  const code = sqliteCode(e);
  const msg = (e as Error).message?.split("\n")[0] ?? String(e);
  if (code === SQLITE_NOTADB) return notAStore(path, `file is not SQLite: ${msg}`);
  const hint = code === SQLITE_READONLY || code === SQLITE_CANTOPEN
    ? "; the file or its folder is read-only, or not accessible"
    : "";
  return new Error(`store "${path}" ${doing} (${msg}${hint})`);
}

/**
 * Whether an error is SQLite's "unable to open" (for example the `-shm` file
 * of a WAL database that cannot be created in a read-only folder).
 *
 * @example
 * ```ts
 * import { isCantOpen } from "./sqlite_file.ts";
 * console.log(isCantOpen(new Error("x"))); // false
 * ```
 */
export function isCantOpen(e: unknown): boolean {
  return sqliteCode(e) === SQLITE_CANTOPEN;
}

/**
 * Open the database file. Read-only opens never create or change the file;
 * `immutable` (for a store in a read-only folder, where SQLite cannot create
 * the WAL index) also skips locking, so it must only be used where nothing
 * can write the store.
 *
 * @example
 * ```ts
 * import { openDatabase } from "./sqlite_file.ts";
 * const db = openDatabase(":memory:", { readOnly: false });
 * db.close();
 * ```
 */
export function openDatabase(
  path: string,
  options: { readOnly: boolean; immutable?: boolean },
): DatabaseSync {
  try {
    if (options.immutable) {
      const uri = `${pathToFileURL(resolve(path)).href}?immutable=1`;
      return new DatabaseSync(uri, { readOnly: true });
    }
    return options.readOnly ? new DatabaseSync(path, { readOnly: true }) : new DatabaseSync(path);
  } catch (e) {
    throw storeError(path, "could not be opened", e);
  }
}

/**
 * For a read-only open: throw a one-line Error when there is no store at
 * `path` (naming the command that creates one) or when it is a folder.
 *
 * @example
 * ```ts
 * import { assertStoreExists } from "./sqlite_file.ts";
 * try {
 *   assertStoreExists("/nonexistent/results.db");
 * } catch (e) {
 *   console.log((e as Error).message); // no store at "/nonexistent/results.db"; ...
 * }
 * ```
 */
export function assertStoreExists(path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `no store at "${path}"; run \`deno task cli run\` first, or give --store <path>`,
      );
    }
    throw new Error(`store "${path}" could not be opened (${(e as Error).message})`);
  }
  if (info.isDirectory) throw notAStore(path, "it is a directory");
}

const SQLITE_MAGIC = "SQLite format 3\0";

/**
 * Reject an existing non-empty file that does not start with the SQLite header.
 *
 * @example
 * ```ts
 * import { assertLooksLikeSqlite } from "./sqlite_file.ts";
 * assertLooksLikeSqlite("/nonexistent/results.db"); // a missing file is fine
 * ```
 */
export function assertLooksLikeSqlite(path: string): void {
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
      if (e instanceof Deno.errors.IsADirectory) throw notAStore(path, "it is a directory");
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

/** A cell nothing ever notifies: `Atomics.wait` on it is a synchronous sleep. */
const PAUSE_CELL = new Int32Array(new SharedArrayBuffer(4));

/**
 * Run `fn`, retrying while SQLite answers busy or locked (result codes 5 and
 * 6, or, where `node:sqlite` gives no code, the message "database is
 * locked"), with a growing pause (10 ms doubling to 200 ms), until
 * `timeoutMs` has passed; then the last error is thrown. Other errors are
 * thrown at once.
 * For steps SQLite's busy timeout does not always cover: switching a new
 * store to WAL while other processes open it too failed at once with
 * "database is locked" on a loaded 2-core machine.
 *
 * @example
 * ```ts
 * import { retryWhileBusy } from "./sqlite_file.ts";
 * const mode = retryWhileBusy(() => "wal", 1000); // "wal"
 * ```
 */
export function retryWhileBusy<T>(fn: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  let pause = 10;
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() + pause > deadline) throw e;
      Atomics.wait(PAUSE_CELL, 0, 0, pause);
      pause = Math.min(200, pause * 2);
    }
  }
}

function isBusy(e: unknown): boolean {
  const code = sqliteCode(e);
  if (code === SQLITE_BUSY || code === SQLITE_LOCKED) return true;
  return code === null &&
    /database (table )?is locked|database is busy/.test(String((e as Error)?.message));
}
