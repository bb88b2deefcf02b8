import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";

async function tempDir(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "jepa-store-" });
}

Deno.test("openStore() creates parent folders and round-trips a run and its records", async () => {
  const dir = await tempDir();
  const path = `${dir}/nested/deeper/results.db`;
  const store = openStore(path);
  const h = makeHeader({ runId: "r1" });
  store.beginRun(h);
  store.beginRun(h); // idempotent
  store.putResult(makeCompleted("r1", "fast/b", 1));
  store.putResult(makeCompleted("r1", "fast/a", 0));
  store.putResult(makeFailed("r1", "nan", 0));
  store.close();

  const again = openStore(path);
  const doc = again.getRun("r1")!;
  assert.equal(doc.header.finishedAt, null);
  assert.deepEqual(doc.records.map((r) => `${r.caseId}#${r.seed}`), [
    "fast/a#0",
    "fast/b#1",
    "nan#0",
  ]);
  assert.deepEqual(doc.records[0], makeCompleted("r1", "fast/a", 0));
  assert.deepEqual([...again.completedKeys("r1")].sort(), ["fast/a#0", "fast/b#1"]);
  again.finishRun("r1", "2026-01-01T01:00:00.000Z");
  assert.equal(again.getRun("r1")!.header.finishedAt, "2026-01-01T01:00:00.000Z");
  assert.deepEqual(again.listRuns()[0].counts, { completed: 2, failed: 1, skipped: 0 });
  again.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("putResult() replaces the earlier result of the same (run, case, seed)", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "r1" }));
  store.putResult(makeFailed("r1", "fast/a", 0));
  store.putResult(makeCompleted("r1", "fast/a", 0, { score: 3 }));
  const recs = store.results({ runId: "r1" });
  assert.equal(recs.length, 1);
  assert.equal(recs[0].status, "completed");
  store.close();
});

Deno.test("putResult() refuses a result whose run was never begun, and invalid records", () => {
  const store = openStore(":memory:");
  assert.throws(() => store.putResult(makeCompleted("nope", "a", 0)), /no run "nope"/);
  store.beginRun(makeHeader({ runId: "r1" }));
  const bad = { ...makeCompleted("r1", "a", 0), seed: -1 };
  assert.throws(() => store.putResult(bad), /result\.seed: expected a number >= 0/);
  assert.equal(store.results().length, 0);
  store.close();
});

Deno.test("non-finite metrics are stored as null and read back as NaN", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "r1" }));
  store.putResult(makeCompleted("r1", "a", 0, { score: NaN, ratio: Infinity, ok: 1 }));
  const r = store.results()[0];
  assert.equal(r.status, "completed");
  if (r.status === "completed") {
    assert.ok(Number.isNaN(r.metrics.score));
    assert.ok(Number.isNaN(r.metrics.ratio));
    assert.equal(r.metrics.ok, 1);
  }
  store.close();
});

Deno.test("listRuns() is newest first and results() filters by suite, status and commit", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "old", startedAt: "2026-01-01T00:00:00.000Z" }));
  store.beginRun(makeHeader({
    runId: "new",
    startedAt: "2026-02-01T00:00:00.000Z",
    suite: { id: "other", version: 2 },
    git: { commit: "feed", dirty: true, branch: null },
  }));
  store.putResult(makeCompleted("old", "a", 0));
  store.putResult(makeFailed("old", "b", 0));
  store.putResult({ ...makeCompleted("new", "a", 0), suite: "other", suiteVersion: 2 });
  assert.deepEqual(store.listRuns().map((r) => r.header.runId), ["new", "old"]);
  assert.deepEqual(store.listRuns({ suite: "toy" }).map((r) => r.header.runId), ["old"]);
  assert.equal(store.results({ status: "failed" }).length, 1);
  assert.equal(store.results({ suite: "other" }).length, 1);
  assert.equal(store.results({ commit: "feed" })[0].runId, "new");
  assert.equal(store.results({ caseId: "a" }).length, 2);
  store.close();
});

Deno.test("beginRun() refuses an existing run id with another configuration", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "r1" }));
  assert.throws(
    () => store.beginRun(makeHeader({ runId: "r1", configHash: "b".repeat(64) })),
    /already exists .* with another configuration/,
  );
  store.close();
});

Deno.test("a file that is not SQLite gives a one-line error naming the store", async () => {
  const dir = await tempDir();
  const path = `${dir}/x.db`;
  await Deno.writeTextFile(path, "this is not a database, just some text that is long enough\n");
  assert.throws(() => openStore(path), {
    message: `store "${path}" is not a jepa-bench results store (file is not SQLite)`,
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("an SQLite database of another application is refused", async () => {
  const dir = await tempDir();
  const path = `${dir}/other.db`;
  const db = new DatabaseSync(path);
  db.exec("CREATE TABLE users (id INTEGER)");
  db.close();
  assert.throws(
    () => openStore(path),
    /is not a jepa-bench results store \(it has no jepa-bench metadata\)/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a corrupt record in the database is reported with its run, case and seed", async () => {
  const dir = await tempDir();
  const path = `${dir}/r.db`;
  const store = openStore(path);
  store.beginRun(makeHeader({ runId: "r1" }));
  store.putResult(makeCompleted("r1", "a", 3));
  store.close();
  const db = new DatabaseSync(path);
  db.exec(`UPDATE results SET record = json_set(record, '$.metrics.score', 'high')`);
  db.close();
  const again = openStore(path);
  assert.throws(
    () => again.getRun("r1"),
    /run r1 case a seed 3 is corrupt \(metrics\.score: expected a number or null, got "high"\)/,
  );
  again.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("two processes writing one store at once lose nothing", async () => {
  const dir = await tempDir();
  const path = `${dir}/shared.db`;
  const store = openStore(path);
  store.beginRun(makeHeader({ runId: "r1" }));
  store.close();
  const script = `
    import { openStore } from ${
    JSON.stringify(new URL("../../../src/core/store/sqlite.ts", import.meta.url).href)
  };
    import { makeCompleted } from ${
    JSON.stringify(new URL("../../fixtures/records.ts", import.meta.url).href)
  };
    const store = openStore(${JSON.stringify(path)});
    const who = Deno.args[0];
    for (let i = 0; i < 60; i++) store.putResult(makeCompleted("r1", who, i));
    store.close();
  `;
  const file = `${dir}/writer.ts`;
  await Deno.writeTextFile(file, script);
  const spawn = (who: string) =>
    new Deno.Command(Deno.execPath(), { args: ["run", "-A", file, who], stderr: "piped" }).output();
  const outs = await Promise.all([spawn("p"), spawn("q")]);
  for (const o of outs) assert.ok(o.success, new TextDecoder().decode(o.stderr));
  const check = openStore(path);
  assert.equal(check.results({ runId: "r1" }).length, 120);
  check.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("revision() changes when this or another connection commits, and not otherwise", async () => {
  const path = `${await tempDir()}/r.db`;
  const reader = openStore(path);
  const writer = openStore(path);
  try {
    const r0 = reader.revision();
    assert.equal(reader.revision(), r0, "an unchanged store keeps its revision");
    const header = makeHeader();
    writer.beginRun(header);
    const r1 = reader.revision();
    assert.notEqual(r1, r0, "a commit by another connection is seen");
    writer.putResult(makeCompleted(header.runId, "a", 0));
    const r2 = reader.revision();
    assert.notEqual(r2, r1);
    reader.finishRun(header.runId, "2026-01-01T00:00:01Z");
    assert.notEqual(reader.revision(), r2, "a commit by this connection is seen");
  } finally {
    reader.close();
    writer.close();
  }
});
