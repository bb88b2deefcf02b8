import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import type { Comparison } from "../../src/cli/compare.ts";
import type { Ranking } from "../../src/core/analysis/mod.ts";
import { openStore } from "../../src/core/store/sqlite.ts";
import type { CompletedResult } from "../../src/core/store/record.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";

function record(
  runId: string,
  reg: string,
  task: string,
  seed: number,
  grid: number,
  r2: number,
): CompletedResult {
  const r = makeCompleted(runId, `${reg}/${task}`, seed, {
    grid_r2_hz: grid,
    r2_hz: r2,
    final_loss: 1,
  });
  return { ...r, suite: "regularisers", suiteVersion: 1, params: { objective: reg, lambda: 0.1 } };
}

/** A store with a sigreg run (high R2), a whitening run (slightly lower) and a none run (collapsed). */
function fixtureStore(dir: string): string {
  const path = `${dir}/results.db`;
  const store = openStore(path);
  const runs = [
    ["20260101T000000Z-aaaaaa", "sigreg", 0.95, "1111111111aaaa"],
    ["20260102T000000Z-bbbbbb", "whitening", 0.94, "2222222222bbbb"],
    ["20260103T000000Z-cccccc", "none", 0.05, "3333333333cccc"],
  ] as const;
  for (const [runId, reg, level, commit] of runs) {
    store.beginRun(makeHeader({
      runId,
      suite: { id: "regularisers", version: 2 }, // the current version: rank reads only it
      git: { commit, dirty: false, branch: "main" },
    }));
    for (const task of ["spiral/gaussian/N2/mlp", "banana/gaussian/N2/mlp"]) {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const jitter = 0.002 * ((seed * 7) % 5 - 2);
        store.putResult(record(runId, reg, task, seed, level + jitter, level + 0.02 + jitter));
      }
    }
  }
  store.close();
  return path;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

Deno.test("compare none vs sigreg: pairs by case without the regulariser and calls a collapse worse", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = fixtureStore(dir);
    const { code, out } = await cli(["compare", "sigreg", "none", "--store", store, "--json"]);
    assert.equal(code, 0);
    const cmp = JSON.parse(out) as Comparison;
    assert.equal(cmp.pairing, "task (case without entry), seed");
    assert.deepEqual(cmp.unpaired, { a: [], b: [] });
    assert.deepEqual(cmp.metrics.map((m) => m.metric), ["grid_r2_hz", "r2_hz"]);
    const grid = cmp.metrics[0];
    assert.deepEqual(grid.rows.map((r) => r.task), [
      "banana/gaussian/N2/mlp",
      "spiral/gaussian/N2/mlp",
    ]);
    assert.equal(grid.overall?.task, "all (2 tasks)");
    assert.deepEqual(grid.rows.map((r) => r.method), ["paired", "paired"]);
    assert.equal(grid.overall?.method, "stratified");
    for (const row of [...grid.rows, grid.overall!]) {
      assert.ok(Math.abs(row.diff - (0.05 - 0.95)) < 1e-9);
      assert.ok(row.ciLow <= row.diff && row.diff <= row.ciHigh);
      assert.equal(row.pBetter, 0);
      assert.equal(row.verdict, "worse");
    }
    // The other way round it is better.
    const back = JSON.parse(
      (await cli(["compare", "none", "sigreg", "--store", store, "--json"])).out,
    ) as Comparison;
    assert.equal(back.metrics[0].overall?.verdict, "better");
    assert.equal(back.metrics[0].overall?.pBetter, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare sigreg vs whitening within the 0.02 margin is no detectable change; runs and commits resolve", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = fixtureStore(dir);
    const byName = JSON.parse(
      (await cli(["compare", "sigreg", "whitening", "--store", store, "--json"])).out,
    ) as Comparison;
    const all = byName.metrics[0].overall!;
    assert.ok(Math.abs(all.diff + 0.01) < 1e-9);
    assert.equal(all.verdict, "no detectable change");
    const byRun = JSON.parse(
      (await cli([
        "compare",
        "20260101T000000Z-aaaaaa",
        "20260102T000000Z-bbbbbb",
        "--store",
        store,
        "--json",
      ])).out,
    ) as Comparison;
    assert.equal(byRun.a.kind, "run");
    assert.deepEqual(
      byRun.metrics[0].rows.map((r) => r.diff),
      byName.metrics[0].rows.map((r) => r.diff),
    );
    const byCommit = JSON.parse(
      (await cli([
        "compare",
        "commit:1111111",
        "commit:2222222",
        "--store",
        store,
        "--json",
        "--all",
      ])).out,
    ) as Comparison;
    assert.equal(byCommit.a.kind, "commit");
    assert.ok(
      byCommit.metrics.some((m) => m.metric === "final_loss"),
      "--all includes secondary metrics",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare prints a plain table per metric, Markdown on request, and one-line errors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = fixtureStore(dir);
    const plain = await cli(["compare", "sigreg", "none", "--store", store]);
    assert.equal(plain.code, 0);
    assert.match(plain.out, /grid_r2_hz \(higher is better, margin 0\.02\)/);
    assert.match(plain.out, /task\s+A \(n\)\s+B \(n\)\s+B - A\s+95% CI\s+P\(B better\)\s+verdict/);
    assert.match(
      plain.out,
      /all \(2 tasks\)\s+0\.95 \(12\)\s+0\.05 \(12\)\s+-0\.9\s+\[-0\.9, -0\.9\]\s+0\.00\s+worse/,
    );
    assert.match(
      plain.out,
      /95% CI = 95 % paired t-interval of the difference over 6 shared seeds/,
    );
    assert.match(plain.out, /"all": mean over the common tasks of the per-task differences/);
    const md = await cli(["compare", "sigreg", "none", "--store", store, "--markdown"]);
    assert.match(md.out, /95% CI = 95 % paired t-interval/);
    assert.match(md.out, /^### grid_r2_hz/m);
    assert.match(
      md.out,
      /^\| task \| A \(n\) \| B \(n\) \| B - A \| 95% CI \| P\(B better\) \| verdict \|$/m,
    );
    const missing = await cli(["compare", "sigreg", "vicreg", "--store", store]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.err,
      /^error: "vicreg" is neither a run id nor an entry with completed results/,
    );
    const usage = await cli(["compare", "sigreg", "--store", store]);
    assert.equal(usage.code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rank orders the entries by the mean over their common tasks, naming the tasks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const store = fixtureStore(dir);
    const { code, out } = await cli(["rank", "--store", store, "--json"]);
    assert.equal(code, 0);
    const rankings = JSON.parse(out) as Ranking[];
    assert.equal(rankings[0].metric, "grid_r2_hz");
    assert.deepEqual(rankings[0].tasks, ["banana/gaussian/N2/mlp", "spiral/gaussian/N2/mlp"]);
    assert.deepEqual(rankings[0].rows.map((e) => e.entry), ["sigreg", "whitening", "none"]);
    assert.deepEqual(rankings[0].rows.map((e) => e.n), [12, 12, 12]);
    assert.deepEqual(rankings[0].rows.map((e) => e.seedsPerTask), [[6, 6], [6, 6], [6, 6]]);
    const plain = await cli(["rank", "--store", store]);
    assert.match(plain.out, /^1\s+sigreg\s+0\.95\d*\s+\[/m);
    assert.match(plain.out, /over 2 common task\(s\): banana\/gaussian\/N2\/mlp, spiral/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
