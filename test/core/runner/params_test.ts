import assert from "node:assert/strict";
import { checkCases, checkParams, paramProblem } from "../../../src/core/runner/params.ts";
import { applyOverrides } from "../../../src/core/runner/config.ts";
import { loadSuite, suiteIds } from "../../../src/suites/registry.ts";

Deno.test("every registered suite declares constraints for the parameters its cases use, and every profile meets them", async () => {
  for (const id of suiteIds()) {
    const suite = await loadSuite(id);
    assert.ok(suite.params !== undefined, `${id} declares params`);
    const declared = new Set(Object.keys(suite.params));
    const numeric = new Set<string>();
    for (const [name, profile] of Object.entries(suite.profiles)) {
      checkCases(suite, name, profile.cases); // throws on a profile that breaks its own rules
      for (const c of profile.cases) {
        for (const [k, v] of Object.entries(c.params)) {
          if (typeof v === "number") numeric.add(k);
        }
      }
    }
    // Every numeric parameter (steps, lambda, evalSize, ...) has a range, except perf's series tag.
    for (const k of numeric) assert.ok(declared.has(k), `${id}: numeric param ${k} is declared`);
  }
});

Deno.test("the probe's overrides are refused up front, naming the field: steps -5 and 30.7, evalSize -1, lambda -1e308, law gennorm(-1), steps 1e308", async () => {
  const suite = await loadSuite("identifiability");
  const cases = suite.profiles.smoke.cases;
  const bad: Array<[Record<string, number | string>, RegExp]> = [
    [{ steps: -5 }, /^overrides\.steps: expected an integer from 1 to 10000000, got -5$/],
    [{ steps: 30.7 }, /^overrides\.steps: expected an integer from 1 to 10000000, got 30\.7$/],
    [{ steps: 1e308 }, /^overrides\.steps: expected an integer from 1 to 10000000, got 1e\+308$/],
    [{ evalSize: -1 }, /^overrides\.evalSize: expected an integer from 10 to 10000000, got -1$/],
    [{ lambda: -1e308 }, /^overrides\.lambda: expected a number from 0 to 1, got -1e\+308$/],
    [
      { law: "gennorm(-1)" },
      /^overrides\.law: law must be "gaussian", "laplace" or "gennorm\(<alpha > 0>\)", got "gennorm\(-1\)"$/,
    ],
    [
      { objective: "nope" },
      /^overrides\.objective: expected a regulariser \(.*sigreg.*\), got "nope"$/,
    ],
    [{ encoder: "rnn" }, /^overrides\.encoder: expected one of mlp, coupling, got "rnn"$/],
  ];
  for (const [overrides, why] of bad) {
    assert.throws(() => applyOverrides(cases, overrides, suite.params), (e: unknown) => {
      assert.ok(e instanceof RangeError, String(e));
      assert.match(e.message, why);
      return true;
    }, JSON.stringify(overrides));
  }
  const ok = applyOverrides(cases, { steps: 200, lambda: 0.5, law: "laplace" }, suite.params);
  assert.ok(ok.every((c) => c.params.steps === 200 && c.params.lambda === 0.5));
});

Deno.test("paramProblem() reads integer, number (open lower end), string and boolean constraints", () => {
  assert.equal(paramProblem({ type: "integer", min: 1, max: 5 }, 5), null);
  assert.equal(
    paramProblem({ type: "integer", min: 1 }, 2 ** 60),
    "expected an integer of at least 1, got 1152921504606847000",
  );
  assert.equal(
    paramProblem({ type: "number", min: 0, max: 1 }, NaN),
    "expected a number from 0 to 1, got NaN",
  );
  assert.equal(
    paramProblem({ type: "number", min: 0, max: 10, minExclusive: true }, 0),
    "expected a number above 0 and at most 10, got 0",
  );
  assert.equal(paramProblem({ type: "number", min: 0, max: 10, minExclusive: true }, 1e-9), null);
  assert.equal(paramProblem({ type: "string", oneOf: ["a"] }, 3), "expected a string, got 3");
  assert.equal(paramProblem({ type: "boolean" }, "yes"), 'expected true or false, got "yes"');
  assert.throws(
    () => checkParams({ k: { type: "integer", min: 0 } }, { k: -1, other: -1 }, "case x: param "),
    /^RangeError: case x: param k: expected an integer of at least 0, got -1$/,
  );
});

Deno.test("runSuite() refuses cases that break the suite's constraints before recording anything", async () => {
  const { runSuite } = await import("../../../src/core/runner/runner.ts");
  const { openStore } = await import("../../../src/core/store/sqlite.ts");
  const { importSuite } = await import("../../../src/core/suite_module.ts");
  const toy = await importSuite(new URL("../../fixtures/toy_suite.ts", import.meta.url));
  const store = openStore(":memory:");
  try {
    await assert.rejects(
      runSuite({
        suite: toy,
        profile: "smoke",
        store,
        handleSignals: false,
        mapCases: (cases) => cases.map((c) => ({ ...c, params: { ...c.params, scale: -1 } })),
      }),
      /^RangeError: suite "toy" profile "smoke" case "fast\/a": param scale: expected a number from 0 to 100, got -1$/,
    );
    assert.equal(store.listRuns().length, 0);
  } finally {
    store.close();
  }
});
