/**
 * Property-based fuzzing of the run-record importer (`importFile`: read,
 * parse, validate, write in one transaction) with fast-check: mutated valid
 * documents, arbitrary text, and multi-document files with one bad document.
 * No crash, no partial write, and a one-line error naming the field.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "./fuzz_runs.ts";
import { importFile } from "../../src/core/store/io.ts";
import { openStore, type SqliteStore } from "../../src/core/store/sqlite.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import { makeDocument } from "../fixtures/records.ts";
import { applyMutation, mutation, namesField } from "./mutate.ts";

const SEED = 20260108;

/** A valid document with random extra tags, metrics and a curve. */
const validDocument: fc.Arbitrary<RunDocument> = fc.record({
  runId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/),
  tags: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
  metrics: fc.dictionary(
    // Measurement names are non-empty and never "__proto__" (document_rules.ts).
    fc.string({ maxLength: 8 }).filter((k) => k !== "" && k !== "__proto__"),
    fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
    { maxKeys: 3 },
  ),
  curve: fc.array(
    fc.tuple(fc.integer({ min: 0, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    {
      maxLength: 5,
    },
  ),
}).map(({ runId, tags, metrics, curve }) => {
  const doc = makeDocument(runId) as unknown as {
    header: { tags: Record<string, string> };
    records: Array<{ metrics: Record<string, unknown>; curves: Record<string, unknown> }>;
  };
  for (const [k, v] of Object.entries(tags)) {
    Object.defineProperty(doc.header.tags, k, { value: v, enumerable: true, writable: true });
  }
  for (const [k, v] of Object.entries(metrics)) {
    Object.defineProperty(doc.records[0].metrics, k, {
      value: v,
      enumerable: true,
      writable: true,
    });
  }
  doc.records[1].curves = { ...doc.records[1].curves, fuzz: curve };
  return JSON.parse(JSON.stringify(doc)) as RunDocument;
});

function snapshot(store: SqliteStore): string {
  return JSON.stringify(store.listRuns().map((r) => store.getRun(r.header.runId)));
}

function freshStore(): SqliteStore {
  const store = openStore(":memory:");
  store.importDocument(makeDocument("already-there"));
  return store;
}

/** Cross-record rules: a changed runId, caseId or seed may be reported on a sibling record. */
const CROSS = new Set(["runId", "caseId", "seed"]);

let file = "";
let tries = 0;
Deno.test.beforeAll(async () => {
  file = await Deno.makeTempFile({ prefix: "jepa-fuzz-", suffix: ".json" });
});
Deno.test.afterAll(async () => {
  await Deno.remove(file);
  console.log(`importer fuzz: ${tries} inputs`);
});

Deno.test("importFile() accepts or names the mutated field of a document, and writes nothing on error", async () => {
  await fc.assert(
    fc.asyncProperty(validDocument, mutation, async (doc, m) => {
      tries++;
      const mutated = applyMutation(doc, m);
      await Deno.writeTextFile(file, JSON.stringify(mutated.value));
      const store = freshStore();
      const before = snapshot(store);
      try {
        const out = await importFile(store, file);
        const v = mutated.value as RunDocument;
        assert.deepEqual(out, { runs: 1, records: v.records.length, unchanged: 0 });
        assert.equal(store.getRun(v.header.runId)!.records.length, v.records.length);
      } catch (e) {
        const err = e as Error;
        assert.ok(
          err instanceof TypeError || err instanceof SyntaxError,
          `${err.name}: ${err.message}`,
        );
        assert.ok(!err.message.includes("\n"), "one line");
        const last = mutated.path[mutated.path.length - 1];
        const named = namesField(err.message, mutated.path, `"${file}"`) ||
          (CROSS.has(String(last)) && / records\[\d+\](\.runId)?: /.test(err.message)) ||
          // A header field that its records must match: the record that no longer does is named.
          (mutated.path[0] === "header" &&
            / records\[\d+\]\.\w+: expected .*the header's /.test(err.message));
        assert.ok(named, `${mutated.op} ${JSON.stringify(mutated.path)}: ${err.message}`);
        assert.equal(snapshot(store), before, "nothing written");
      } finally {
        store.close();
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(2000) },
  );
});

Deno.test("importFile() refuses arbitrary text with a one-line error and writes nothing", async () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder().decode(b)),
    fc.nat({ max: 200_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
    fc.constantFrom("", "null", "{}", "[null]", "[{}]", '{"schemaVersion":1}', "\ufeff[]"),
  );
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      tries++;
      await Deno.writeTextFile(file, t);
      const store = freshStore();
      const before = snapshot(store);
      try {
        const out = await importFile(store, file);
        assert.deepEqual(
          out,
          { runs: 0, records: 0, unchanged: 0 },
          `accepted ${JSON.stringify(t.slice(0, 80))}`,
        );
      } catch (e) {
        const err = e as Error;
        assert.ok(
          err instanceof TypeError || err instanceof SyntaxError,
          `${err.name}: ${err.message}`,
        );
        assert.ok(!err.message.includes("\n"), "one line");
        assert.ok(err.message.startsWith(`"${file}"`), err.message);
      } finally {
        assert.equal(snapshot(store), before, "nothing written");
        store.close();
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(1000) },
  );
});

Deno.test("importFile() writes all documents of a file or none of them", async () => {
  const batch = fc.uniqueArray(validDocument, {
    minLength: 2,
    maxLength: 4,
    selector: (d) => d.header.runId,
  }).filter((docs) => docs.every((d) => d.header.runId !== "already-there"));
  await fc.assert(
    fc.asyncProperty(batch, fc.nat(), mutation, async (docs, which, m) => {
      tries++;
      const i = which % docs.length;
      const bad = applyMutation(docs[i], m).value;
      const all = docs.map((d, j) => (j === i ? bad : d));
      await Deno.writeTextFile(file, JSON.stringify(all));
      const store = freshStore();
      const before = snapshot(store);
      const ids = docs.map((d) => d.header.runId);
      try {
        await importFile(store, file);
        // Accepted: every document is in (the mutated one may have changed its runId).
        const stored = store.listRuns().length - 1;
        assert.equal(stored, docs.length);
        for (const [j, id] of ids.entries()) if (j !== i) assert.notEqual(store.getRun(id), null);
      } catch (e) {
        const err = e as Error;
        assert.ok(
          err instanceof TypeError || err instanceof SyntaxError,
          `${err.name}: ${err.message}`,
        );
        assert.ok(!err.message.includes("\n"), "one line");
        assert.equal(snapshot(store), before, "nothing written");
        for (const id of ids) assert.equal(store.getRun(id), null);
      } finally {
        store.close();
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(300) },
  );
});
