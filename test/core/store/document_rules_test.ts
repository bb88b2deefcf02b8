/**
 * The document rules of an import: records belong to their header's suite and
 * seeds, backends and suite ids are known shapes, and measurement names are
 * non-empty and never `__proto__`. Each is a one-line TypeError naming the
 * field, and an import that breaks one writes nothing.
 */
import assert from "node:assert/strict";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { parseExport, toJson } from "../../../src/core/store/io.ts";
import { validateRunDocument } from "../../../src/core/store/validate.ts";
import { BACKENDS } from "../../../src/core/engine/backends.ts";
import { RECORD_BACKENDS } from "../../../src/core/store/document_rules.ts";
import { makeDocument } from "../../fixtures/records.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** The error validateRunDocument gives for the document after `edit`, as JSON text. */
function errorOf(edit: (doc: Json) => void): string {
  const doc = JSON.parse(toJson(makeDocument("r1")));
  edit(doc);
  // Through JSON text, so "__proto__" is an own key as in a real file.
  const text = JSON.stringify(doc).replace('"proto_key"', '"__proto__"');
  try {
    parseExport(text);
  } catch (e) {
    assert.ok(e instanceof TypeError, String(e));
    assert.ok(!e.message.includes("\n"), "one line");
    return e.message;
  }
  return "(accepted)";
}

Deno.test("a record whose suite differs from the header's is refused", () => {
  assert.equal(
    errorOf((d) => d.records[1].suite = "planning"),
    `records[1].suite: expected "toy" (the header's suite.id), got "planning"`,
  );
  assert.equal(
    errorOf((d) => d.records[0].suiteVersion = 2),
    `records[0].suiteVersion: expected 1 (the header's suite.version), got 2`,
  );
  assert.equal(
    errorOf((d) => d.records[2].profile = "paper"),
    `records[2].profile: expected "smoke" (the header's profile), got "paper"`,
  );
});

Deno.test("a record whose seed is not one of the header's seeds is refused", () => {
  assert.equal(
    errorOf((d) => d.records[2].seed = 7),
    "records[2].seed: expected one of the header's seeds (0, 1), got 7",
  );
});

Deno.test("an unknown backend is refused in the header and in a record", () => {
  assert.equal(
    errorOf((d) => d.header.env.backend = "quantum"),
    `header.env.backend: expected one of ${RECORD_BACKENDS.join(", ")}, got "quantum"`,
  );
  assert.equal(
    errorOf((d) => d.records[0].backend = "quantum"),
    `records[0].backend: expected "wasm" (the header's env.backend), got "quantum"`,
  );
});

Deno.test("empty and __proto__ metric, curve, flag and param names are refused", () => {
  assert.equal(
    errorOf((d) => d.records[0].metrics[""] = 1),
    `records[0].metrics[""]: expected a non-empty name`,
  );
  assert.equal(
    errorOf((d) => d.records[1].metrics.proto_key = 1),
    `records[1].metrics.__proto__: "__proto__" is not allowed as a name`,
  );
  assert.equal(
    errorOf((d) => d.records[0].curves.proto_key = [[1, 2]]),
    `records[0].curves.__proto__: "__proto__" is not allowed as a name`,
  );
  assert.equal(
    errorOf((d) => d.records[0].flags[""] = true),
    `records[0].flags[""]: expected a non-empty name`,
  );
  assert.equal(
    errorOf((d) => d.records[2].params.proto_key = 1),
    `records[2].params.__proto__: "__proto__" is not allowed as a name`,
  );
});

Deno.test("a suite id that is not safe in a URL path or file name is refused", () => {
  for (const id of ["a/b", "../x", "Identifiability", "", "-x", "a b"]) {
    const msg = errorOf((d) => {
      d.header.suite.id = id;
      for (const r of d.records) r.suite = id;
    });
    assert.match(msg, /^header\.suite\.id: expected /, `${JSON.stringify(id)}: ${msg}`);
  }
  for (const id of ["identifiability", "my-suite.v2", "regularisers_2"]) {
    const msg = errorOf((d) => {
      d.header.suite.id = id;
      for (const r of d.records) r.suite = id;
    });
    assert.equal(msg, "(accepted)", id);
  }
});

Deno.test("importDocuments() of a document breaking a rule writes nothing", () => {
  const store = openStore(":memory:");
  const doc = JSON.parse(toJson(makeDocument("r1")));
  doc.records[2].seed = 9;
  assert.throws(
    () => store.importDocuments([makeDocument("ok"), doc]),
    /\[1\]\.records\[2\]\.seed/,
  );
  assert.equal(store.listRuns().length, 0);
  store.close();
});

Deno.test("the schema's backend list is backends.ts's and \"external\"", async () => {
  const schema = JSON.parse(
    await Deno.readTextFile(new URL("../../../src/core/store/record.schema.json", import.meta.url)),
  );
  assert.deepEqual(schema.$defs.backend.enum, [...BACKENDS, "external"]);
  assert.deepEqual(schema.$defs.backend.enum, RECORD_BACKENDS);
  assert.equal(validateRunDocument(makeDocument("r1")).records.length, 3);
});
