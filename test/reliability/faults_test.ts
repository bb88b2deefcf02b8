/**
 * Numerical faults through the real runner and training loop: NaN and Inf
 * planted in the data, a diverging learning rate, and alignment-only
 * training. Each is recorded (failed with its kind and step, or completed
 * with flags.collapsed) and the run goes on to the next case.
 */
import assert from "node:assert/strict";
import { runSuite } from "../../src/core/runner/runner.ts";
import { openStore } from "../../src/core/store/sqlite.ts";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { importSuite } from "../../src/core/suite_module.ts";

const FAULTS = await importSuite(new URL("./fault_suite.ts", import.meta.url));

Deno.test("planted NaN/Inf, lr 1e3 and alignment-only are recorded with step and reason, and the run continues", async () => {
  const store = openStore(":memory:");
  try {
    const out = await runSuite({
      suite: FAULTS,
      profile: "faults",
      backend: "wasm",
      store,
      jobs: 1,
      handleSignals: false,
    });
    assert.equal(out.interrupted, false);
    // One worker ran the cases in order: the healthy case after four faults.
    assert.deepEqual(out.results.map((r) => r.caseId), [
      "nan-data",
      "inf-data",
      "diverging-lr",
      "alignment-only",
      "healthy",
    ]);
    const by = new Map(out.results.map((r) => [r.caseId, r]));
    const nan = by.get("nan-data")!;
    assert.ok(nan.status === "failed");
    assert.deepEqual(nan.error, { kind: "nan", message: "loss became NaN at step 7", step: 7 });
    assert.equal(nan.timing.steps, 7);
    assert.equal(nan.curves.loss.length > 0, true, "curve before the fault is kept");
    const inf = by.get("inf-data")!;
    assert.ok(inf.status === "failed");
    assert.equal(inf.error.kind, "nan");
    assert.equal(inf.error.step, 11);
    const div = by.get("diverging-lr")!;
    assert.ok(div.status === "failed");
    assert.ok(div.error.kind === "diverged" || div.error.kind === "nan", div.error.kind);
    assert.ok(div.error.step !== null && div.error.step < 40, `step ${div.error.step}`);
    const align = by.get("alignment-only")!;
    assert.ok(align.status === "completed");
    assert.equal(align.flags.collapsed, true);
    assert.ok(align.metrics.effective_rank < 1.3, `${align.metrics.effective_rank}`);
    const healthy = by.get("healthy")!;
    assert.ok(healthy.status === "completed");
    assert.equal(healthy.flags.collapsed, false);
    assert.ok(healthy.metrics.effective_rank > 1.8, `${healthy.metrics.effective_rank}`);
    assert.deepEqual(out.counts, { completed: 2, failed: 3, skipped: 0 });
    assert.notEqual(store.getRun(out.runId)!.header.finishedAt, null);
  } finally {
    store.close();
  }
});

Deno.test("run --config with lr 1e3 on the real identifiability suite records every case as failed with its step", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-diverge-" });
  try {
    const config = `${dir}/diverge.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify({
        suite: "identifiability",
        profile: "smoke",
        seeds: [0],
        jobs: 2,
        overrides: { lr: 1000, steps: 30 },
      }),
    );
    let err = "";
    const io: CliIo = { out: () => {}, err: (t) => (err += t), errIsTty: false };
    const code = await main(["run", "--config", config, "--store", `${dir}/r.db`], io);
    assert.equal(code, 0, err);
    const store = openStore(`${dir}/r.db`);
    try {
      const doc = store.getRun(store.listRuns()[0].header.runId)!;
      assert.equal(doc.header.tags.overrides, '{"lr":1000,"steps":30}');
      assert.notEqual(doc.header.finishedAt, null);
      assert.equal(doc.records.length, 10);
      for (const r of doc.records) {
        assert.equal(r.params.lr, 1000);
        assert.equal(r.params.steps, 30);
        assert.ok(r.status === "failed", r.caseId);
        assert.ok(r.error.kind === "nan" || r.error.kind === "diverged", r.error.kind);
        assert.ok(r.error.step !== null && r.error.step >= 0 && r.error.step < 30);
        assert.match(r.error.message, /at step \d+/);
      }
    } finally {
      store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
