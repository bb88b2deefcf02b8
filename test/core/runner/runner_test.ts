import assert from "node:assert/strict";
import { RunnerError, runSuite } from "../../../src/core/runner/runner.ts";
import { openStore } from "../../../src/core/store/sqlite.ts";
import type { CaseResult } from "../../../src/core/store/record.ts";
import { importSuite } from "../../../src/core/suite_module.ts";

const TOY = await importSuite(new URL("../../fixtures/toy_suite.ts", import.meta.url));

/** The scientific content of a record (no timings, ids or timestamps). */
function content(r: CaseResult) {
  const base = { caseId: r.caseId, seed: r.seed, status: r.status };
  if (r.status === "completed") {
    return { ...base, metrics: r.metrics, curves: r.curves, flags: r.flags };
  }
  if (r.status === "failed") {
    return { ...base, error: r.error, metrics: r.metrics, curves: r.curves };
  }
  return { ...base, reason: r.reason };
}

function byKey(records: CaseResult[]) {
  return records.map(content).sort((a, b) =>
    `${a.caseId}#${a.seed}`.localeCompare(`${b.caseId}#${b.seed}`)
  );
}

Deno.test("runSuite() records every task: completed, NaN failure with its step, exception", async () => {
  const store = openStore(":memory:");
  const out = await runSuite({
    suite: TOY,
    profile: "smoke",
    store,
    jobs: 2,
    handleSignals: false,
  });
  assert.equal(out.interrupted, false);
  assert.deepEqual(out.counts, { completed: 6, failed: 6, skipped: 0 });
  const doc = store.getRun(out.runId)!;
  assert.notEqual(doc.header.finishedAt, null);
  assert.equal(doc.header.env.tfjs, "n/a");
  assert.equal(doc.header.suite.id, "toy");
  const nan = doc.records.find((r) => r.caseId === "nan" && r.seed === 1)!;
  assert.equal(nan.status, "failed");
  if (nan.status === "failed") {
    assert.deepEqual(nan.error, { kind: "nan", message: "loss is NaN", step: 7 });
    assert.deepEqual(nan.metrics, { loss: 0.5 });
    assert.deepEqual(nan.curves, { loss: [[5, 0.7]] });
    assert.equal(nan.timing.steps, 7);
  }
  const boom = doc.records.find((r) => r.caseId === "boom")!;
  assert.ok(
    boom.status === "failed" && boom.error.kind === "exception" && boom.error.message === "kaboom",
  );
  const fast = doc.records.find((r) => r.caseId === "fast/a")!;
  assert.equal(fast.status, "completed");
  assert.equal(fast.timing.steps, 20);
  assert.ok(fast.timing.stepsPerSec! > 0);
  assert.ok(fast.timing.peakRssBytes! > 1e6);
  store.close();
});

Deno.test("runSuite() gives identical results with 1 and 2 worker processes", async () => {
  const store = openStore(":memory:");
  const one = await runSuite({
    suite: TOY,
    profile: "smoke",
    store,
    jobs: 1,
    handleSignals: false,
  });
  const two = await runSuite({
    suite: TOY,
    profile: "smoke",
    store,
    jobs: 2,
    handleSignals: false,
  });
  assert.notEqual(one.runId, two.runId);
  assert.equal(one.header.configHash, two.header.configHash);
  assert.deepEqual(
    byKey(store.getRun(one.runId)!.records),
    byKey(store.getRun(two.runId)!.records),
  );
  store.close();
});

Deno.test("a worker that dies is recorded as worker-crash with its stderr and the run goes on", async () => {
  const store = openStore(":memory:");
  const crashes: string[] = [];
  const out = await runSuite({
    suite: TOY,
    profile: "crash",
    store,
    jobs: 1,
    handleSignals: false,
    onEvent: (e) => e.type === "worker-crash" && crashes.push(e.message),
  });
  assert.deepEqual(out.counts, { completed: 4, failed: 2, skipped: 0 });
  const crash = store.results({ runId: out.runId, caseId: "crash" });
  assert.equal(crash.length, 2);
  for (const r of crash) {
    assert.ok(r.status === "failed");
    if (r.status === "failed") {
      assert.equal(r.error.kind, "worker-crash");
      assert.match(r.error.message, /exited with code 3; stderr: about to crash on purpose/);
    }
  }
  assert.equal(crashes.length, 2);
  // fast/b ran after the crashes, on a fresh worker.
  assert.equal(
    store.results({ runId: out.runId, caseId: "fast/b", status: "completed" }).length,
    2,
  );
  store.close();
});

Deno.test("an interrupted run records only finished tasks and resume completes exactly the rest", async () => {
  const store = openStore(":memory:");
  const abort = new AbortController();
  let ended = 0;
  const first = await runSuite({
    suite: TOY,
    profile: "slow",
    store,
    jobs: 2,
    handleSignals: false,
    signal: abort.signal,
    onEvent: (e) => {
      if (e.type === "case-end" && ++ended === 3) abort.abort();
    },
  });
  assert.equal(first.interrupted, true);
  const partial = store.getRun(first.runId)!;
  assert.equal(partial.header.finishedAt, null);
  assert.equal(partial.records.length, 3);

  const ran: string[] = [];
  const second = await runSuite({
    suite: TOY,
    profile: "slow",
    store,
    jobs: 2,
    handleSignals: false,
    resume: true,
    onEvent: (e) => e.type === "case-start" && ran.push(`${e.task.caseId}#${e.task.seed}`),
  });
  assert.equal(second.runId, first.runId);
  assert.equal(second.alreadyDone, 3);
  assert.equal(ran.length, 5);
  for (const r of partial.records) assert.ok(!ran.includes(`${r.caseId}#${r.seed}`));
  const resumed = store.getRun(first.runId)!;
  assert.notEqual(resumed.header.finishedAt, null);

  const fresh = await runSuite({
    suite: TOY,
    profile: "slow",
    store,
    jobs: 2,
    handleSignals: false,
  });
  assert.deepEqual(byKey(resumed.records), byKey(store.getRun(fresh.runId)!.records));
  store.close();
});

Deno.test("resume refuses a run made with another configuration", async () => {
  const store = openStore(":memory:");
  const out = await runSuite({ suite: TOY, profile: "edge", store, jobs: 1, handleSignals: false });
  await assert.rejects(
    () =>
      runSuite({
        suite: TOY,
        profile: "edge",
        seeds: "5",
        store,
        jobs: 1,
        resume: out.runId,
        handleSignals: false,
      }),
    (e) => e instanceof RunnerError && /configuration differs/.test(e.message),
  );
  await assert.rejects(
    () =>
      runSuite({
        suite: TOY,
        profile: "smoke",
        store,
        jobs: 1,
        resume: out.runId,
        handleSignals: false,
      }),
    /made with profile edge, not smoke/,
  );
  await assert.rejects(
    () =>
      runSuite({ suite: TOY, profile: "edge", store, jobs: 1, resume: true, handleSignals: false }),
    /no unfinished run of suite "toy"/,
  );
  store.close();
});

Deno.test("non-finite metrics of a completed case are kept as NaN", async () => {
  const store = openStore(":memory:");
  const out = await runSuite({ suite: TOY, profile: "edge", store, jobs: 1, handleSignals: false });
  const [r] = store.results({ runId: out.runId });
  assert.equal(r.status, "completed");
  if (r.status === "completed") {
    assert.ok(Number.isNaN(r.metrics.score));
    assert.ok(Number.isNaN(r.metrics.loss));
  }
  store.close();
});

Deno.test("runSuite() rejects an unknown profile, backend or malformed seeds before running", async () => {
  const store = openStore(":memory:");
  await assert.rejects(() => runSuite({ suite: TOY, profile: "huge", store }), RangeError);
  await assert.rejects(
    () => runSuite({ suite: TOY, backend: "cuda", store }),
    /unknown backend "cuda"/,
  );
  await assert.rejects(() => runSuite({ suite: TOY, seeds: "1-", store }), /malformed seeds "1-"/);
  assert.equal(store.listRuns().length, 0);
  store.close();
});

const TENSOR = await importSuite(new URL("../../fixtures/tensor_suite.ts", import.meta.url));

Deno.test("a tensor suite's workers initialise the backend and the header records tfjs", async () => {
  const store = openStore(":memory:");
  const out = await runSuite({
    suite: TENSOR,
    backend: "wasm",
    store,
    jobs: 1,
    handleSignals: false,
  });
  assert.equal(out.header.env.backend, "wasm");
  assert.equal(out.header.env.tfjs, "4.22.0");
  const [r] = out.results;
  assert.ok(r.status === "completed", JSON.stringify(r));
  if (r.status === "completed") assert.deepEqual(r.metrics, { sum: 48, backendIsActive: 1 });
  store.close();
});

Deno.test("a backend that does not initialise stops the run before anything is recorded", async () => {
  const store = openStore(":memory:");
  await assert.rejects(
    () => runSuite({ suite: TENSOR, backend: "tensorflow", store, jobs: 1, handleSignals: false }),
    (e) =>
      e instanceof RunnerError &&
      /^backend "tensorflow" could not be initialised: /.test(e.message),
  );
  assert.equal(store.listRuns().length, 0);
  store.close();
});

Deno.test("the workers import the module they are handed: one that gives another suite stops the run", async () => {
  const store = openStore(":memory:");
  // The definition of tensor-toy (a tensor suite) with the module of toy.
  const wrong = { suite: TENSOR.suite, module: TOY.module };
  await assert.rejects(
    () => runSuite({ suite: wrong, backend: "wasm", store, jobs: 1, handleSignals: false }),
    (e) =>
      e instanceof RunnerError &&
      e.message ===
        `worker could not start: suite module "${TOY.module}" gives suite toy@1 here, not ` +
          "tensor-toy@1 as in the parent process",
  );
  const missing = { suite: TOY.suite, module: new URL("./no_such_suite.ts", TOY.module).href };
  await assert.rejects(
    () => runSuite({ suite: missing, store, jobs: 1, handleSignals: false }),
    (e) =>
      e instanceof RunnerError &&
      e.message.startsWith(`worker could not start: cannot load suite module "${missing.module}"`),
  );
  assert.equal(store.listRuns().length, 0);
  store.close();
});

Deno.test("the runner runs the definition it is handed, with the case bodies of its module", async () => {
  const store = openStore(":memory:");
  // A profile the module does not have: the workers still find the case body by the case's params.
  const only: typeof TOY = {
    ...TOY,
    suite: {
      ...TOY.suite,
      profiles: {
        one: {
          ...TOY.suite.profiles.smoke,
          name: "one",
          seeds: [5],
          cases: [TOY.suite.profiles.smoke.cases[0]],
        },
      },
    },
  };
  const out = await runSuite({ suite: only, profile: "one", store, jobs: 1, handleSignals: false });
  assert.deepEqual(out.results.map((r) => [r.caseId, r.seed, r.status]), [[
    "fast/a",
    5,
    "completed",
  ]]);
  assert.equal(out.header.profile, "one");
  store.close();
});
