import assert from "node:assert/strict";
import { checkUserRegulariser } from "../../../src/core/runner/regulariser_check.ts";
import { main } from "../../../src/cli.ts";
import type { CliIo } from "../../../src/cli/common.ts";

const GOOD = `import * as tf from "@tensorflow/tfjs";
export const regulariser = {
  name: "l2pull",
  description: "mean squared norm minus one, squared",
  defaultLambda: 0.25,
  apply: (h, _ctx) => tf.square(tf.sub(tf.mean(tf.sum(tf.square(h), 1)), 1)),
};
`;
/** The check's time limit in the tests that hit it (the worker's tfjs start is outside it). */
const LIMIT_S = 2;

async function withModule(text: string, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "jepa-reg-check-" });
  try {
    const path = `${dir}/reg.ts`;
    await Deno.writeTextFile(path, text);
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Assert that checking `text` fails within the limit with a one-line message matching `why`. */
async function assertBounded(text: string, why: RegExp): Promise<void> {
  await withModule(text, async (path) => {
    const t0 = performance.now();
    await assert.rejects(checkUserRegulariser(path, LIMIT_S), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.ok(e.message.startsWith(`regulariser module "${path}": `), e.message);
      assert.ok(!e.message.includes("\n"), "one line");
      assert.match(e.message, why);
      return true;
    });
    const s = (performance.now() - t0) / 1000;
    assert.ok(s >= LIMIT_S && s < LIMIT_S + 60, `took ${s.toFixed(1)} s`);
  });
}

Deno.test("a good user module is checked in a worker process and described by name, weight and hash", async () => {
  await withModule(GOOD, async (path) => {
    const facts = await checkUserRegulariser(path, 60);
    assert.match(facts.name, /^user:l2pull@[0-9a-f]{12}$/);
    assert.equal(facts.moduleName, "l2pull");
    assert.equal(facts.defaultLambda, 0.25);
    assert.equal(facts.path, path);
    assert.equal(facts.name, `user:l2pull@${facts.hash}`);
  });
});

Deno.test("an endless loop at import is stopped at the time limit with a one-line error", async () => {
  await assertBounded(
    "while (true) { /* never loads */ }\nexport const regulariser = {};\n",
    new RegExp(
      `took longer than ${LIMIT_S} s \\(an endless loop at import or in apply\\(\\)\\?\\)`,
    ),
  );
});

Deno.test("an endless loop in apply() during the probe is stopped at the time limit", async () => {
  await assertBounded(
    `export const regulariser = { name: "spin", description: "", defaultLambda: 0.1, ` +
      `apply: () => { while (true) { /* spin */ } } };\n`,
    /an endless loop at import or in apply\(\)/,
  );
});

Deno.test("a top-level await that never resolves is a one-line error naming it, not a stack trace", async () => {
  await assertBounded(
    "await new Promise(() => {});\nexport const regulariser = {};\n",
    /waiting, not computing: a top-level await or a promise in apply\(\) that never resolves/,
  );
});

Deno.test("run --regulariser with a never-loading module exits 2 with one error line within --regulariser-timeout", async () => {
  await withModule("await new Promise(() => {});\n", async (path) => {
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), errIsTty: false };
    const dir = await Deno.makeTempDir();
    try {
      const code = await main([
        "run",
        "--suite",
        "regularisers",
        "--regulariser",
        path,
        "--regulariser-timeout",
        "2",
        "--store",
        `${dir}/r.db`,
      ], io);
      assert.equal(code, 2);
      assert.equal(err.trim().split("\n").length, 1, err);
      assert.match(
        err,
        /^error: regulariser module ".*reg\.ts": loading and checking it took longer than 2 s/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("a user regulariser that hangs from step 5 of training is a recorded timeout per case, and the run finishes", async () => {
  const text = `import * as tf from "@tensorflow/tfjs";
export const regulariser = {
  name: "late-spin",
  description: "fine in the probe (step 0), endless from step 5",
  defaultLambda: 0.5,
  apply: (h, ctx) => {
    if (ctx.step >= 5) while (true) { /* hang */ }
    return tf.mean(tf.square(h));
  },
};
`;
  await withModule(text, async (path) => {
    const dir = await Deno.makeTempDir();
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), errIsTty: false };
    try {
      const store = `${dir}/r.db`;
      const t0 = performance.now();
      const code = await main([
        "run",
        "--suite",
        "regularisers",
        "--regulariser",
        path,
        "--seeds",
        "1337",
        "--jobs",
        "1",
        "--case-timeout",
        "2",
        "--store",
        store,
      ], io);
      const wallS = (performance.now() - t0) / 1000;
      assert.equal(code, 0, err);
      const { openStore } = await import("../../../src/core/store/sqlite.ts");
      const s = openStore(store);
      const records = s.results();
      s.close();
      assert.equal(records.length, 2);
      for (const r of records) {
        assert.ok(r.status === "failed" && r.error.kind === "timeout", JSON.stringify(r));
        assert.match(r.caseId, /user:late-spin@[0-9a-f]{12}/);
      }
      assert.ok(wallS < 60, `took ${wallS.toFixed(1)} s`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});
