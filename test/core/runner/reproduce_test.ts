import assert from "node:assert/strict";
import { formatSeeds, reproduction, shellQuote } from "../../../src/core/runner/reproduce.ts";
import { parseSeeds } from "../../../src/core/runner/expand.ts";
import { validateRunConfig } from "../../../src/core/runner/config.ts";
import type { RunHeader } from "../../../src/core/store/record.ts";
import { makeHeader } from "../../fixtures/records.ts";

function header(over: Partial<RunHeader> = {}, tags: Record<string, string> = {}): RunHeader {
  return makeHeader({
    runId: "2026-01-05T09-00-00-abc",
    suite: { id: "identifiability", version: 3 },
    seeds: [0, 1, 2],
    git: { commit: "1a2b3c4d5e6f", dirty: false, branch: "main" },
    tags,
    ...over,
  });
}

/** Undo shellQuote for the one-quoted-word form it writes. */
function unquote(word: string): string {
  return word.startsWith("'") ? word.slice(1, -1).replaceAll(`'\\''`, "'") : word;
}

Deno.test("a plain run's command checks out its commit and runs its suite, profile, backend and seeds", () => {
  const r = reproduction(header());
  assert.equal(
    r.command,
    "git checkout 1a2b3c4d5e6f && npx -y deno@2.9.6 task cli run --suite identifiability " +
      "--profile smoke --backend wasm --seeds 0-2",
  );
  assert.deepEqual(r.caveats, []);
  const cpu = reproduction(header({
    seeds: [4, 0, 1],
    env: { ...header().env, backend: "cpu", deno: "2.5.1" },
  }));
  assert.match(cpu.command!, /deno@2\.5\.1 task cli run .* --backend cpu --seeds 4,0,1$/);
});

Deno.test("seed lists round-trip through run --seeds", () => {
  for (
    const seeds of [[0], [0, 1], [0, 1, 2, 3, 4], [5, 6, 7, 1, 3, 4], [9, 8, 7], [0, 2, 3, 4, 10]]
  ) {
    assert.deepEqual(parseSeeds(formatSeeds(seeds)), seeds, formatSeeds(seeds));
  }
  assert.equal(formatSeeds([0, 1, 2, 3, 7, 9, 10]), "0-3,7,9,10");
});

Deno.test("recorded overrides become a --config file the command writes first, which run accepts", () => {
  const overrides = { steps: 200, law: "gennorm(0.5)", note: "it's" };
  const r = reproduction(header({}, { overrides: JSON.stringify(overrides), shard: "2/4" }));
  const [checkout, write, run] = r.command!.split(" && ");
  assert.equal(checkout, "git checkout 1a2b3c4d5e6f");
  const m = /^printf '%s\\n' ('(?:[^']|'\\'')*') > reproduce-config\.json$/.exec(write);
  assert.ok(m, write);
  const config = validateRunConfig(JSON.parse(unquote(m[1])));
  assert.deepEqual(config, { suite: "identifiability", profile: "smoke", overrides });
  assert.match(run, / --config reproduce-config\.json --shard 2\/4$/);
});

Deno.test("what the command cannot reproduce is said, and an imported run gets no command", () => {
  const dirty = reproduction(header({ git: { commit: null, dirty: true, branch: null } }));
  assert.ok(
    dirty.command!.startsWith("npx -y deno@2.9.6 task cli run"),
    "no checkout without a commit",
  );
  assert.equal(dirty.caveats.length, 2);
  const byo = reproduction(header({}, {
    regulariser: "mine",
    regulariser_module: "./my reg.ts",
    regulariser_hash: "abcd",
  }));
  assert.match(byo.command!, / --regulariser '\.\/my reg\.ts'$/);
  assert.match(byo.caveats.join(), /my reg\.ts with sha-256 abcd/);
  const imported = reproduction(header({ env: { ...header().env, backend: "external" } }));
  assert.equal(imported.command, null);
  assert.match(imported.caveats[0], /external/);
  const bad = reproduction(header({}, { overrides: "[1]" }));
  assert.ok(!bad.command!.includes("--config"));
  assert.equal(bad.caveats.length, 1);
});

Deno.test("hostile ids are quoted so the shell sees one word", () => {
  assert.equal(shellQuote("a b"), "'a b'");
  assert.equal(shellQuote("$(rm -rf ~)"), "'$(rm -rf ~)'");
  assert.equal(unquote(shellQuote("x'; echo pwned; '")), "x'; echo pwned; '");
  const r = reproduction(header({ suite: { id: "evil; rm -rf /", version: 1 } }));
  assert.match(r.command!, / --suite 'evil; rm -rf \/' /);
});

Deno.test("every flag of the command is one that run declares", async () => {
  const { RUN_HELP } = await import("../../../src/cli/run.ts");
  const r = reproduction(header({}, {
    overrides: '{"steps":5}',
    shard: "1/2",
    regulariser_module: "./r.ts",
  }));
  const flags = [...r.command!.matchAll(/ (--[a-z-]+)/g)].map((m) => m[1]);
  assert.equal(flags.length, 7);
  for (const f of flags) assert.match(RUN_HELP, new RegExp(`\\n  ${f} `), f);
});
