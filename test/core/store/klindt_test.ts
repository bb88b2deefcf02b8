/**
 * `import --format klindt`: result files of the paper's PyTorch code
 * (test/fixtures/klindt/, produced by its run.py) land in a store as a
 * submitted entry on jepa-bench's identifiability case ids, with their metric
 * values, an honest header, and clear refusals of what does not map.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { exportRuns, toJson } from "../../../src/core/store/io.ts";
import { klindtDocument, parsePaperJson } from "../../../src/core/store/klindt.ts";
import { METRIC_NAMES } from "../../../src/core/store/klindt_fields.ts";
import type { CompletedResult, RunDocument } from "../../../src/core/store/record.ts";
import { identifiabilityTarget, importKlindtFiles } from "../../../src/cli/import_klindt.ts";
import { identifiabilityCase, suite } from "../../../src/suites/identifiability.ts";
import { main } from "../../../src/cli.ts";
import type { CliIo } from "../../../src/cli/common.ts";
import {
  computeCompare,
  computeLeaderboard,
  DashboardData,
  parseCompareState,
  parseLeaderboardState,
} from "../../../dashboard/data/mod.ts";
import { makeCompleted, makeHeader } from "../../fixtures/records.ts";

const FIXTURES = new URL("../../fixtures/klindt/", import.meta.url);
const SPIRAL = new URL("spiral_lejepa_seed=1337.json", FIXTURES).pathname;
const GENNORM = new URL("banana_lejepa_alpha=0.25_seed=1337.json", FIXTURES).pathname;
const SCALING = new URL("N=4_lejepa_seed=0.json", FIXTURES).pathname;
const ALL = [SPIRAL, GENNORM, SCALING];

const target = await identifiabilityTarget();
const OPTS = { submitter: "test", finishedAt: "2026-05-01T12:00:00Z" };

async function raw(path: string): Promise<Record<string, unknown>> {
  return parsePaperJson(await Deno.readTextFile(path), path);
}

async function mapped(file: Record<string, unknown>, extra: { allowUnknown?: boolean } = {}) {
  return await klindtDocument(file, target, { source: "run.json", ...OPTS, ...extra });
}

function only(doc: RunDocument): CompletedResult {
  assert.equal(doc.records.length, 1);
  return doc.records[0] as CompletedResult;
}

Deno.test("the paper code's files round-trip through a store with their metric values", async () => {
  const store = openStore(":memory:");
  const { counts } = await importKlindtFiles(store, ALL, { submitter: "test" }, target);
  assert.deepEqual(counts, { runs: 3, records: 3, unchanged: 0 });
  const back = JSON.parse(toJson(exportRuns(store, { suite: "identifiability" }))) as RunDocument[];
  const byCase = new Map(back.map((d) => [only(d).caseId, d]));
  assert.deepEqual([...byCase.keys()].sort(), [
    "banana/gennorm(0.25)/N2/sigreg/mlp",
    "coupling/gaussian/N4/sigreg/coupling",
    "spiral/gaussian/N2/sigreg/mlp",
  ]);
  for (const path of ALL) {
    const file = await raw(path);
    const doc = [...byCase.values()].find((d) => d.header.tags.file === path.split("/").at(-1))!;
    const rec = only(doc);
    assert.equal(rec.seed, file.seed);
    let n = 0;
    for (const [paper, name] of Object.entries(METRIC_NAMES)) {
      if (!(paper in file)) continue;
      assert.equal(rec.metrics[name], file[paper], `${path}: ${paper} -> ${name}`);
      n++;
    }
    assert.ok(n >= 17, `${path}: only ${n} metrics`);
    const log = file.log as Record<string, number[]>;
    assert.deepEqual(rec.curves.loss, log.step.map((s, i) => [s, log.total[i]]));
    assert.equal(
      rec.flags.procrustes_within_bound,
      rec.metrics.procrustes_mse <= rec.metrics.approx_bound,
    );
    assert.equal(doc.header.env.backend, "external");
    assert.equal(rec.backend, "external");
    assert.equal(doc.header.tags.entry, "paper code (PyTorch) · sigreg");
    assert.equal(doc.header.tags.submitter, "test");
    assert.equal(doc.header.tags.implementation, "pytorch");
    assert.deepEqual(doc.header.suite, { id: "identifiability", version: suite.version });
    assert.equal(doc.header.profile, "external"); // a few hundred steps: no jepa-bench profile
  }
  const spiral = only(byCase.get("spiral/gaussian/N2/sigreg/mlp")!);
  assert.equal(spiral.metrics.grid_r2_hz, (await raw(SPIRAL)).r2_hz_grid);
  assert.equal(
    only(byCase.get("coupling/gaussian/N4/sigreg/coupling")!).metrics.grid_r2_hz,
    undefined,
  );
  store.close();
});

Deno.test("importing the same files again writes nothing, whatever their modification time", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const copy = join(dir, "spiral_lejepa_seed=1337.json");
    await Deno.copyFile(SPIRAL, copy);
    const store = openStore(join(dir, "results.db"));
    await importKlindtFiles(store, [copy, GENNORM], { submitter: "test" }, target);
    await Deno.utime(copy, new Date("2030-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"));
    const again = await importKlindtFiles(store, [copy, GENNORM], { submitter: "test" }, target);
    assert.deepEqual(again.counts, { runs: 2, records: 0, unchanged: 2 });
    assert.equal(store.listRuns().length, 2);
    store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a file's case id and params are identifiabilityCase's for the same settings", async () => {
  const spiral = only((await mapped(await raw(SPIRAL))).document);
  const want = identifiabilityCase({ mixing: "spiral", law: "gaussian", steps: 300 });
  assert.equal(spiral.caseId, want.id);
  assert.deepEqual(spiral.params, want.params);
  const gennorm = only((await mapped(await raw(GENNORM))).document);
  const g = identifiabilityCase({ mixing: "banana", law: "gennorm(0.25)", steps: 300 });
  assert.equal(gennorm.caseId, g.id);
  assert.deepEqual(gennorm.params, g.params);
  for (
    const [mode, lamb, objective, lambda] of [
      ["whiten", 0.5, "whitening", 0.5],
      ["infonce", null, "infonce", 1], // run.py's infonce mode is InfoNCE alone: lambda 1
    ] as const
  ) {
    const rec = only((await mapped({ ...(await raw(SPIRAL)), mode, lamb })).document);
    const c = identifiabilityCase({
      mixing: "spiral",
      law: "gaussian",
      objective,
      lambda,
      steps: 300,
    });
    assert.equal(rec.caseId, c.id);
    assert.deepEqual(rec.params, c.params);
  }
  const scaling = only((await mapped(await raw(SCALING))).document);
  const s = identifiabilityCase({
    mixing: "coupling",
    law: "gaussian",
    dim: 4,
    encoder: "coupling",
    layers: 4,
    lambda: 1e-6,
    steps: 300,
  });
  assert.equal(scaling.caseId, s.id);
  // run.py's scaling experiment keeps the best of K = 3 encoders: a setting jepa-bench lacks.
  assert.deepEqual(scaling.params, { ...s.params, select_best_of: 3 });
});

Deno.test("the profile is a jepa-bench profile only when every parameter and the seed match", async () => {
  const file = await raw(SPIRAL);
  const short = await mapped(file);
  assert.equal(short.profile, "external");
  assert.match(short.profileNote, /^profile "paper" differs: steps 300 \(profile: 20000\)$/);
  const paper = await mapped({ ...file, steps: 20_000 });
  assert.equal(paper.profile, "paper");
  assert.equal(paper.document.header.profile, "paper");
  assert.equal(only(paper.document).profile, "paper");
  const otherSeed = await mapped({ ...file, steps: 20_000, seed: 7 });
  assert.equal(otherSeed.profile, "external");
  assert.match(
    otherSeed.profileNote,
    /^profile "paper" differs: seed 7 \(not among the profile's seeds\)$/,
  );
  const scaling = await mapped({ ...(await raw(SCALING)), steps: 20_000 });
  assert.equal(scaling.profile, "external");
  assert.match(
    scaling.profileNote,
    /^profile "paper-scaling" differs: select_best_of 3 \(profile: none\)$/,
  );
});

Deno.test("an unknown field is refused by name unless --allow-unknown keeps it in tags", async () => {
  const file = { ...(await raw(SPIRAL)), foo: [1, 2] };
  await assert.rejects(() => mapped(file), {
    name: "TypeError",
    message: "run.json: field 'foo' is not known; --allow-unknown to keep it in tags",
  });
  await assert.rejects(() => mapped({ ...file, bar: 1 }), {
    message: "run.json: fields 'bar', 'foo' are not known; --allow-unknown to keep them in tags",
  });
  const kept = await mapped(file, { allowUnknown: true });
  assert.equal(kept.document.header.tags["paper.foo"], "[1,2]");
  const plain = await raw(SPIRAL);
  const log = { ...(plain.log as Record<string, unknown>), grad_norm: [1, 2, 3, 4] };
  await assert.rejects(() => mapped({ ...plain, log }), {
    message: "run.json: field 'log.grad_norm' is not known; --allow-unknown to keep them as curves",
  });
});

Deno.test("settings jepa-bench cannot express are all listed in one error", async () => {
  const file = await raw(SPIRAL);
  await assert.rejects(
    () => mapped({ ...file, mixing: "swiss", mode: "vicreg", source_dist: "uniform" }),
    {
      name: "TypeError",
      message: "run.json: settings jepa-bench's identifiability suite cannot express: " +
        'mixing "swiss" (expected one of spiral, banana, sinusoid, nvp, coupling); ' +
        'source_dist "uniform" (expected gaussian, laplace or gennorm); ' +
        'mode "vicreg" (expected one of lejepa, whiten, infonce)',
    },
  );
  await assert.rejects(() => mapped({ ...file, N: 3 }), {
    message: /N 3 with mixing "spiral" \(2D mixings need N = 2\)$/,
  });
  const { steps: _, ...noSteps } = file;
  await assert.rejects(() => mapped(noSteps), { message: /: steps is missing$/ });
});

Deno.test("NaN and Infinity as Python writes them become non-finite metrics (null in JSON, NaN read back)", async () => {
  const text = (await Deno.readTextFile(SPIRAL)).replace(/"r2_hz": [^,]+,/, '"r2_hz": NaN,')
    .replace(/"epsilon": [^,]+,/, '"epsilon": Infinity,');
  const rec = only((await mapped(parsePaperJson(text, "run.json"))).document);
  assert.ok(Number.isNaN(rec.metrics.r2_hz));
  assert.ok(Number.isNaN(rec.metrics.epsilon)); // the record format keeps no sign of infinity
  assert.ok(Number.isFinite(rec.metrics.r2_zh));
  assert.throws(() => parsePaperJson("{", "x.json"), {
    name: "SyntaxError",
    message: /^x\.json: /,
  });
  assert.throws(() => parsePaperJson("[1]", "x.json"), {
    message: "x.json: expected one run.py result object, got an array",
  });
});

function io(): CliIo & { text: () => string; errors: () => string } {
  let out = "", err = "";
  return {
    out: (t) => out += t,
    err: (t) => err += t,
    errIsTty: false,
    text: () => out,
    errors: () => err,
  };
}

Deno.test("the CLI imports the files, and answers usage mistakes with one line and exit 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const db = join(dir, "r.db");
    const ok = io();
    assert.equal(
      await main(["import", "--format", "klindt", "--submitter", "t", "--store", db, ...ALL], ok),
      0,
    );
    assert.match(
      ok.text(),
      /"spiral_lejepa_seed=1337.json" -> identifiability v3 "spiral\/gaussian\/N2\/sigreg\/mlp" seed 1337, profile external/,
    );
    assert.match(
      ok.text(),
      /imported 3 run\(s\), 3 records from 3 file\(s\) as "paper code \(PyTorch\) · sigreg" into/,
    );
    for (
      const [args, msg] of [
        [["--format", "klindt", SPIRAL], /--submitter <name> is required/],
        [["--format", "csv", SPIRAL], /--format "csv" is not known; expected json or klindt/],
        [["--format", "klindt", "--submitter", "t"], /missing <result.json>/],
        [["--submitter", "t", SPIRAL], /--submitter goes with --format klindt/],
      ] as const
    ) {
      const t = io();
      assert.equal(await main(["import", "--store", db, ...args], t), 2, args.join(" "));
      assert.match(t.errors(), msg);
      assert.equal(t.errors().split("\n").length, 2, "one line");
    }
    const bad = join(dir, "bad.json");
    await Deno.writeTextFile(bad, JSON.stringify({ ...(await raw(SPIRAL)), foo: 1 }));
    const t = io();
    assert.equal(
      await main(
        ["import", "--format", "klindt", "--submitter", "t", "--store", db, SPIRAL, bad],
        t,
      ),
      1,
    );
    assert.equal(
      t.errors(),
      `error: ${bad}: field 'foo' is not known; --allow-unknown to keep it in tags\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the dashboard data sees the paper code and jepa-bench as two entries on one case", async () => {
  const store = openStore(":memory:");
  await importKlindtFiles(store, [SPIRAL], { submitter: "test" }, target);
  const spec = identifiabilityCase({ mixing: "spiral", law: "gaussian", steps: 300 });
  const runId = "20260501T120000Z-local1";
  const rec = makeCompleted(runId, spec.id, 1337, { r2_hz: 0.95, grid_r2_hz: 0.9 });
  store.importDocument({
    schemaVersion: 1,
    header: makeHeader({
      runId,
      suite: { id: "identifiability", version: suite.version },
      profile: "smoke",
      seeds: [1337],
    }),
    records: [{
      ...rec,
      suite: "identifiability",
      suiteVersion: suite.version,
      params: spec.params,
    }],
  });
  const ds = new DashboardData(store, { suites: [suite] }).dataset("identifiability")!;
  const paper = ds.entries.find((e) => e.submission)!;
  assert.deepEqual(
    { key: paper.key, name: paper.name, submitter: paper.submitter },
    {
      key: "sub:paper code (PyTorch) · sigreg",
      name: "paper code (PyTorch) · sigreg",
      submitter: "test",
    },
  );
  assert.ok(ds.entries.some((e) => e.key === "sigreg" && !e.submission));
  const c = ds.cases.indexOf(spec.id);
  assert.deepEqual(ds.cells.filter((x) => x.c === c).map((x) => ds.entries[x.e].key).sort(), [
    "sigreg",
    "sub:paper code (PyTorch) · sigreg",
  ]);
  assert.deepEqual(ds.backends.toSorted(), ["external", "wasm"]);
  const view = computeCompare(
    ds,
    parseCompareState(new URLSearchParams({ a: paper.key, b: "sigreg" }), ds),
  );
  const r2 = view.metrics.find((m) => m.metric.name === "r2_hz")!;
  assert.equal(r2.aMean, (await raw(SPIRAL)).r2_hz);
  assert.equal(r2.bMean, 0.95);
  const board = computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams(), ds));
  assert.equal(board.rows.find((r) => r.entry.key === paper.key)!.status, "submitted");
  store.close();
});
