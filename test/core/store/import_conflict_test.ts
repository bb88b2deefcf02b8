/**
 * Importing into a store never destroys stored records: the same content is a
 * no-op, different content for a stored (run, case, seed) or header is
 * refused with a message naming it, and `asNew` keeps both.
 */
import assert from "node:assert/strict";
import { openStore, type SqliteStore } from "../../../src/core/store/sqlite.ts";
import { importFile, toJson } from "../../../src/core/store/io.ts";
import type { CaseResult, RunDocument } from "../../../src/core/store/record.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";

/** A finished run of 16 records (8 cases x seeds 0, 1) with r2_hz = 0.3627 on every record. */
function sixteen(runId = "r-16"): RunDocument {
  const records: CaseResult[] = [];
  for (let c = 0; c < 8; c++) {
    for (const seed of [0, 1]) {
      records.push(makeCompleted(runId, `case/${c}`, seed, { r2_hz: 0.3627 }));
    }
  }
  const header = makeHeader({ runId, finishedAt: "2026-01-01T00:10:00.000Z" });
  return { schemaVersion: 1, header, records };
}

function snapshot(store: SqliteStore): string {
  return JSON.stringify(store.listRuns().map((r) => store.getRun(r.header.runId)));
}

async function withFile(doc: unknown, fn: (file: string) => Promise<void>): Promise<void> {
  const file = await Deno.makeTempFile({ prefix: "jepa-import-", suffix: ".json" });
  try {
    await Deno.writeTextFile(file, toJson(doc as RunDocument));
    await fn(file);
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("re-importing part of a stored run keeps all 16 records and writes nothing", async () => {
  const store = openStore(":memory:");
  const doc = sixteen();
  store.importDocument(doc);
  const before = snapshot(store);
  const partial = { ...doc, records: doc.records.slice(0, 5) };
  await withFile(partial, async (file) => {
    assert.deepEqual(await importFile(store, file), { runs: 1, records: 0, unchanged: 5 });
  });
  assert.equal(store.getRun("r-16")!.records.length, 16);
  assert.equal(snapshot(store), before);
  store.close();
});

Deno.test("a record with other content for a stored (run, case, seed) is refused, naming it", async () => {
  const store = openStore(":memory:");
  store.importDocument(sixteen());
  const before = snapshot(store);
  const changed = sixteen();
  (changed.records[3] as { metrics: Record<string, number> }).metrics.r2_hz = 1.7e308;
  await withFile(changed, async (file) => {
    await assert.rejects(() => importFile(store, file), {
      message: 'run "r-16" case "case/1" seed 1 is already in store ":memory:" with different ' +
        "content (metrics.r2_hz is 0.3627 in the store, 1.7e+308 in the import); nothing was " +
        "imported (import --as-new stores it under a fresh run id)",
    });
  });
  assert.equal(snapshot(store), before, "nothing written");
  const r = store.results({ runId: "r-16", caseId: "case/1" }).find((x) => x.seed === 1)!;
  assert.equal(r.status === "completed" && r.metrics.r2_hz, 0.3627);
  store.close();
});

Deno.test("a header with other content is refused and the stored results stay", () => {
  const store = openStore(":memory:");
  store.importDocument(sixteen());
  const other = sixteen();
  other.header = { ...other.header, tags: { note: "edited" } };
  assert.throws(
    () => store.importDocument(other),
    /^Error: run "r-16" is already in store ":memory:" with a different header \(header\.tags\.note is nothing in the store, "edited" in the import\)/,
  );
  assert.equal(store.results({ runId: "r-16" }).length, 16);
  assert.deepEqual(store.getRun("r-16")!.header.tags, {});
  store.close();
});

Deno.test("importing the finished copy of a stored unfinished run finishes it and keeps its records", () => {
  const store = openStore(":memory:");
  const doc = sixteen();
  store.beginRun({ ...doc.header, finishedAt: null });
  for (const r of doc.records.slice(0, 10)) store.putResult(r);
  assert.deepEqual(store.importDocument(doc), { runs: 1, records: 6, unchanged: 10 });
  const after = store.getRun("r-16")!;
  assert.equal(after.header.finishedAt, "2026-01-01T00:10:00.000Z");
  assert.equal(after.records.length, 16);
  // An older, unfinished export of the same run changes nothing.
  assert.deepEqual(store.importDocument({ ...doc, header: { ...doc.header, finishedAt: null } }), {
    runs: 1,
    records: 0,
    unchanged: 16,
  });
  assert.equal(store.getRun("r-16")!.header.finishedAt, "2026-01-01T00:10:00.000Z");
  store.close();
});

Deno.test("importFile(..., { asNew: true }) stores a conflicting document beside the stored run", async () => {
  const store = openStore(":memory:");
  store.importDocument(sixteen());
  const changed = sixteen();
  (changed.records[0] as { metrics: Record<string, number> }).metrics.r2_hz = 0.5;
  await withFile(changed, async (file) => {
    assert.deepEqual(await importFile(store, file, { asNew: true }), {
      runs: 1,
      records: 16,
      unchanged: 0,
    });
  });
  const runs = store.listRuns();
  assert.equal(runs.length, 2);
  const fresh = runs.find((r) => r.header.runId !== "r-16")!;
  assert.match(fresh.header.runId, /^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  assert.equal(fresh.header.tags.imported_from, "r-16");
  assert.equal(store.results({ runId: "r-16" }).length, 16);
  const first = store.results({ runId: fresh.header.runId })[0];
  assert.equal(first.status === "completed" && first.metrics.r2_hz, 0.5);
  store.close();
});

Deno.test("putResult() still replaces a failed result of the store's own run (resume)", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "own" }));
  store.putResult(makeFailed("own", "a", 0));
  store.putResult(makeCompleted("own", "a", 0, { score: 2 }));
  const recs = store.results({ runId: "own" });
  assert.equal(recs.length, 1);
  assert.equal(recs[0].status, "completed");
  store.close();
});
