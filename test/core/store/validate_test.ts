// deno-lint-ignore-file no-explicit-any -- the tests mutate documents structurally
import assert from "node:assert/strict";
import {
  REQUIRED_FIELDS,
  validateCaseResult,
  validateRunDocument,
} from "../../../src/core/store/validate.ts";
import { makeDocument } from "../../fixtures/records.ts";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: unknown };

const schema = JSON.parse(
  await Deno.readTextFile(new URL("../../../src/core/store/record.schema.json", import.meta.url)),
) as Schema;

/** A small JSON Schema 2020-12 interpreter covering the keywords record.schema.json uses. */
function valid(s: Schema, v: Json): boolean {
  if (typeof s.$ref === "string") {
    const name = s.$ref.replace("#/$defs/", "");
    return valid((schema.$defs as Record<string, Schema>)[name], v);
  }
  const typeOf = (x: Json): string[] =>
    x === null
      ? ["null"]
      : Array.isArray(x)
      ? ["array"]
      : typeof x === "number"
      ? (Number.isInteger(x) ? ["number", "integer"] : ["number"])
      : [typeof x];
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!typeOf(v).some((t) => types.includes(t))) return false;
  }
  if ("const" in s && v !== s.const) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(v)) return false;
  if (typeof v === "number" && typeof s.minimum === "number" && v < s.minimum) return false;
  if (typeof v === "string") {
    if (typeof s.minLength === "number" && v.length < s.minLength) return false;
    if (typeof s.pattern === "string" && !new RegExp(s.pattern).test(v)) return false;
    if (s.format === "date-time") {
      const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      if (!iso.test(v) || Number.isNaN(Date.parse(v))) return false;
    }
  }
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => valid(x as Schema, v))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => valid(x as Schema, v)).length !== 1) {
    return false;
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === "number" && v.length < s.minItems) return false;
    if (typeof s.maxItems === "number" && v.length > s.maxItems) return false;
    const prefix = (s.prefixItems ?? []) as Schema[];
    for (let i = 0; i < v.length; i++) {
      const sub = i < prefix.length ? prefix[i] : s.items as Schema | undefined;
      if (sub !== undefined && !valid(sub, v[i])) return false;
    }
  }
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    for (const r of (s.required ?? []) as string[]) if (!(r in v)) return false;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const [k, x] of Object.entries(v)) {
      if (k in props) {
        if (!valid(props[k], x)) return false;
      } else if (s.additionalProperties === false) {
        return false;
      } else if (typeof s.additionalProperties === "object") {
        if (!valid(s.additionalProperties as Schema, x)) return false;
      }
    }
    if (s.unevaluatedProperties === false) {
      const evaluated = new Set(Object.keys(props));
      for (const sub of (s.allOf ?? []) as Schema[]) {
        const target = typeof sub.$ref === "string"
          ? (schema.$defs as Record<string, Schema>)[sub.$ref.replace("#/$defs/", "")]
          : sub;
        for (const k of Object.keys((target.properties ?? {}) as object)) evaluated.add(k);
      }
      if (Object.keys(v).some((k) => !evaluated.has(k))) return false;
    }
  }
  return true;
}

/** null when accepted, else the error message. */
function validatorError(v: Json): string | null {
  try {
    validateRunDocument(structuredClone(v));
    return null;
  } catch (e) {
    assert.ok(e instanceof TypeError, `validator threw ${e}`);
    return e.message;
  }
}

function sampleDocument(): Json {
  const doc = makeDocument() as unknown as { records: Json[] };
  const skipped: Record<string, Json> = {
    ...(doc.records[0] as Record<string, Json>),
    status: "skipped",
    reason: "webgpu only",
    caseId: "gpu-only",
  };
  delete skipped.metrics;
  delete skipped.curves;
  delete skipped.flags;
  doc.records.push(skipped);
  // A non-finite metric as it appears in JSON.
  ((doc.records[1] as Record<string, Json>).metrics as Record<string, Json>).ratio = null;
  return JSON.parse(JSON.stringify(doc));
}

/** Every (path, parent, key) of the document. */
function* nodes(
  v: Json,
  path: string[] = [],
): Generator<[string[], Json[] | Record<string, Json>, string | number]> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      yield [[...path, String(i)], v, i];
      yield* nodes(v[i], [...path, String(i)]);
    }
  } else if (typeof v === "object" && v !== null) {
    for (const k of Object.keys(v)) {
      yield [[...path, k], v, k];
      yield* nodes(v[k], [...path, k]);
    }
  }
}

/** Apply `mutate` to the node at `path` of a fresh copy. */
function mutated(path: string[], mutate: (parent: any, key: string | number) => void): Json {
  const copy = sampleDocument();
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1];
  mutate(parent, Array.isArray(parent) ? Number(last) : last);
  return copy;
}

Deno.test("validateRunDocument() accepts the sample document and decodes null metrics to NaN", () => {
  const doc = sampleDocument();
  assert.equal(valid(schema, doc), true);
  const out = validateRunDocument(doc);
  const r = out.records[1];
  assert.equal(r.status, "completed");
  if (r.status === "completed") assert.ok(Number.isNaN(r.metrics.ratio));
});

Deno.test("validator and record.schema.json agree on every field deletion, addition and retyping", () => {
  const replacements: Json[] = ["x", "", null, -1, 1.5, 0, true, {}, [], "2026-01-01T00:00:00Z"];
  let checked = 0;
  let rejected = 0;
  for (const [path] of nodes(sampleDocument())) {
    const variants: Json[] = [
      mutated(path, (p, k) => Array.isArray(p) ? p.splice(k as number, 1) : delete p[k]),
      ...replacements.map((r) => mutated(path, (p, k) => p[k] = structuredClone(r))),
    ];
    if (!Array.isArray(mutated(path, () => {}))) {
      variants.push(mutated(path, (p, k) => {
        if (typeof p[k] === "object" && p[k] !== null && !Array.isArray(p[k])) p[k].zzUnknown = 1;
      }));
    }
    for (const v of variants) {
      const bySchema = valid(schema, v);
      const error = validatorError(v);
      const byValidator = error === null;
      // Rules the schema cannot express: a record's runId, suite, version, profile and backend
      // equal the header's, and its seed is one of the header's seeds.
      if (bySchema && error !== null && error.includes("the header's ")) continue;
      // Nor this one: one record per (caseId, seed).
      if (bySchema && error !== null && error.includes("already appears in records[")) continue;
      assert.equal(
        byValidator,
        bySchema,
        `disagree at ${path.join(".")}: ${JSON.stringify(v).length}`,
      );
      checked++;
      if (!bySchema) rejected++;
    }
  }
  assert.ok(checked > 500, `only ${checked} variants checked`);
  assert.ok(rejected > 300, `only ${rejected} variants rejected`);
});

Deno.test("REQUIRED_FIELDS lists exactly the schema's required fields", () => {
  const defs = schema.$defs as Record<string, Schema>;
  for (const [name, fields] of Object.entries(REQUIRED_FIELDS)) {
    const s = name === "RunDocument" ? schema : defs[name];
    assert.deepEqual([...(s.required as string[])].sort(), [...fields].sort(), name);
  }
});

Deno.test("validation errors name the field path", () => {
  const doc = sampleDocument() as any;
  doc.records[1].metrics.r2_hz = "high";
  assert.throws(
    () => validateRunDocument(doc),
    {
      name: "TypeError",
      message: 'records[1].metrics.r2_hz: expected a number or null, got "high"',
    },
  );
  const doc2 = sampleDocument() as any;
  delete doc2.header.env.cpu;
  assert.throws(() => validateRunDocument(doc2), { message: "header.env.cpu: is required" });
  const doc3 = sampleDocument() as any;
  doc3.records[2].error.kind = "oops";
  assert.throws(
    () => validateRunDocument(doc3),
    /^TypeError: records\[2\]\.error\.kind: expected one of nan, diverged/,
  );
  const doc4 = sampleDocument() as any;
  doc4.records[0].runId = "other";
  assert.throws(
    () => validateRunDocument(doc4),
    /records\[0\]\.runId: expected "20260101T000000Z-aaaaaa"/,
  );
});

Deno.test("validateCaseResult() rejects a failed record without its error", () => {
  const r = JSON.parse(JSON.stringify(makeDocument().records[2]));
  delete r.error;
  assert.throws(() => validateCaseResult(r, "result"), { message: "result.error: is required" });
});
