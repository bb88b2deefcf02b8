/**
 * `run --resume` of a run that another live process is running now is
 * refused (it would compute the same cases twice); the live run goes on
 * untouched.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/core/store/sqlite.ts";
import { openRunLeases } from "../../src/core/store/run_leases.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const TOY = "./test/fixtures/toy_suite.ts";

function spawnCli(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", "src/cli.ts", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

Deno.test("--resume of a run that is live in another process is refused with one clear line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-lease-e2e-" });
  const store = `${dir}/s.db`;
  const args = ["run", "--suite", TOY, "--profile", "slow", "--seeds", "0-99", "--jobs", "1"];
  const live = spawnCli([...args, "--store", store]);
  try {
    // Wait for the live run's header (written once its first worker is ready).
    let runId: string | undefined;
    for (let i = 0; i < 300 && runId === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        const s = openStore(store);
        runId = s.listRuns()[0]?.header.runId;
        s.close();
      } catch { /* not created yet */ }
    }
    assert.ok(runId !== undefined, "the live run started");
    const t0 = performance.now();
    const second = await spawnCli([...args, "--store", store, "--resume", runId]).output();
    const stderr = new TextDecoder().decode(second.stderr);
    const lines = stderr.split("\n").filter((l) => l.trim() !== "");
    assert.equal(second.code, 1, stderr);
    assert.equal(lines.length, 1, stderr);
    assert.match(
      lines[0],
      new RegExp(
        `^error: run ${runId} is being run right now by process ${live.pid} on .+; resuming it ` +
          `here would compute its cases twice`,
      ),
    );
    const refusedS = (performance.now() - t0) / 1000;
    // The live run (200 x 300 ms of cases) was untouched: once it has stored a case (on a loaded
    // machine the refusal can come before its first case ends), stop it and look at what it wrote.
    for (let i = 0; i < 600; i++) {
      const s = openStore(store);
      const n = s.getRun(runId)?.records.length ?? 0;
      s.close();
      if (n >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    live.kill("SIGINT");
    const out = await live.output();
    assert.equal(out.code, 130, new TextDecoder().decode(out.stderr));
    const s = openStore(store);
    const runs = s.listRuns();
    const doc = s.getRun(runId)!;
    s.close();
    assert.equal(runs.length, 1, "the refused resume started no run");
    assert.ok(doc.records.length >= 1 && doc.records.length < 200, `${doc.records.length}`);
    assert.ok(doc.records.every((r) => r.status === "completed"));
    assert.ok(refusedS < 30, `refused after ${refusedS.toFixed(1)} s`);
    // Interrupted cleanly, it gave its lease up: a later --resume may continue it.
    const leases = openRunLeases(store);
    assert.equal(leases.get(runId), null);
    leases.close();
  } finally {
    try {
      live.kill("SIGKILL");
    } catch { /* finished */ }
    await Deno.remove(dir, { recursive: true });
  }
});
