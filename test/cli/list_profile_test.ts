import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { suite as planning } from "../../src/suites/planning.ts";

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

Deno.test("list --suite --profile shows what the profile will run: seeds, case ids, parameters", async () => {
  const json = await cli(["list", "--suite", "planning", "--profile", "smoke", "--json"]);
  assert.equal(json.code, 0, json.err);
  const doc = JSON.parse(json.out);
  const profile = planning.profiles.smoke;
  assert.deepEqual(doc.seeds, profile.seeds);
  assert.equal(doc.version, planning.version);
  assert.equal(doc.tasks, profile.cases.length * profile.seeds.length);
  assert.deepEqual(doc.cases, profile.cases.map((c) => ({ id: c.id, params: c.params })));

  const text = await cli(["list", "--suite", "planning", "--profile", "smoke"]);
  assert.equal(text.code, 0);
  for (const c of profile.cases) {
    assert.match(text.out, new RegExp(`^${c.id.replace(/[()]/g, "\\$&")} `, "m"));
  }
  assert.match(text.out, new RegExp(`steps=${profile.cases[0].params.steps}\\b`));
});

Deno.test("list --profile names a missing profile and needs exactly one suite", async () => {
  const missing = await cli(["list", "--suite", "planning", "--profile", "nope"]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no profile "nope" \(profiles: smoke, /);
  const two = await cli(["list", "--suite", "planning,identifiability", "--profile", "smoke"]);
  assert.equal(two.code, 2);
  assert.match(two.err, /exactly one --suite/);
});
