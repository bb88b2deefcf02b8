/**
 * The facets every registered suite declares: plain names, each one a
 * parameter its cases have (or the task), and those a reader of the suite
 * asks for (mixing, law, N, planner, case) declared where its cases vary in them.
 */
import assert from "node:assert/strict";
import { facetValue } from "../../src/core/analysis/mod.ts";
import { loadDefinition, suiteIds } from "../../src/suites/registry.ts";

const definitions = await Promise.all(suiteIds().map((id) => loadDefinition(id)));

Deno.test("every registered suite declares facets with unique plain names", () => {
  for (const d of definitions) {
    const names = (d.facets ?? []).map((f) => f.name);
    assert.ok(names.length > 0, `${d.id} declares no facets`);
    assert.equal(new Set(names).size, names.length, `${d.id}: duplicate facet names`);
    for (const n of names) assert.match(n, /^[a-z][a-z0-9_]*$/, `${d.id}: facet name ${n}`);
    assert.ok(names.includes("case"), `${d.id}: no case facet`);
  }
});

Deno.test("each declared facet takes a value in the suite's own cases", () => {
  for (const d of definitions) {
    const cases = Object.values(d.profiles).flatMap((p) => p.cases);
    for (const f of d.facets ?? []) {
      const values = new Set(cases.map((c) => facetValue(f, { caseId: c.id, params: c.params })));
      values.delete(null);
      assert.ok(values.size > 0, `${d.id}: facet ${f.name} (${f.param}) matches no case`);
    }
  }
});

Deno.test("a parameter the cases vary in among mixing, law, dim and planner is a facet", () => {
  for (const d of definitions) {
    const cases = Object.values(d.profiles).flatMap((p) => p.cases);
    const declared = new Set((d.facets ?? []).map((f) => f.param));
    for (const param of ["mixing", "law", "dim", "planner"]) {
      const values = new Set(cases.map((c) => c.params[param]).filter((v) => v !== undefined));
      if (values.size > 1) assert.ok(declared.has(param), `${d.id} varies ${param}: no facet`);
    }
  }
});
