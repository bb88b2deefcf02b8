import assert from "node:assert/strict";
import { metricHistory } from "../../../src/core/ci/history.ts";
import { openStore } from "../../../src/core/store/sqlite.ts";
import type { ResultsStore } from "../../../src/core/store/store.ts";
import { Rng } from "../../../src/core/random.ts";
import { main } from "../../../src/cli.ts";
import type { CliIo } from "../../../src/cli/common.ts";
import { makeCompleted, makeHeader } from "../../fixtures/records.ts";

const GATE = new URL("../../fixtures/gate_suite.ts", import.meta.url).pathname;

/** A 40-digit sha whose first digits count commits. */
const sha = (i: number) => (i + 1).toString(16).padStart(4, "0") + "c".repeat(36);

/** One run per commit, 2 cases x 3 seeds, metric r2 = level(commit) + noise. */
function fill(store: ResultsStore, levels: number[], noise: number, seed: number): void {
  const rng = new Rng(seed, "history-test");
  levels.forEach((level, i) => {
    const runId = `2026010${Math.floor(i / 10)}T0000${String(i % 10).padStart(2, "0")}Z-run${i}`;
    const t = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    store.beginRun(makeHeader({
      runId,
      suite: { id: "gate", version: 1 },
      profile: "ci",
      startedAt: t,
      finishedAt: t,
      git: { commit: sha(i), dirty: false, branch: "main" },
    }));
    for (const c of ["dim2", "dim4"]) {
      for (const s of [0, 1, 2]) {
        const r = makeCompleted(runId, c, s, { r2: level + noise * rng.normal() });
        store.putResult({ ...r, suite: "gate", profile: "ci" });
      }
    }
  });
}

function capture(): CliIo & { text: () => string } {
  let out = "";
  return { out: (t) => (out += t), err: () => {}, errIsTty: false, text: () => out };
}

Deno.test("metricHistory() pools each commit and finds a planted step at the right commit", () => {
  const store = openStore(":memory:");
  const levels = Array.from({ length: 14 }, (_, i) => (i < 9 ? 0.95 : 0.85));
  fill(store, levels, 0.01, 1);
  const h = metricHistory(store, { suite: "gate", metric: "r2", direction: "higher" });
  assert.equal(h.points.length, 14);
  assert.ok(h.points.every((p) => p.cases === 2 && p.n === 6));
  assert.equal(h.changes.length, 1);
  assert.equal(h.changes[0].index, 9);
  assert.equal(h.changes[0].kind, "regression");
  assert.equal(h.changes[0].commit, sha(9));
  assert.ok(
    Math.abs(h.changes[0].before - 0.95) < 0.01 && Math.abs(h.changes[0].after - 0.85) < 0.01,
  );
  // The same step read as lower-is-better is an improvement.
  assert.equal(
    metricHistory(store, { suite: "gate", metric: "r2", direction: "lower" }).changes[0].kind,
    "improvement",
  );
  store.close();
});

Deno.test("metricHistory() finds no change point in noise", () => {
  for (const seed of [2, 3, 4]) {
    const store = openStore(":memory:");
    fill(store, Array.from({ length: 20 }, () => 0.9), 0.01, seed);
    assert.deepEqual(
      metricHistory(store, { suite: "gate", metric: "r2" }).changes,
      [],
      `seed ${seed}`,
    );
    store.close();
  }
});

Deno.test("history command prints the series, flags the step, and gives JSON", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-history-" });
  try {
    const path = `${dir}/results.db`;
    const store = openStore(path);
    fill(store, Array.from({ length: 12 }, (_, i) => (i < 6 ? 0.9 : 0.6)), 0.01, 5);
    store.close();
    const io = capture();
    assert.equal(await main(["history", GATE, "r2", "--store", path], io), 0);
    assert.match(io.text(), /<- REGRESSION: 0\.9\d* -> 0\.6\d*/);
    assert.match(io.text(), /1 change point\(s\): regression at 0007cccccccc\n/);
    const js = capture();
    assert.equal(
      await main(["history", GATE, "r2", "--store", path, "--case", "dim4", "--json"], js),
      0,
    );
    const h = JSON.parse(js.text());
    assert.equal(h.caseId, "dim4");
    assert.equal(h.points.length, 12);
    assert.deepEqual(h.changes.map((c: { index: number }) => c.index), [6]);
    const bad = capture();
    assert.equal(await main(["history", GATE, "nope", "--store", path], bad), 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
