/**
 * Light suite definitions: each registered suite's definition is the suite
 * without its case body, and its module graph loads no tfjs (what the
 * dashboard and `list` read).
 */
import assert from "node:assert/strict";
import {
  definitionModuleUrl,
  loadDefinition,
  loadSuite,
  suiteIds,
} from "../../src/suites/registry.ts";

Deno.test("every registered suite's definition is the suite minus its case body and parameter checks", async () => {
  for (const id of suiteIds()) {
    const d = await loadDefinition(id);
    const s = await loadSuite(id);
    assert.equal("runCase" in d, false, id);
    const { runCase: _r, params: _p, ...rest } = s;
    assert.deepEqual(d, rest, id);
  }
});

Deno.test("no suite definition module imports tfjs or the engine", async () => {
  for (const id of suiteIds()) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", definitionModuleUrl(id)],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const info = JSON.parse(new TextDecoder().decode(out.stdout));
    // The module graph (npm packages appear as npm: specifiers in it when imported).
    const specifiers: string[] = info.modules.map((m: { specifier: string }) => m.specifier);
    assert.ok(specifiers.length > 1, `${id}: deno info listed ${specifiers.length} modules`);
    const heavy = specifiers.filter((s) => /tensorflow|\/core\/engine\/|\/objectives\//.test(s));
    assert.deepEqual(heavy, [], `${id}'s definition loads ${heavy.join(", ")}`);
  }
});
