/**
 * End-to-end tests of the CLI, spawned as a subprocess with the toy fixture
 * suite (`--suite ./test/fixtures/toy_suite.ts`) and a temporary store.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/core/store/sqlite.ts";
import type { CaseResult, RunDocument } from "../../src/core/store/record.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const TOY = "./test/fixtures/toy_suite.ts";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function spawn(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", "src/cli.ts", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

async function cli(...args: string[]): Promise<Result> {
  const out = await spawn(args).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

function errorLines(r: Result): string[] {
  return r.stderr.split("\n").filter((l) => l.trim() !== "");
}

function content(r: CaseResult) {
  const base = { key: `${r.caseId}#${r.seed}`, status: r.status };
  if (r.status === "completed") {
    return { ...base, metrics: r.metrics, curves: r.curves, flags: r.flags };
  }
  if (r.status === "failed") return { ...base, error: r.error, metrics: r.metrics };
  return base;
}

function runContent(storePath: string, runId: string) {
  const store = openStore(storePath);
  try {
    return store.getRun(runId)!.records.map(content).sort((a, b) => a.key.localeCompare(b.key));
  } finally {
    store.close();
  }
}

function latestRunId(storePath: string): string {
  const store = openStore(storePath);
  try {
    return store.listRuns()[0].header.runId;
  } finally {
    store.close();
  }
}

async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "jepa-e2e-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("usage errors exit 2 with one error line and no stack trace", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["run", "--sed", "1"], /^error: run: unknown flag '--sed'/],
    [
      ["run", "--suite", TOY, "--backend", "cuda"],
      /^error: unknown backend "cuda"; expected one of: wasm/,
    ],
    [
      ["run", "--suite", TOY, "--profile", "huge"],
      /^error: unknown profile "huge" for suite "toy"/,
    ],
    [["run", "--suite", "nope"], /^error: unknown suite "nope"; known suites:/],
    [["run", "--suite", TOY, "--seeds", "3-1"], /^error: run: --seeds: malformed seeds "3-1"/],
    [
      ["run", "--suite", TOY, "--seeds", "-1"],
      /^error: run: --seeds: seeds are non-negative integers, got "-1"$/,
    ],
    [
      ["run", "--suite", TOY, "--seeds=-1"],
      /^error: run: --seeds: seeds are non-negative integers, got "-1"$/,
    ],
    [["run", "--suite", TOY, "--jobs", "-2"], /^error: run: --jobs must be a positive integer/],
    [
      ["run", "--suite", TOY, "--jobs", "100000"],
      /^error: run: --jobs must be at most \d+ \(4 per CPU, \d+ here, and never more than 64\), got 100000$/,
    ],
    [
      ["run", "--suite", TOY, "--case-timeout", "0"],
      /^error: run: --case-timeout must be a number of seconds in \(0, 1000000\], got "0"$/,
    ],
    [
      ["run", "--suite", TOY, "--case-timeout", "-5"],
      /^error: run: --case-timeout must be a number of seconds/,
    ],
    [["run", "--suite", TOY, "--case-timeout", "soon"], /^error: run: --case-timeout must be/],
    [["frobnicate"], /^error: unknown command "frobnicate"/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = errorLines(r);
    assert.equal(lines.length, 1, `${args.join(" ")}: ${r.stderr}`);
    assert.match(lines[0], pattern);
    assert.equal(r.stdout, "");
  }
  const help = await cli("run", "--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--resume \[runId\]/);
});

Deno.test("a store file that is not SQLite is a clear one-line error, exit 1", async () => {
  await withTemp(async (dir) => {
    const path = `${dir}/notes.db`;
    await Deno.writeTextFile(path, "my shopping list: eggs, milk, and more words to fill a page\n");
    for (const args of [["list", "--runs"], ["run", "--suite", TOY, "--profile", "edge"]]) {
      const r = await cli(...args, "--store", path);
      assert.equal(r.code, 1);
      assert.deepEqual(errorLines(r), [
        `error: store "${path}" is not a jepa-bench results store (file is not SQLite)`,
      ]);
    }
    assert.equal(
      await Deno.readTextFile(path),
      "my shopping list: eggs, milk, and more words to fill a page\n",
    );
  });
});

Deno.test("run records a NaN case as failed at its step, goes on, and exits 0", async () => {
  await withTemp(async (dir) => {
    const store = `${dir}/s.db`;
    const r = await cli("run", "--suite", TOY, "--store", store, "--jobs", "2");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /FAILED \(nan at step 7\)/);
    assert.match(r.stderr, /finished: 6 completed, 6 failed/);
    assert.match(r.stdout, /^fast\/a\s+[-\d.]+ \[[-\d.]+, [-\d.]+\]\s+3\s+0/m);
    assert.match(r.stdout, /^nan\s+-\s+0\s+3/m);
    const s = openStore(store);
    const runs = s.listRuns();
    assert.equal(runs.length, 1);
    assert.notEqual(runs[0].header.finishedAt, null);
    const nan = s.results({ caseId: "nan" });
    assert.equal(nan.length, 3);
    for (const rec of nan) {
      assert.ok(rec.status === "failed" && rec.error.kind === "nan" && rec.error.step === 7);
    }
    s.close();

    const show = await cli("show", "latest", "--store", store);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /nan seed 0: nan at step 7: loss is NaN/);
  });
});

Deno.test("run --case-timeout records a hung case as a timeout, kills its worker and exits 0", async () => {
  await withTemp(async (dir) => {
    const store = `${dir}/s.db`;
    const t0 = performance.now();
    const r = await cli(
      "run",
      "--suite",
      TOY,
      "--profile",
      "hangLate",
      "--case-timeout",
      "3",
      "--store",
      store,
    );
    const wallS = (performance.now() - t0) / 1000;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /finished: 0 completed, 1 failed/);
    assert.ok(wallS < 60, `took ${wallS} s`);
    const show = await cli("show", "latest", "--store", store);
    assert.match(
      show.stdout,
      /spin-late seed 0: timeout at step 3: case exceeded its time limit of 3 s/,
    );
  });
});

Deno.test("--jobs 1 and --jobs 2 record identical metrics", async () => {
  await withTemp(async (dir) => {
    const a = `${dir}/a.db`;
    const b = `${dir}/b.db`;
    assert.equal((await cli("run", "--suite", TOY, "--store", a, "--jobs", "1")).code, 0);
    assert.equal((await cli("run", "--suite", TOY, "--store", b, "--jobs", "2")).code, 0);
    const ca = runContent(a, latestRunId(a));
    assert.equal(ca.length, 12);
    assert.deepEqual(ca, runContent(b, latestRunId(b)));
  });
});

Deno.test("SIGINT keeps the completed cases; --resume runs only the rest and matches a clean run", async () => {
  await withTemp(async (dir) => {
    const store = `${dir}/s.db`;
    const child = spawn([
      "run",
      "--suite",
      TOY,
      "--profile",
      "slow",
      "--store",
      store,
      "--jobs",
      "1",
    ]);
    const output = child.output();
    let recorded = 0;
    const deadline = Date.now() + 20_000;
    while (recorded < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        const s = openStore(store);
        recorded = s.results().length;
        s.close();
      } catch { /* not created yet */ }
    }
    assert.ok(recorded >= 2, "the run never recorded 2 cases");
    child.kill("SIGINT");
    const out = await output;
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 130, stderr);
    const runId = latestRunId(store);
    assert.match(
      stderr,
      new RegExp(
        `resume with: deno task cli run --resume ${runId} --suite ${TOY} --store ${store}`,
      ),
    );

    const s = openStore(store);
    const before = s.getRun(runId)!;
    s.close();
    assert.equal(before.header.finishedAt, null);
    assert.ok(before.records.length >= 2 && before.records.length < 8, `${before.records.length}`);
    assert.ok(before.records.every((r) => r.status === "completed"));

    const resumed = await cli(
      "run",
      "--resume",
      runId,
      "--suite",
      TOY,
      "--store",
      store,
      "--jobs",
      "2",
    );
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`resuming run ${runId} .*; ${before.records.length} already completed\\)`),
    );
    const lines = resumed.stderr.split("\n").filter((l) => /^\[\d+\/8\] /.test(l));
    for (const r of before.records) {
      assert.ok(
        !lines.some((l) => l.includes(`${r.caseId} seed ${r.seed} `)),
        `${r.caseId} ran twice`,
      );
    }

    const clean = `${dir}/clean.db`;
    assert.equal(
      (await cli("run", "--suite", TOY, "--profile", "slow", "--store", clean, "--jobs", "2")).code,
      0,
    );
    const after = runContent(store, runId);
    assert.equal(after.length, 8);
    assert.deepEqual(after, runContent(clean, latestRunId(clean)));
  });
});

Deno.test("export then import into a fresh store round-trips the runs", async () => {
  await withTemp(async (dir) => {
    const a = `${dir}/a.db`;
    const b = `${dir}/b.db`;
    assert.equal((await cli("run", "--suite", TOY, "--store", a, "--jobs", "2")).code, 0);
    assert.equal((await cli("run", "--suite", TOY, "--profile", "edge", "--store", a)).code, 0);
    const file = `${dir}/out/runs.json`;
    const exp = await cli("export", "--store", a, "--out", file);
    assert.equal(exp.code, 0, exp.stderr);
    const imp = await cli("import", file, "--store", b);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /imported 2 run\(s\), 13 records/);
    const fromA = await cli("export", "--store", a);
    const fromB = await cli("export", "--store", b);
    assert.equal(fromB.stdout, fromA.stdout);
    const docs = JSON.parse(fromB.stdout) as RunDocument[];
    assert.equal(docs.length, 2);
    assert.match(fromB.stdout, /"score": null/); // the non-finite metric of the edge profile
    const one = await cli("show", docs[0].header.runId, "--json", "--store", b);
    assert.deepEqual(JSON.parse(one.stdout), docs[0]);
  });
});

Deno.test("importing a corrupt file writes nothing and names the bad field", async () => {
  await withTemp(async (dir) => {
    const a = `${dir}/a.db`;
    assert.equal((await cli("run", "--suite", TOY, "--profile", "edge", "--store", a)).code, 0);
    const exp = await cli("export", "--store", a);
    const docs = JSON.parse(exp.stdout);
    docs.push(structuredClone(docs[0]));
    docs[1].header.runId = "20260101T000000Z-bbbbbb";
    for (const r of docs[1].records) r.runId = "20260101T000000Z-bbbbbb";
    docs[1].records[0].timing.wallMs = "fast";
    const file = `${dir}/bad.json`;
    await Deno.writeTextFile(file, JSON.stringify(docs));
    const b = `${dir}/b.db`;
    const r = await cli("import", file, "--store", b);
    assert.equal(r.code, 1);
    assert.deepEqual(errorLines(r), [
      `error: "${file}": [1].records[0].timing.wallMs: expected a number, got "fast"`,
    ]);
    const s = openStore(b);
    assert.equal(s.listRuns().length, 0);
    s.close();
  });
});
