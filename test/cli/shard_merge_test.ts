import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import type { CaseResult, RunDocument } from "../../src/core/store/record.ts";
import { parseExport } from "../../src/core/store/io.ts";

const TOY = new URL("../fixtures/toy_suite.ts", import.meta.url).pathname;

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

/** The scientific content of a record (no timings, ids or timestamps). */
function content(r: CaseResult) {
  const base = { caseId: r.caseId, seed: r.seed, status: r.status, params: r.params };
  if (r.status === "completed") {
    return { ...base, metrics: r.metrics, curves: r.curves, flags: r.flags };
  }
  if (r.status === "failed") {
    return { ...base, error: r.error, metrics: r.metrics, curves: r.curves };
  }
  return { ...base, reason: r.reason };
}

const sorted = (doc: RunDocument) =>
  doc.records.map(content).sort((a, b) =>
    `${a.caseId}#${a.seed}`.localeCompare(`${b.caseId}#${b.seed}`)
  );

Deno.test("run --shard 1/3, 2/3, 3/3 then merge equals one unsharded run; a missing shard is named", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-shard-" });
  try {
    const run = (store: string, extra: string[]) =>
      cli(["run", "--suite", TOY, "--profile", "smoke", "--jobs", "2", "--store", store, ...extra]);
    assert.equal((await run(`${dir}/full.db`, [])).code, 0);
    assert.equal(
      (await cli(["export", "--store", `${dir}/full.db`, "--out", `${dir}/full.json`])).code,
      0,
    );
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await run(`${dir}/s${i}.db`, ["--shard", `${i}/3`]);
      assert.equal(r.code, 0, r.err);
      files.push(`${dir}/s${i}.json`);
      assert.equal(
        (await cli(["export", "--store", `${dir}/s${i}.db`, "--out", files[i - 1]])).code,
        0,
      );
    }
    const shards = files.map((f) => parseExport(Deno.readTextFileSync(f))[0]);
    assert.deepEqual(shards.map((d) => d.header.tags.shard), ["1/3", "2/3", "3/3"]);
    assert.deepEqual(shards.map((d) => d.records.length), [4, 4, 4]);
    const full = parseExport(Deno.readTextFileSync(`${dir}/full.json`))[0];
    assert.ok(shards.every((d) => d.header.configHash === full.header.configHash));

    const merged = await cli(["merge", ...files, "--suite", TOY, "--out", `${dir}/merged.json`]);
    assert.equal(merged.code, 0, merged.err);
    assert.match(merged.err, /12\/12 tasks/);
    const doc = parseExport(Deno.readTextFileSync(`${dir}/merged.json`))[0];
    assert.equal(doc.header.configHash, full.header.configHash);
    assert.equal(doc.header.tags.shards, "3");
    assert.deepEqual(sorted(doc), sorted(full));

    // Shard 2 missing: its tasks are listed and the merge fails.
    const gap = await cli([
      "merge",
      files[0],
      files[2],
      "--suite",
      TOY,
      "--out",
      `${dir}/gap.json`,
    ]);
    assert.equal(gap.code, 1);
    assert.match(gap.err, /missing shards: 2\/3/);
    assert.match(gap.err, /missing 4 \(case#seed\): fast\/a#1, nan#1, fast\/b#1, boom#1/);
    const allowed = await cli([
      "merge",
      files[0],
      files[2],
      "--suite",
      TOY,
      "--allow-missing",
      "--store",
      `${dir}/m.db`,
    ]);
    assert.equal(allowed.code, 0);
    assert.match(allowed.err, /imported run merged-/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run --shard auto reads the shard from the environment and reports a missing index", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-shard-auto-" });
  try {
    const bad = await cli([
      "run",
      "--suite",
      TOY,
      "--profile",
      "smoke",
      "--shard",
      "auto",
      "--store",
      `${dir}/x.db`,
    ]);
    if (
      Deno.env.get("JEPA_SHARD_INDEX") === undefined &&
      Deno.env.get("SLURM_ARRAY_TASK_ID") === undefined &&
      Deno.env.get("JOB_COMPLETION_INDEX") === undefined
    ) {
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--shard auto found no shard index/);
    }
    const malformed = await cli([
      "run",
      "--suite",
      TOY,
      "--shard",
      "3/2",
      "--store",
      `${dir}/x.db`,
    ]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.err, /outside 1\.\.2/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
