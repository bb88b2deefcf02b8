import assert from "node:assert/strict";
import { HeldLease, leaseIsStale, processAlive } from "../../../src/core/runner/lease.ts";
import { RunnerError, runSuite } from "../../../src/core/runner/runner.ts";
import { openRunLeases, type RunLease } from "../../../src/core/store/run_leases.ts";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { importSuite } from "../../../src/core/suite_module.ts";

const TOY = await importSuite(new URL("../../fixtures/toy_suite.ts", import.meta.url));

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "jepa-lease-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A process of this host that stays alive until killed. */
function sleeper(): Deno.ChildProcess {
  return new Deno.Command("sleep", { args: ["60"], stdout: "null", stderr: "null" }).spawn();
}

Deno.test("a lease is claimed atomically, renewed and released; a held one is refused unless stale", async () => {
  await withDir((dir) => {
    const store = openStore(`${dir}/s.db`); // the lease table lives in the store file
    const leases = openRunLeases(store.path);
    const mine: RunLease = { runId: "r1", pid: 1, host: "h", token: "a", heartbeatAt: 1000 };
    assert.equal(leases.claim(mine, () => false), null);
    assert.deepEqual(leases.claim({ ...mine, token: "b" }, () => false), mine);
    assert.ok(leases.renew("r1", "a", 2000));
    assert.ok(!leases.renew("r1", "b", 2000));
    assert.equal(leases.get("r1")!.heartbeatAt, 2000);
    assert.equal(leases.claim({ ...mine, token: "b" }, (held) => held.heartbeatAt < 5000), null);
    assert.equal(leases.get("r1")!.token, "b");
    leases.release("r1", "a"); // not the holder: nothing
    assert.equal(leases.get("r1")!.token, "b");
    leases.release("r1", "b");
    assert.equal(leases.get("r1"), null);
    leases.close();
    store.close();
    return Promise.resolve();
  });
});

Deno.test("a lease is stale when its heartbeat is old or its process on this host is gone", async () => {
  const now = Date.now();
  const host = Deno.hostname();
  const child = sleeper();
  try {
    const live: RunLease = { runId: "r", pid: child.pid, host, token: "t", heartbeatAt: now };
    assert.equal(processAlive(child.pid), true);
    assert.equal(leaseIsStale(live, now), false);
    assert.equal(leaseIsStale({ ...live, heartbeatAt: now - 31_000 }, now), true);
    // On another host the pid cannot be checked: only the heartbeat counts.
    assert.equal(leaseIsStale({ ...live, host: "elsewhere", pid: 999_999_999 }, now), false);
    child.kill("SIGKILL");
    await child.status;
    assert.equal(processAlive(child.pid), false);
    assert.equal(leaseIsStale(live, now), true);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  }
});

Deno.test("resume refuses a run whose lease a live process holds, and takes it over once that process is gone", async () => {
  await withDir(async (dir) => {
    const store = openStore(`${dir}/s.db`);
    const abort = new AbortController();
    let ended = 0;
    const first = await runSuite({
      suite: TOY,
      profile: "slow",
      seeds: [0, 1],
      store,
      jobs: 1,
      handleSignals: false,
      signal: abort.signal,
      onEvent: (e) => e.type === "case-end" && ++ended === 1 && abort.abort(),
    });
    assert.ok(first.interrupted);
    const before = store.getRun(first.runId)!.records.length;
    // The interrupted run gave its lease up; now "another process" (alive, this host) holds it.
    const other = sleeper();
    const leases = openRunLeases(store.path);
    try {
      assert.equal(leases.get(first.runId), null);
      const held = { runId: first.runId, pid: other.pid, host: Deno.hostname(), token: "x" };
      assert.equal(leases.claim({ ...held, heartbeatAt: Date.now() }, () => true), null);
      let started = false;
      await assert.rejects(
        runSuite({
          suite: TOY,
          profile: "slow",
          seeds: [0, 1],
          store,
          resume: first.runId,
          handleSignals: false,
          onEvent: (e) => e.type === "case-start" && (started = true),
        }),
        (e: unknown) => {
          assert.ok(e instanceof RunnerError);
          assert.match(
            e.message,
            new RegExp(
              `^run ${first.runId} is being run right now by process ${other.pid} on .+ ` +
                `\\(last heartbeat \\d+ s ago\\); resuming it here would compute its cases twice`,
            ),
          );
          assert.ok(!e.message.includes("\n"));
          return true;
        },
      );
      assert.ok(!started, "no case started");
      assert.equal(store.getRun(first.runId)!.records.length, before);
      other.kill("SIGKILL");
      await other.status;
      const resumed = await runSuite({
        suite: TOY,
        profile: "slow",
        seeds: [0, 1],
        store,
        resume: first.runId,
        handleSignals: false,
      });
      assert.equal(resumed.runId, first.runId);
      assert.deepEqual(resumed.counts, { completed: 4, failed: 0, skipped: 0 });
      assert.equal(leases.get(first.runId), null, "released when the run finished");
    } finally {
      try {
        other.kill("SIGKILL");
      } catch { /* already gone */ }
      leases.close();
      store.close();
    }
  });
});

Deno.test("a held lease is refreshed by its heartbeat until released", async () => {
  const lease = HeldLease.claim(":memory:", "hb-run", 50);
  const leases = openRunLeases(":memory:");
  const t0 = leases.get("hb-run")!.heartbeatAt;
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(leases.get("hb-run")!.heartbeatAt > t0);
  assert.throws(() => HeldLease.claim(":memory:", "hb-run"), /being run right now by this process/);
  lease.release();
  assert.equal(leases.get("hb-run"), null);
  HeldLease.claim(":memory:", "hb-run").release();
});
