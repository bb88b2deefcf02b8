/**
 * Property-based fuzzing of `submit --validate <file.json>` through the CLI
 * entry point (in process): mutated valid submissions and arbitrary text.
 * Exit code 0 (valid) or 1 with exactly one `error: ` line naming the field;
 * never a crash or a stack trace.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "./fuzz_runs.ts";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { makeDocument } from "../fixtures/records.ts";
import { applyMutation, mutation, namesField } from "./mutate.ts";

const SEED = 20260110;
let tries = 0;
let file = "";
Deno.test.beforeAll(async () => {
  file = await Deno.makeTempFile({ prefix: "jepa-submit-fuzz-", suffix: ".json" });
});
Deno.test.afterAll(async () => {
  await Deno.remove(file);
  console.log(`submit fuzz: ${tries} inputs`);
});

function submission() {
  const doc = makeDocument("sub-1");
  doc.header.tags = { entry: "my regulariser", submitter: "someone", notes: "n" };
  return doc;
}

async function validate(text: string): Promise<{ code: number; out: string; err: string }> {
  await Deno.writeTextFile(file, text);
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(["submit", "--validate", file], io);
  return { code, out, err };
}

/** A changed header suite, record suite or runId may be reported on the other side. */
const CROSS = new Set(["runId", "caseId", "seed", "suite", "suiteVersion", "id", "version"]);

Deno.test("submit --validate accepts a submission or prints one line naming the mutated field", async () => {
  const valid = await validate(JSON.stringify(submission()));
  assert.equal(valid.code, 0, valid.err);
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      tries++;
      const mutated = applyMutation(submission(), m);
      const r = await validate(JSON.stringify(mutated.value));
      if (r.code === 0) {
        assert.match(r.out, /^valid: /);
        assert.equal(r.err, "");
        return;
      }
      assert.equal(r.code, 1, r.err);
      const lines = r.err.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, r.err);
      assert.ok(lines[0].startsWith("error: "));
      const msg = lines[0].slice("error: ".length);
      const last = String(mutated.path[mutated.path.length - 1]);
      const named = namesField(msg, mutated.path) ||
        (CROSS.has(last) && /^(header\.|records\[\d+\])/.test(msg)) ||
        // Removing or emptying every record: "records: a submission needs results".
        (mutated.path[0] === "records" && msg.startsWith("records")) ||
        // A header field its records must match (seeds, profile, backend): the record is named.
        (mutated.path[0] === "header" &&
          /^records\[\d+\]\.\w+: expected .*the header's /.test(msg));
      assert.ok(named, `${mutated.op} ${JSON.stringify(mutated.path)}: ${msg}`);
    }),
    { seed: SEED, numRuns: fuzzRuns(1500) },
  );
});

Deno.test("submit --validate refuses arbitrary text with exit 1 and one error line", async () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 100 }).map((b) => new TextDecoder().decode(b)),
  );
  await fc.assert(
    fc.asyncProperty(text, async (t) => {
      tries++;
      const r = await validate(t);
      assert.equal(r.code, 1, `accepted ${JSON.stringify(t)}`);
      const lines = r.err.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, r.err);
      assert.ok(lines[0].startsWith("error: "), lines[0]);
      assert.doesNotMatch(r.err, /at .*\.(ts|js):\d+:\d+/, "no stack trace");
    }),
    { seed: SEED, numRuns: fuzzRuns(700) },
  );
});
