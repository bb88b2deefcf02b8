import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import {
  contentHash,
  getRegulariser,
  lejepaLoss,
  loadUserRegulariser,
  prepareCaseRegulariser,
  takesRegulariser,
  userRegulariserCases,
} from "../../../src/core/objectives/mod.ts";
import { main } from "../../../src/cli.ts";
import type { CliIo } from "../../../src/cli/common.ts";
import type { CaseSpec } from "../../../src/core/suite.ts";

await initBackend("wasm");

const GOOD = `import * as tf from "@tensorflow/tfjs";
export const regulariser = {
  name: "l2pull",
  description: "mean squared norm minus one, squared",
  defaultLambda: 0.25,
  apply: (h, _ctx) => tf.square(tf.sub(tf.mean(tf.sum(tf.square(h), 1)), 1)),
};
`;

async function writeModule(dir: string, name: string, text: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, text);
  return path;
}

Deno.test("a user module written here loads, registers as user:<name>@<hash> and trains in the loss", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await writeModule(dir, "good.ts", GOOD);
    const byo = await loadUserRegulariser(path);
    const hash = await contentHash(new TextEncoder().encode(GOOD));
    assert.match(hash, /^[0-9a-f]{12}$/);
    assert.equal(byo.hash, hash);
    assert.equal(byo.regulariser.name, `user:l2pull@${hash}`);
    assert.equal(byo.regulariser.defaultLambda, 0.25);
    const reg = getRegulariser(byo.regulariser.name);
    tf.tidy(() => {
      const h = tf.tensor2d([[1, 0], [0, 2], [1, 1], [0, 0]]);
      // mean squared norm = (1 + 4 + 2 + 0) / 4 = 1.75 -> (0.75)^2
      const { reg: r, loss, align } = lejepaLoss(h, reg, 0.25, {
        step: 0,
        seed: 0,
        views: 2,
        batch: 2,
      });
      assert.ok(Math.abs(r.dataSync()[0] - 0.5625) < 1e-6);
      assert.ok(Math.abs(loss.dataSync()[0] - (0.25 * 0.5625 + 0.75 * align.dataSync()[0])) < 1e-6);
    });
    // A different file (one byte more) gets a different name.
    const other = await loadUserRegulariser(await writeModule(dir, "good2.ts", GOOD + "\n"));
    assert.notEqual(other.regulariser.name, byo.regulariser.name);
    assert.ok(other.regulariser.name.startsWith("user:l2pull@"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("broken user modules fail with an error naming the module and the problem", async () => {
  const dir = await Deno.makeTempDir();
  const imp = `import * as tf from "@tensorflow/tfjs";\n`;
  const cases: Array<[string, string, RegExp]> = [
    ["none.ts", "export const x = 1;\n", /exports no regulariser/],
    [
      "noapply.ts",
      `export default { name: "a", description: "", defaultLambda: 0.1 };\n`,
      /apply must be a function/,
    ],
    [
      "badlambda.ts",
      `export default { name: "a", description: "", defaultLambda: 7, apply: () => 0 };\n`,
      /defaultLambda must be a finite number in \[0, 1\], got 7/,
    ],
    [
      "badreads.ts",
      `export default { name: "r", description: "", defaultLambda: 0.1, readsSync: "yes", apply: () => 0 };\n`,
      /readsSync must be a boolean when given, got "yes"/,
    ],
    [
      "badprepare.ts",
      `export default { name: "p", description: "", defaultLambda: 0.1, prepare: 3, apply: () => 0 };\n`,
      /prepare must be a function/,
    ],
    [
      "badname.ts",
      `export default { name: "a b", description: "", defaultLambda: 0.1, apply: () => 0 };\n`,
      /name must be/,
    ],
    [
      "throws.ts",
      `export default { name: "t", description: "", defaultLambda: 0.1, apply: () => { throw new Error("boom"); } };\n`,
      /apply\(\) threw on a \(32, 4\) random stack: boom/,
    ],
    [
      "nan.ts",
      imp +
      `export default { name: "n", description: "", defaultLambda: 0.1, apply: (h) => tf.div(tf.sum(h), 0).mul(0) };\n`,
      /apply\(\) returned NaN/,
    ],
    [
      "vector.ts",
      imp +
      `export default { name: "v", description: "", defaultLambda: 0.1, apply: (h) => tf.sum(h, 0) };\n`,
      /must return a scalar tf.Tensor, got shape \[4\]/,
    ],
    [
      "number.ts",
      `export default { name: "k", description: "", defaultLambda: 0.1, apply: () => 3 };\n`,
      /must return a scalar tf.Tensor, got number/,
    ],
    ["syntax.ts", "export const = ;\n", /cannot be loaded/],
  ];
  try {
    for (const [file, text, why] of cases) {
      const path = await writeModule(dir, file, text);
      await assert.rejects(loadUserRegulariser(path), (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.ok(e.message.startsWith(`regulariser module "${path}": `), e.message);
        assert.match(e.message, why);
        assert.ok(!e.message.includes("\n"), "one line");
        return true;
      }, file);
    }
    await assert.rejects(loadUserRegulariser(`${dir}/missing.ts`), /cannot be read/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("user cases: objective replaced, duplicates merged, module and hash travel as params", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await writeModule(dir, "good.ts", GOOD);
    const byo = await loadUserRegulariser(path);
    const cases: CaseSpec[] = [
      { id: "spiral/gaussian/N2/sigreg/mlp", params: { objective: "sigreg", lambda: 1e-3 } },
      { id: "spiral/gaussian/N2/none/mlp", params: { objective: "none", lambda: 0 } },
      { id: "sigreg/banana/gaussian/N2/mlp", params: { objective: "sigreg", lambda: 1e-3 } },
      { id: "no-objective", params: { k: 4 } },
    ];
    assert.ok(takesRegulariser(cases));
    assert.ok(!takesRegulariser([cases[3]]));
    const out = userRegulariserCases(cases, byo);
    const name = byo.regulariser.name;
    assert.deepEqual(out.map((c) => c.id), [
      `spiral/gaussian/N2/${name}/mlp`,
      `${name}/banana/gaussian/N2/mlp`,
    ]);
    assert.equal(out[0].params.objective, name);
    assert.equal(out[0].params.lambda, 0.25);
    assert.equal(out[0].params.regulariser_module, byo.path);
    assert.equal(out[0].params.regulariser_hash, byo.hash);
    await prepareCaseRegulariser(out[0].params); // what a worker does: loads and registers
    await assert.rejects(
      prepareCaseRegulariser({ ...out[0].params, regulariser_hash: "000000000000" }),
      /content changed: its hash is [0-9a-f]{12}, the run was started with 000000000000/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run --regulariser with a broken module is a one-line usage error (exit 2)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await writeModule(dir, "bad.ts", "export const nothing = 0;\n");
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), errIsTty: false };
    const code = await main(
      ["run", "--suite", "regularisers", "--regulariser", path, "--store", `${dir}/r.db`],
      io,
    );
    assert.equal(code, 2);
    assert.equal(err.trim().split("\n").length, 1);
    assert.match(err, /^error: regulariser module ".*bad\.ts": exports no regulariser/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a user module's readsSync and prepare travel to the registered regulariser", async () => {
  const dir = await Deno.makeTempDir();
  const reads = await writeModule(
    dir,
    "reads.ts",
    GOOD.replace('name: "l2pull"', 'name: "reads", readsSync: true'),
  );
  const both = await writeModule(
    dir,
    "both.ts",
    GOOD.replace('name: "l2pull"', 'name: "both", readsSync: true, prepare: async () => 7'),
  );
  const a = (await loadUserRegulariser(reads)).regulariser;
  assert.equal(a.readsSync, true);
  assert.equal(a.prepare, undefined);
  const b = (await loadUserRegulariser(both)).regulariser;
  assert.equal(b.readsSync, true);
  assert.equal(
    await b.prepare!(tf.zeros([2, 2]) as tf.Tensor2D, { step: 0, seed: 0, views: 2, batch: 1 }),
    7,
  );
  assert.equal(
    (await loadUserRegulariser(await writeModule(dir, "plain.ts", GOOD))).regulariser.readsSync,
    undefined,
  );
  await Deno.remove(dir, { recursive: true });
});
