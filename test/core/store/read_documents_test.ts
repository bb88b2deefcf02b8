import assert from "node:assert/strict";
import { listJsonFiles, readRunDocuments, toJson } from "../../../src/core/store/io.ts";
import { makeDocument } from "../../fixtures/records.ts";

Deno.test("readRunDocuments reads one export file or every *.json under a folder, in path order", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-bench-docs-" });
  try {
    await Deno.mkdir(`${dir}/b`);
    await Deno.writeTextFile(`${dir}/b/two.json`, toJson(makeDocument("20260102T000000Z-bbbbbb")));
    await Deno.writeTextFile(`${dir}/a.json`, toJson([makeDocument("20260101T000000Z-aaaaaa")]));
    await Deno.writeTextFile(`${dir}/notes.txt`, "not a run");
    assert.deepEqual(listJsonFiles(dir), [`${dir}/a.json`, `${dir}/b/two.json`]);
    const docs = await readRunDocuments(dir);
    assert.deepEqual(docs.map((d) => d.header.runId), [
      "20260101T000000Z-aaaaaa",
      "20260102T000000Z-bbbbbb",
    ]);
    assert.equal((await readRunDocuments(`${dir}/a.json`)).length, 1);
    await Deno.writeTextFile(`${dir}/b/bad.json`, JSON.stringify({ schemaVersion: 1 }));
    await assert.rejects(readRunDocuments(dir), /bad\.json/);
    await assert.rejects(readRunDocuments(`${dir}/none`), /cannot read ".*none"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
