/**
 * The CLI never loses or destroys results: an empty `--store` is a usage
 * error, a conflicting import is refused (exit 1) and leaves the store as it
 * was, `import --as-new` keeps both, and `dashboard:build` never wipes a
 * folder that is not a previous build.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openStore } from "../../src/core/store/sqlite.ts";
import { toJson } from "../../src/core/store/io.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";
import { denoRun as deno } from "../fixtures/deno_run.ts";

function doc(r2: number): RunDocument {
  const records = [0, 1].flatMap((seed) =>
    ["a", "b"].map((c) => makeCompleted("run-1", c, seed, { r2_hz: r2 }))
  );
  return { schemaVersion: 1, header: makeHeader({ runId: "run-1" }), records };
}

Deno.test("an empty --store is a usage error (exit 2) for every command that opens a store", async () => {
  const outs = await Promise.all([
    deno("src/cli.ts", "run", "--suite", "./test/fixtures/toy_suite.ts", "--store", ""),
    deno("src/cli.ts", "list", "--runs", "--store", ""),
    deno("src/cli.ts", "import", "x.json", "--store", ""),
    deno("dashboard/build.ts", "--store", "", "--out", "/nonexistent/never-written"),
    deno("dashboard/main.ts", "--store", "", "--port", "0"),
  ]);
  for (const r of outs) {
    assert.equal(r.code, 2, r.err);
    assert.equal(r.err, "error: --store: expected a file path, got an empty string\n");
  }
});

Deno.test("import refuses a conflicting run (exit 1, store unchanged) and --as-new keeps both", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-e2e-import-" });
  try {
    const store = `${dir}/results.db`;
    await Deno.writeTextFile(`${dir}/first.json`, toJson(doc(0.3627)));
    await Deno.writeTextFile(`${dir}/second.json`, toJson(doc(1.7e308)));
    const first = await deno("src/cli.ts", "import", `${dir}/first.json`, "--store", store);
    assert.equal(first.code, 0, first.err);
    const again = await deno("src/cli.ts", "import", `${dir}/first.json`, "--store", store);
    assert.equal(again.code, 0, again.err);
    assert.match(
      again.out,
      /imported 1 run\(s\), 0 records \(4 identical records were already there\)/,
    );
    const clash = await deno("src/cli.ts", "import", `${dir}/second.json`, "--store", store);
    assert.equal(clash.code, 1);
    assert.equal(
      clash.err,
      `error: run "run-1" case "a" seed 0 is already in store "${store}" with different content ` +
        "(metrics.r2_hz is 0.3627 in the store, 1.7e+308 in the import); nothing was imported " +
        "(import --as-new stores it under a fresh run id)\n",
    );
    const s = openStore(store, { readOnly: true });
    const kept = s.results({ runId: "run-1" });
    assert.equal(kept.length, 4);
    assert.ok(kept.every((r) => r.status === "completed" && r.metrics.r2_hz === 0.3627));
    s.close();
    const asNew = await deno(
      "src/cli.ts",
      "import",
      `${dir}/second.json`,
      "--as-new",
      "--store",
      store,
    );
    assert.equal(asNew.code, 0, asNew.err);
    const s2 = openStore(store, { readOnly: true });
    assert.equal(s2.listRuns().length, 2);
    assert.equal(s2.results({ runId: "run-1" }).length, 4);
    s2.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("dashboard:build --out of a folder with other files refuses (exit 1) and deletes nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-e2e-build-" });
  try {
    const store = openStore(join(dir, "results.db"));
    store.beginRun(makeHeader({ runId: "r1" }));
    store.close();
    await Deno.writeTextFile(join(dir, "notes.txt"), "keep me");
    const r = await deno("dashboard/build.ts", "--store", join(dir, "results.db"), "--out", dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^error: --out ".*" is not empty and is not a previous dashboard build/);
    assert.equal(r.err.trim().split("\n").length, 1);
    assert.equal(await Deno.readTextFile(join(dir, "notes.txt")), "keep me");
    assert.ok((await Deno.stat(join(dir, "results.db"))).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
