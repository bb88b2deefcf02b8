import assert from "node:assert/strict";
import { canonicalJson } from "../../../src/core/canonical.ts";
import { configHash, expand, parseSeeds } from "../../../src/core/runner/expand.ts";
import { suite } from "../../fixtures/toy_suite.ts";

Deno.test("parseSeeds() reads lists and inclusive ranges", () => {
  assert.deepEqual(parseSeeds("0,1,2"), [0, 1, 2]);
  assert.deepEqual(parseSeeds("0-4"), [0, 1, 2, 3, 4]);
  assert.deepEqual(parseSeeds(" 3-5, 9 ,1"), [3, 4, 5, 9, 1]);
});

Deno.test("parseSeeds() rejects malformed text, descending ranges and duplicates", () => {
  for (const bad of ["", "a", "1,,2", "-1", "1.5", "4-2", "0-3,2", "1e3"]) {
    assert.throws(() => parseSeeds(bad), RangeError, bad);
  }
  assert.throws(() => parseSeeds("4-2"), /range "4-2" is descending/);
});

Deno.test("expand() lists every case x seed once, cases in profile order, seeds inside", () => {
  const { tasks, seeds } = expand(suite, "smoke");
  assert.deepEqual(seeds, [0, 1, 2]);
  assert.equal(tasks.length, 12);
  assert.deepEqual(tasks.slice(0, 4).map((t) => t.key), [
    "fast/a#0",
    "fast/a#1",
    "fast/a#2",
    "nan#0",
  ]);
  assert.deepEqual(tasks.map((t) => t.index), [...Array(12).keys()]);
  const over = expand(suite, "smoke", [7]);
  assert.deepEqual(over.tasks.map((t) => t.key), ["fast/a#7", "nan#7", "fast/b#7", "boom#7"]);
  assert.throws(
    () => expand(suite, "nightly"),
    /unknown profile "nightly" for suite "toy"; known profiles: smoke, slow/,
  );
});

Deno.test("configHash() ignores key order and changes with seeds, backend or cases", async () => {
  assert.equal(canonicalJson({ b: { d: 1, c: 2 }, a: [3] }), '{"a":[3],"b":{"c":2,"d":1}}');
  const cases = suite.profiles.smoke.cases;
  const base = {
    suite: "toy",
    version: 1,
    profile: "smoke",
    cases,
    seeds: [0, 1],
    backend: "wasm",
  };
  const h = await configHash(base);
  assert.match(h, /^[0-9a-f]{64}$/);
  const reordered = cases.map((c) => ({ params: { ...c.params }, id: c.id }));
  assert.equal(await configHash({ ...base, cases: reordered }), h);
  assert.notEqual(await configHash({ ...base, seeds: [0, 2] }), h);
  assert.notEqual(await configHash({ ...base, backend: "cpu" }), h);
  assert.notEqual(await configHash({ ...base, cases: cases.slice(1) }), h);
  assert.notEqual(await configHash({ ...base, version: 2 }), h);
});
