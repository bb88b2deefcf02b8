import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { retryWhileBusy } from "../../../src/core/store/sqlite_file.ts";

/** An error as node:sqlite throws it, with SQLite's result code. */
function sqliteError(errcode: number, message: string): Error {
  return Object.assign(new Error(message), { errcode });
}

Deno.test("retryWhileBusy retries busy and locked answers and returns the eventual result", () => {
  let calls = 0;
  const out = retryWhileBusy(() => {
    calls++;
    if (calls === 1) throw sqliteError(5, "database is locked");
    if (calls === 2) throw sqliteError(6, "database table is locked");
    return "wal";
  }, 2000);
  assert.equal(out, "wal");
  assert.equal(calls, 3);
});

Deno.test("retryWhileBusy throws other errors at once, and a busy error after the time limit", () => {
  let calls = 0;
  assert.throws(() =>
    retryWhileBusy(() => {
      calls++;
      throw sqliteError(26, "file is not a database");
    }, 2000), /not a database/);
  assert.equal(calls, 1, "no retry of a non-busy error");
  const t0 = Date.now();
  assert.throws(() =>
    retryWhileBusy(() => {
      throw sqliteError(5, "database is locked");
    }, 150), /database is locked/);
  const ms = Date.now() - t0;
  assert.ok(ms >= 70 && ms < 2000, `gave up after ${ms} ms`);
});

Deno.test("a switch to WAL waits out another process that holds the new file locked", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-busy-" });
  try {
    const path = `${dir}/r.db`;
    // Another process takes the new file's lock, says so, and keeps it for 400 ms.
    const holder = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `import { DatabaseSync } from "node:sqlite";
         const db = new DatabaseSync(${JSON.stringify(path)});
         db.exec("BEGIN EXCLUSIVE");
         console.log("locked");
         await new Promise((r) => setTimeout(r, 400));
         db.exec("COMMIT");`,
      ],
      stdout: "piped",
    }).spawn();
    const reader = holder.stdout.pipeThrough(new TextDecoderStream()).getReader();
    assert.match((await reader.read()).value ?? "", /locked/);
    const db = new DatabaseSync(path);
    try {
      db.exec("PRAGMA busy_timeout = 0");
      assert.throws(() => db.exec("PRAGMA journal_mode = WAL"), /locked|busy/i, "held now");
      const t0 = Date.now();
      retryWhileBusy(() => db.exec("PRAGMA journal_mode = WAL"), 5000);
      assert.ok(Date.now() - t0 >= 100, "it waited for the holder");
      assert.equal(db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
    } finally {
      db.close();
      reader.releaseLock();
      await holder.stdout.cancel().catch(() => {});
      await holder.status;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
