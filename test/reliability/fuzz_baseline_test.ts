/**
 * Property-based fuzzing of the baseline file reader (`readBaseline` in
 * src/core/ci/baseline.ts): mutated valid baselines and arbitrary text give a
 * validated document or a one-line TypeError naming the file and the field.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "./fuzz_runs.ts";
import { readBaseline } from "../../src/core/ci/baseline.ts";
import { makeDocument } from "../fixtures/records.ts";
import { applyMutation, mutation, namesField } from "./mutate.ts";

const SEED = 20260111;
let tries = 0;
let file = "";
Deno.test.beforeAll(async () => {
  file = await Deno.makeTempFile({ prefix: "jepa-baseline-fuzz-", suffix: ".json" });
});
Deno.test.afterAll(async () => {
  await Deno.remove(file);
  console.log(`baseline fuzz: ${tries} inputs`);
});

function baseline() {
  const doc = makeDocument("base-1");
  doc.header.tags = { baseline: "2026-01-01" };
  return doc;
}

const CROSS = new Set(["runId", "caseId", "seed"]);

Deno.test("readBaseline() returns a valid baseline or names the file and the mutated field", async () => {
  assert.notEqual(
    await (async () => {
      await Deno.writeTextFile(file, JSON.stringify(baseline()));
      return await readBaseline(file);
    })(),
    null,
  );
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      tries++;
      const mutated = applyMutation(baseline(), m);
      await Deno.writeTextFile(file, JSON.stringify(mutated.value));
      try {
        const doc = await readBaseline(file);
        assert.ok(doc !== null && typeof doc.header.tags.baseline === "string");
      } catch (e) {
        const err = e as Error;
        assert.ok(err instanceof TypeError, `${err.name}: ${err.message}`);
        assert.ok(!err.message.includes("\n"), "one line");
        assert.ok(err.message.includes(file), err.message);
        const prefix = `baseline "${file}" is not a valid run document`;
        const last = String(mutated.path[mutated.path.length - 1]);
        const named = namesField(err.message, mutated.path, prefix) ||
          (CROSS.has(last) && err.message.startsWith(`${prefix}: records[`)) ||
          // A header field its records must match (seeds, suite, profile, backend).
          (mutated.path[0] === "header" && err.message.startsWith(`${prefix}: records[`) &&
            err.message.includes("the header's ")) ||
          // tags.baseline removed or tags replaced: "is a run document but not a baseline".
          (/not a baseline \(no tags\.baseline\)/.test(err.message) &&
            mutated.path.join(".").startsWith("header.tags"));
        assert.ok(named, `${mutated.op} ${JSON.stringify(mutated.path)}: ${err.message}`);
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(1000) },
  );
});

Deno.test("readBaseline() refuses arbitrary text with a one-line TypeError", async () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 100 }).map((b) => new TextDecoder().decode(b)),
  );
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      tries++;
      await Deno.writeTextFile(file, t);
      try {
        await readBaseline(file);
        assert.fail(`accepted ${JSON.stringify(t)}`);
      } catch (e) {
        const err = e as Error;
        assert.ok(err instanceof TypeError, `${err.name}: ${err.message}`);
        assert.ok(!err.message.includes("\n"), `not one line: ${JSON.stringify(err.message)}`);
        assert.ok(err.message.includes(file));
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(500) },
  );
});
