/**
 * Concurrent writers: several processes write one SQLite store at once (the
 * store is created by whichever opens it first) and real `run`s of the crash
 * fixture suite share a store; no record may be lost.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openStore } from "../../src/core/store/sqlite.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const WRITER = new URL("./store_writer.ts", import.meta.url).pathname;

function deno(args: string[]): Promise<Deno.CommandOutput> {
  return new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
}

function integrity(path: string): string {
  const db = new DatabaseSync(path);
  try {
    return String(db.prepare("PRAGMA integrity_check").get()?.integrity_check);
  } finally {
    db.close();
  }
}

Deno.test("six processes writing one new store at once lose no record", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-conc-" });
  const path = `${dir}/sub/results.db`;
  try {
    // Writers 0-3 each own a run; writers 4 and 5 share one run (different cases).
    const plan = [
      ["run-a", "a", 150],
      ["run-b", "b", 150],
      ["run-c", "c", 150],
      ["run-d", "d", 150],
      ["run-shared", "left", 150],
      ["run-shared", "right", 150],
    ] as const;
    const t0 = performance.now();
    const outs = await Promise.all(
      plan.map(([runId, prefix, n]) =>
        deno(["run", "-A", "-q", WRITER, path, runId, prefix, `${n}`])
      ),
    );
    const ms = performance.now() - t0;
    outs.forEach((o, i) => {
      assert.equal(o.code, 0, `writer ${i}: ${new TextDecoder().decode(o.stderr)}`);
    });
    assert.equal(integrity(path), "ok");
    const store = openStore(path);
    try {
      const runs = store.listRuns();
      assert.deepEqual(runs.map((r) => r.header.runId).sort(), [
        "run-a",
        "run-b",
        "run-c",
        "run-d",
        "run-shared",
      ]);
      const total = plan.reduce((s, p) => s + p[2], 0);
      const all = store.results();
      assert.equal(all.length, total);
      for (const [runId, prefix, n] of plan) {
        const mine = all.filter((r) => r.runId === runId && r.caseId.startsWith(`${prefix}/`));
        assert.equal(mine.length, n, `${runId}/${prefix}`);
        const scores = mine.map((r) => (r.status === "completed" ? r.metrics.score : -1));
        assert.deepEqual(scores.sort((x, y) => x - y), Array.from({ length: n }, (_, i) => i));
      }
      console.log(
        `concurrent writers: 6 processes, ${total} single-transaction writes, ` +
          `${all.length} stored, ${(ms / 1000).toFixed(1)} s wall`,
      );
    } finally {
      store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("three real runs writing one store at once all finish with every record", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-conc-run-" });
  const path = `${dir}/results.db`;
  try {
    const args = (profile: string) => [
      "run",
      "-A",
      "-q",
      "src/cli.ts",
      "run",
      "--suite",
      "./test/reliability/crash_suite.ts",
      "--profile",
      profile,
      "--store",
      path,
      "--jobs",
      "1",
    ];
    const outs = await Promise.all([deno(args("tiny")), deno(args("tiny")), deno(args("quick"))]);
    outs.forEach((o, i) =>
      assert.equal(o.code, 0, `run ${i}: ${new TextDecoder().decode(o.stderr)}`)
    );
    assert.equal(integrity(path), "ok");
    const store = openStore(path);
    try {
      const runs = store.listRuns();
      assert.equal(runs.length, 3);
      const byProfile = runs.map((
        r,
      ) => [r.header.profile, r.counts.completed, r.header.finishedAt !== null]);
      assert.deepEqual(
        byProfile.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || 0),
        [["quick", 8, true], ["tiny", 6, true], ["tiny", 6, true]],
      );
      // The two tiny runs are independent runs with identical results.
      const tiny = runs.filter((r) => r.header.profile === "tiny").map((r) =>
        store.getRun(r.header.runId)!.records.map((x) =>
          x.status === "completed" ? x.metrics : null
        )
      );
      assert.deepEqual(tiny[0], tiny[1]);
    } finally {
      store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
