import assert from "node:assert/strict";
import { runSuite } from "../../../src/core/runner/runner.ts";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { importSuite } from "../../../src/core/suite_module.ts";

const TOY = await importSuite(new URL("../../fixtures/toy_suite.ts", import.meta.url));

Deno.test("a case over the profile's time limit is recorded as a timeout, its worker replaced, and the run goes on", async () => {
  const store = openStore(":memory:");
  const workers = new Set<number>();
  const t0 = performance.now();
  const out = await runSuite({
    suite: TOY,
    profile: "hang", // caseTimeoutS: 1; "spin" loops forever in synchronous JS
    store,
    jobs: 1,
    handleSignals: false,
    onEvent: (e) => e.type === "case-start" && workers.add(e.worker),
  });
  const wallS = (performance.now() - t0) / 1000;
  assert.equal(out.interrupted, false);
  assert.deepEqual(out.counts, { completed: 2, failed: 1, skipped: 0 });
  const [spin] = store.results({ runId: out.runId, caseId: "spin" });
  assert.equal(spin.status, "failed");
  if (spin.status === "failed") {
    assert.equal(spin.error.kind, "timeout");
    assert.match(
      spin.error.message,
      /exceeded its time limit of 1 s; its worker process was killed/,
    );
    assert.equal(spin.error.step, null);
    assert.ok(
      spin.timing.wallMs >= 1000 && spin.timing.wallMs < 10_000,
      `${spin.timing.wallMs} ms`,
    );
  }
  // fast/b ran after the timeout, on a fresh worker process.
  const [fastB] = store.results({ runId: out.runId, caseId: "fast/b" });
  assert.equal(fastB.status, "completed");
  assert.equal(workers.size, 2);
  assert.notEqual(store.getRun(out.runId)!.header.finishedAt, null);
  assert.ok(wallS < 60, `run took ${wallS} s`);
  store.close();
});

Deno.test("the run's caseTimeoutS wins over the profile's and the timeout keeps the last reported step", async () => {
  const store = openStore(":memory:");
  const out = await runSuite({
    suite: TOY,
    profile: "hangLate", // reports steps 1-3 (250 ms apart), then hangs
    store,
    jobs: 1,
    handleSignals: false,
    caseTimeoutS: 3,
  });
  const [r] = store.results({ runId: out.runId });
  assert.equal(r.status, "failed");
  if (r.status === "failed") {
    assert.equal(r.error.kind, "timeout");
    assert.equal(r.error.step, 3);
    assert.match(r.error.message, /time limit of 3 s \(last reported step 3\)/);
    assert.ok(r.timing.wallMs >= 3000 && r.timing.wallMs < 15_000, `${r.timing.wallMs} ms`);
  }
  store.close();
});

Deno.test("runSuite() rejects a case time limit that is not a positive number of seconds", async () => {
  const store = openStore(":memory:");
  for (const caseTimeoutS of [0, -1, NaN, 1e308]) {
    await assert.rejects(
      runSuite({ suite: TOY, profile: "hang", store, handleSignals: false, caseTimeoutS }),
      (e) =>
        e instanceof RangeError && /case time limit must be a number of seconds/.test(e.message),
    );
  }
  assert.equal(store.listRuns().length, 0);
  store.close();
});
