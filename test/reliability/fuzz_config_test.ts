/**
 * Property-based fuzzing of run configuration files (`run --config`):
 * mutated valid configurations, arbitrary text, and random overrides against
 * a profile's cases. Every input is accepted as a well-typed RunConfig or
 * refused with a one-line error naming the field.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "./fuzz_runs.ts";
import { applyOverrides, parseRunConfig } from "../../src/core/runner/config.ts";
import { BACKENDS } from "../../src/core/engine/backends.ts";
import { suite } from "./crash_suite.ts";
import { applyMutation, mutation, namesField } from "./mutate.ts";

const SEED = 20260109;
const VALID = {
  suite: "./test/reliability/crash_suite.ts",
  profile: "quick",
  backend: "wasm",
  seeds: [0, 1, 2],
  jobs: 2,
  overrides: { ms: 5, steps: 3 },
};
let tries = 0;
Deno.test.afterAll(() => console.log(`config fuzz: ${tries} inputs`));

function assertWellTyped(c: ReturnType<typeof parseRunConfig>): void {
  assert.equal(typeof c.suite, "string");
  assert.ok(c.suite.trim() !== "");
  assert.equal(typeof c.profile, "string");
  if (c.backend !== undefined) assert.ok((BACKENDS as readonly string[]).includes(c.backend));
  if (c.seeds !== undefined) {
    assert.ok(c.seeds.length > 0 && c.seeds.every((s) => Number.isSafeInteger(s) && s >= 0));
    assert.equal(new Set(c.seeds).size, c.seeds.length);
  }
  if (c.jobs !== undefined) assert.ok(Number.isInteger(c.jobs) && c.jobs >= 1);
  for (const v of Object.values(c.overrides ?? {})) {
    assert.ok(["string", "boolean"].includes(typeof v) || Number.isFinite(v));
  }
}

Deno.test("parseRunConfig() accepts a well-typed config or names the mutated field", () => {
  fc.assert(
    fc.property(mutation, (m) => {
      tries++;
      const mutated = applyMutation(VALID, m);
      try {
        assertWellTyped(parseRunConfig(JSON.stringify(mutated.value), "quick.json"));
      } catch (e) {
        const err = e as Error;
        assert.ok(
          err instanceof TypeError || err instanceof RangeError,
          `${err.name}: ${err.message}`,
        );
        assert.ok(!err.message.includes("\n"), "one line");
        const named = namesField(err.message, mutated.path, "quick.json") ||
          (mutated.path[0] === "seeds" && err.message.startsWith("quick.json: seeds"));
        assert.ok(named, `${mutated.op} ${JSON.stringify(mutated.path)}: ${err.message}`);
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(1500) },
  );
});

Deno.test("parseRunConfig() refuses arbitrary text with a one-line error", () => {
  const text = fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.record({
      suite: fc.jsonValue({ maxDepth: 1 }),
      profile: fc.jsonValue({ maxDepth: 1 }),
      seeds: fc.oneof(fc.string({ maxLength: 12 }), fc.array(fc.integer({ min: -2, max: 5 }))),
      jobs: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.double()),
    }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );
  fc.assert(
    fc.property(text, (t) => {
      tries++;
      try {
        assertWellTyped(parseRunConfig(t, "c.json"));
      } catch (e) {
        const err = e as Error;
        assert.ok(
          err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError,
          `${err.name}: ${err.message}`,
        );
        assert.ok(!err.message.includes("\n"), "one line");
        assert.match(
          err.message,
          /^c\.json: ((\(config\)|[A-Za-z_$][\w$]*(\[\d+\])?|\[".*"\]): |not valid JSON)/,
        );
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(1500) },
  );
});

Deno.test("applyOverrides() applies known parameters of the right type to every case, or names the override", () => {
  const cases = suite.profiles.quick.cases;
  const overrides = fc.dictionary(
    fc.oneof(fc.constantFrom("ms", "steps", "kind"), fc.string({ maxLength: 6 })),
    fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean()),
    { maxKeys: 3 },
  );
  fc.assert(
    fc.property(overrides, (ov) => {
      tries++;
      try {
        const out = applyOverrides(cases, ov);
        assert.deepEqual(out.map((c) => c.id), cases.map((c) => c.id));
        for (const c of out) for (const [k, v] of Object.entries(ov)) assert.equal(c.params[k], v);
        for (const k of Object.keys(ov)) assert.ok(k === "ms" || k === "steps");
      } catch (e) {
        const err = e as Error;
        assert.ok(err instanceof TypeError || err instanceof RangeError, err.message);
        assert.match(err.message, /^overrides(\.|\[)/);
        const k = Object.keys(ov).find((key) =>
          err.message.includes(JSON.stringify(key).slice(1, -1))
        );
        assert.ok(k !== undefined, err.message);
      }
    }),
    { seed: SEED, numRuns: fuzzRuns(1000) },
  );
});
