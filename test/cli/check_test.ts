import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { noiseFloors, readBaseline } from "../../src/core/ci/baseline.ts";
import { openStore } from "../../src/core/store/sqlite.ts";

const GATE = new URL("../fixtures/gate_suite.ts", import.meta.url).pathname;
const BUGGY = new URL("../fixtures/gate_suite_buggy.ts", import.meta.url).pathname;

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}

async function cli(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

Deno.test("baseline update, check, calibrate, rerun on other seeds, planted bug: the gate works end to end", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-check-" });
  const common = ["--store", `${dir}/results.db`, "--baselines", `${dir}/baselines`, "--jobs", "2"];
  try {
    // No baseline yet: refused with the command that makes one.
    const none = await cli(["check", "--suite", GATE, ...common]);
    assert.equal(none.code, 1);
    assert.match(none.err, /error: no baseline .*gate@1\/ci-wasm\.json .*baseline update/);

    const up = await cli(["baseline", "update", "--suite", GATE, ...common]);
    assert.equal(up.code, 0, up.err);
    const path = `${dir}/baselines/gate@1/ci-wasm.json`;
    const base = (await readBaseline(path))!;
    assert.equal(base.records.length, 9);
    assert.equal(base.header.tags.baseline, "ci-wasm");
    assert.ok(base.records.every((r) => r.runId === base.header.runId && r.status === "completed"));
    const shown = await cli([
      "baseline",
      "show",
      "--suite",
      GATE,
      "--baselines",
      `${dir}/baselines`,
    ]);
    assert.equal(shown.code, 0);
    assert.match(shown.out, /dim2 +r2 +[\d.]+ +0=[\d.]+ 1=[\d.]+ 2=[\d.]+/);
    assert.match(shown.out, /not calibrated/);

    // The same configuration and seeds reproduce the baseline exactly.
    const same = await cli(["check", "--suite", GATE, ...common]);
    assert.equal(same.code, 0, same.out + same.err);
    assert.match(same.out, /gate@1 profile ci backend wasm: ok: no regression/);
    assert.match(
      same.out,
      /dim8 +r2 \(↑\) +0\.98\d* \(3\) +0\.98\d* \(3\) +0 +\[0, 0\] +0\.02 +no detectable change/,
    );

    // Calibrate the noise floor on fresh seeds (1000-1002) and record it.
    const cal = await cli(["check", "--suite", GATE, "--calibrate", ...common]);
    assert.equal(cal.code, 0, cal.out + cal.err);
    const floors = noiseFloors((await readBaseline(path))!)!;
    assert.deepEqual(floors.seeds, [1000, 1001, 1002]);
    assert.ok(floors.floors.r2 > 0.02, `floor ${floors.floors.r2}`);

    // No false alarm: the baseline configuration on other seeds passes.
    for (const seeds of ["10-12", "50-52"]) {
      const other = await cli([
        "check",
        "--suite",
        GATE,
        "--seeds",
        seeds,
        "--markdown",
        ...common,
      ]);
      assert.equal(other.code, 0, other.out);
      assert.match(other.out, /✅ no regression/);
    }

    // A planted bug (bias gradient with the wrong sign) fails and names the metric.
    const md = `${dir}/summary.md`;
    const bug = await cli(["check", "--suite", BUGGY, "--summary-file", md, ...common]);
    assert.equal(bug.code, 1);
    // dim2's three seeds land far apart (R² about -10^4 to +10^3), so the honest 3-seed
    // t-interval of the difference spans 0 there; dim4 and dim8 are flagged.
    assert.match(bug.out, /FAIL: 2 regression\(s\) in r2/);
    assert.match(bug.out, /dim4 +r2 \(↑\) .*REGRESSION \(worse\)/);
    assert.match(bug.out, /dim8 +r2 \(↑\) .*REGRESSION \(worse\)/);
    assert.match(bug.out, /95% CI = 95 % paired t-interval of the difference over 3 shared seeds/);
    assert.match(await Deno.readTextFile(md), /## jepa-bench check: ❌ 2 regression\(s\)/);

    // Finished runs can be checked without running: the buggy run from the store.
    const store = openStore(`${dir}/results.db`);
    const last = store.listRuns({ suite: "gate" })[0].header.runId;
    store.close();
    const byRun = await cli(["check", "--run", last, "--suite", BUGGY, ...common]);
    assert.equal(byRun.code, 1);

    // Another backend has no baseline: refused, never compared.
    const cpu = await cli(["check", "--suite", GATE, "--backend", "cpu", ...common]);
    assert.equal(cpu.code, 1);
    assert.match(
      cpu.err,
      /no baseline .*ci-cpu\.json.*there is one for backend wasm, which is not compared/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("check refuses a run of another suite version", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-check-v-" });
  const common = ["--store", `${dir}/results.db`, "--baselines", `${dir}/baselines`, "--jobs", "1"];
  try {
    assert.equal((await cli(["baseline", "update", "--suite", GATE, ...common])).code, 0);
    const base = (await readBaseline(`${dir}/baselines/gate@1/ci-wasm.json`))!;
    // The same run claimed as version 2 (as if the suite had been bumped).
    const v2 = structuredClone(base);
    v2.header.runId = "20260101T000000Z-v2v2v2";
    v2.header.suite.version = 2;
    v2.header.tags = {};
    v2.records = v2.records.map((r) => ({ ...r, runId: v2.header.runId, suiteVersion: 2 }));
    await Deno.writeTextFile(`${dir}/v2.json`, JSON.stringify(v2));
    const r = await cli(["check", "--from", `${dir}/v2.json`, "--suite", GATE, ...common]);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /no baseline .*gate@2\/ci-wasm\.json.*there is one for version 1, which is not compared/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
