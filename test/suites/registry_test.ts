import assert from "node:assert/strict";
import { importRegistered, loadSuite, resolveSuite, suiteIds } from "../../src/suites/registry.ts";
import { SUITE_ID_PATTERN } from "../../src/core/store/document_rules.ts";

Deno.test("every registered suite is well formed: unique metrics, cases and seeds, a smoke profile", async () => {
  const ids = suiteIds();
  for (
    const expected of ["identifiability", "generalization", "planning", "regularisers", "perf"]
  ) {
    assert.ok(ids.includes(expected), `${expected} is registered`);
  }
  for (const id of ids) {
    const suite = await loadSuite(id);
    assert.equal(suite.id, id);
    assert.match(suite.id, SUITE_ID_PATTERN, `${id} is a plain suite id`);
    assert.ok(
      Number.isInteger(suite.version) && suite.version >= 1,
      `${id} has an integer version`,
    );
    const names = suite.metrics.map((m) => m.name);
    assert.equal(new Set(names).size, names.length, `${id}: metric names are unique`);
    assert.ok(suite.metrics.some((m) => m.primary), `${id}: at least one primary metric`);
    for (const m of suite.metrics) {
      assert.ok(m.margin >= 0 && Number.isFinite(m.margin), `${id}.${m.name}: margin`);
      assert.ok(m.direction === "higher" || m.direction === "lower", `${id}.${m.name}: direction`);
    }
    assert.ok(suite.profiles.smoke, `${id} has a smoke profile`);
    for (const [name, profile] of Object.entries(suite.profiles)) {
      assert.equal(profile.name, name);
      assert.ok(profile.seeds.length >= 1, `${id}/${name}: seeds`);
      assert.equal(
        new Set(profile.seeds).size,
        profile.seeds.length,
        `${id}/${name}: unique seeds`,
      );
      const caseIds = profile.cases.map((c) => c.id);
      assert.ok(caseIds.length >= 1, `${id}/${name}: cases`);
      assert.equal(new Set(caseIds).size, caseIds.length, `${id}/${name}: unique case ids`);
    }
  }
});

Deno.test("loadSuite() names the known suites when asked for an unknown one", async () => {
  await assert.rejects(
    () => loadSuite("no-such-suite"),
    (e: unknown) => e instanceof RangeError && /identifiability/.test(String(e)),
  );
});

Deno.test("loadSuite() refuses a suite module whose id is not a plain suite id", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-suite-id-" });
  try {
    const file = `${dir}/slash_suite.ts`;
    await Deno.writeTextFile(
      file,
      `export const suite = { id: "team/suite", version: 1, profiles: {}, runCase() {} };\n`,
    );
    await assert.rejects(() => loadSuite(file), {
      name: "RangeError",
      message: `suite module "${file}" has id "team/suite"; a suite id must match ` +
        "^[a-z0-9][a-z0-9_.-]*$",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resolveSuite() gives each registered suite with the module whose import is its literal import", async () => {
  for (const id of suiteIds()) {
    const { suite, module } = await resolveSuite(id);
    assert.equal(suite.id, id);
    assert.match(module, /^file:\/\/.*\/src\/suites\/[a-z_]+\.ts$/);
    // The worker of a source checkout imports the module by URL; a bundled CLI's goes through
    // importRegistered: both must give the very suite the parent read.
    assert.equal(
      ((await import(module)) as { suite: unknown }).suite,
      suite,
      `${id}: import(module)`,
    );
    assert.equal(((await importRegistered(module)) as { suite: unknown }).suite, suite, id);
  }
});

Deno.test("resolveSuite() gives a suite module path with its absolute file URL", async () => {
  const { suite, module } = await resolveSuite("./test/fixtures/toy_suite.ts");
  assert.equal(suite.id, "toy");
  assert.equal(module, new URL("../fixtures/toy_suite.ts", import.meta.url).href);
  assert.equal(((await importRegistered(module)) as { suite: unknown }).suite, suite);
});
