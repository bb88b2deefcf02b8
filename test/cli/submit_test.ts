import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { HOSTILE_NAME, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";

const submissions = makeFixtureRuns({ commits: 1 }).filter((d) => d.header.tags.submitter);

function io(): CliIo & { text: () => string; errors: () => string } {
  let out = "", err = "";
  return {
    out: (t) => out += t,
    err: (t) => err += t,
    errIsTty: false,
    text: () => out,
    errors: () => err,
  };
}

async function validate(doc: unknown): Promise<{ code: number; out: string; err: string }> {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "submission.json");
  await Deno.writeTextFile(file, JSON.stringify(doc));
  const t = io();
  const code = await main(["submit", "--validate", file], t);
  await Deno.remove(dir, { recursive: true });
  return { code, out: t.text(), err: t.errors() };
}

Deno.test("submit --validate accepts a well-formed submission", async () => {
  const r = await validate(submissions[0]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /^valid: "moment-match-k4" by "a.researcher" for identifiability v2: 18 records \(18 completed\)/,
  );
});

Deno.test("submit --validate accepts a hostile name as data and prints it quoted", async () => {
  const r = await validate(submissions[1]);
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.includes(JSON.stringify(HOSTILE_NAME)));
});

Deno.test("submit --validate names the bad field", async () => {
  const cases: [(d: typeof submissions[0]) => void, RegExp][] = [
    [
      (d) => delete (d.header.tags as Record<string, string>).submitter,
      /header\.tags\.submitter: is required/,
    ],
    [(d) => d.header.tags.verified = "ci", /header\.tags\.verified: a submission may not claim/],
    [(d) => (d.records[3] as unknown as Record<string, unknown>).seed = "x", /records\[3\]\.seed/],
    [
      (d) => d.records[0].suiteVersion = 1,
      /records\[0\]\.suiteVersion: expected 2 \(the header's suite\.version\), got 1/,
    ],
    [(d) => d.records.length = 0, /records: a submission needs results/],
  ];
  for (const [spoil, message] of cases) {
    const doc = structuredClone(submissions[0]);
    spoil(doc);
    const r = await validate(doc);
    assert.equal(r.code, 1);
    assert.match(r.err, message);
  }
  const t = io();
  assert.equal(await main(["submit"], t), 2);
  assert.match(t.errors(), /missing --validate/);
});
