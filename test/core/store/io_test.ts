import assert from "node:assert/strict";
import { openStore } from "../../../src/core/store/sqlite.ts";
import {
  exportRuns,
  importFile,
  parseExport,
  toJson,
  writeExport,
} from "../../../src/core/store/io.ts";
import { makeCompleted, makeDocument, makeHeader } from "../../fixtures/records.ts";

Deno.test("exportRuns() then importFile() into a fresh store round-trips every run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-io-" });
  const a = openStore(`${dir}/a.db`);
  a.importDocument(makeDocument("r1"));
  a.beginRun(makeHeader({ runId: "r2", startedAt: "2026-03-01T00:00:00.000Z" }));
  a.putResult(makeCompleted("r2", "x", 1, { score: NaN, loss: 0.25 }));
  a.finishRun("r2", "2026-03-01T00:10:00.000Z");
  const docs = exportRuns(a);
  assert.deepEqual(docs.map((d) => d.header.runId), ["r1", "r2"]);
  await writeExport(`${dir}/out/all.json`, docs);
  const text = await Deno.readTextFile(`${dir}/out/all.json`);
  assert.match(text, /"score": null/);

  const b = openStore(`${dir}/b.db`);
  assert.deepEqual(await importFile(b, `${dir}/out/all.json`), {
    runs: 2,
    records: 4,
    unchanged: 0,
  });
  assert.deepEqual(exportRuns(b), docs);
  assert.deepEqual(exportRuns(b, { runId: "r2" }), [docs[1]]);
  a.close();
  b.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("importFile() of a corrupt file writes nothing and names the bad field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-io-" });
  const good = makeDocument("r1");
  const bad = JSON.parse(toJson(makeDocument("r2")));
  bad.records[1].metrics.score = "0.9";
  await Deno.writeTextFile(`${dir}/bad.json`, JSON.stringify([good, bad]));
  const store = openStore(`${dir}/s.db`);
  await assert.rejects(
    () => importFile(store, `${dir}/bad.json`),
    {
      name: "TypeError",
      message:
        `"${dir}/bad.json": [1].records[1].metrics.score: expected a number or null, got "0.9"`,
    },
  );
  assert.equal(store.listRuns().length, 0);
  assert.equal(store.results().length, 0);

  await Deno.writeTextFile(`${dir}/trunc.json`, toJson(good).slice(0, 200));
  await assert.rejects(
    () => importFile(store, `${dir}/trunc.json`),
    /trunc\.json" is not valid JSON/,
  );
  assert.equal(store.listRuns().length, 0);
  store.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("parseExport() accepts one document or an array and rejects a repeated run id", () => {
  const doc = makeDocument("r1");
  assert.equal(parseExport(toJson(doc)).length, 1);
  assert.equal(parseExport(toJson([doc, makeDocument("r2")])).length, 2);
  assert.throws(
    () => parseExport(toJson([doc, doc])),
    /\[1\]\.header\.runId: run "r1" appears twice/,
  );
});

Deno.test("importDocuments() is all or nothing when a run id clashes with another configuration", () => {
  const store = openStore(":memory:");
  store.beginRun(makeHeader({ runId: "r2", configHash: "c".repeat(64) }));
  assert.throws(
    () => store.importDocuments([makeDocument("r1"), makeDocument("r2")]),
    /run "r2" is already in store ":memory:" with a different header \(header\.configHash is /,
  );
  assert.deepEqual(store.listRuns().map((r) => r.header.runId), ["r2"]);
  assert.equal(store.results().length, 0);
  store.close();
});
