/**
 * The static dashboard built from a results corpus (the default source of
 * `dashboard:build`): a corpus holding one small real run shows that run on the
 * home, leaderboard and run pages, marked verified.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { addToCorpus } from "../../src/core/corpus/add.ts";
import { validateRunDocument } from "../../src/core/store/validate.ts";
import { buildStaticSite } from "../../dashboard/build.ts";
import { runSlug } from "../../dashboard/data/links.ts";
import { openDashboardData } from "../../dashboard/setup.ts";
import { cleanAt, tempRepo, toyRun } from "../fixtures/corpus_fixtures.ts";
import { denoRun } from "../fixtures/deno_run.ts";

const BUNDLE = "/* test bundle */";

Deno.test("a build from a corpus with one real run shows it on the home, leaderboard and run pages", async () => {
  const repo = await tempRepo();
  try {
    const corpus = join(repo.dir, "corpus");
    const run = cleanAt(await toyRun({ fastOnly: true }), await repo.git("rev-parse", "HEAD"));
    const { entry } = await addToCorpus(corpus, run);
    const published = await Deno.readTextFile(join(corpus, entry.path));
    const noBaselines = join(repo.dir, "no-baselines");
    const data = await openDashboardData({ corpusDir: corpus, baselinesDir: noBaselines });
    const out = join(repo.dir, "site");
    try {
      assert.deepEqual(data.runIds(), [run.header.runId]);
      await buildStaticSite({ data, outDir: out, bundle: BUNDLE });
    } finally {
      data.store.close();
    }
    const id = run.header.runId;
    const page = (rel: string) => Deno.readTextFile(join(out, rel));
    // Home: the run in the latest runs, marked verified.
    const home = await page("index.html");
    const row = new RegExp(
      `<tr><td><a href="runs/${runSlug(id)}/">${id}</a></td><td>toy v1</td>` +
        `<td><code>${run.header.git.commit!.slice(0, 7)}</code></td><td>wasm</td>` +
        `<td>[^<]*</td><td>verified</td></tr>`,
    );
    assert.match(home, row);
    // Leaderboard (the only suite with results): the toy entry, verified, with the mean over
    // its two tasks of the per-task seed means of the first metric (loss, by name).
    const board = await page("leaderboard/index.html");
    const m = new RegExp(
      '<tr data-entry="toy">.*?<span class="badge verified">verified</span></td>' +
        '<td class="num mean">([^<]+)</td>',
    ).exec(board);
    assert.ok(m, "no verified toy row on the leaderboard");
    const perTask = ["fast/a", "fast/b"].map((c) => {
      const values = run.records.flatMap((r) =>
        r.caseId === c && r.status === "completed" ? [r.metrics.loss] : []
      );
      assert.equal(values.length, 3);
      return values.reduce((a, b) => a + b, 0) / values.length;
    });
    const want = (perTask[0] + perTask[1]) / 2;
    assert.ok(Math.abs(Number(m[1]) - want) <= 5e-4 * Math.abs(want), `${m[1]} vs ${want}`);
    // Run page and its download: the corpus document itself.
    const runPage = await page(`runs/${runSlug(id)}/index.html`);
    for (const needle of [id, "fast/a", "fast/b", "verified_commit"]) {
      assert.ok(runPage.includes(needle), `run page lacks ${needle}`);
    }
    const download = validateRunDocument(JSON.parse(await page(`runs/${runSlug(id)}/run.json`)));
    assert.deepEqual(download, validateRunDocument(JSON.parse(published)));
    // A document changed after corpus add is not published.
    await Deno.writeTextFile(join(corpus, entry.path), published.replace(`"seed": 0`, `"seed": 1`));
    await assert.rejects(
      () => openDashboardData({ corpusDir: corpus, baselinesDir: noBaselines }),
      new RegExp(`^Error: corpus ${join(corpus, entry.path)}: sha256 .* does not match index.json`),
    );
  } finally {
    await Deno.remove(repo.dir, { recursive: true });
  }
});

const ROOT = new URL("../../", import.meta.url).pathname;

const build = (...args: string[]) => denoRun("dashboard/build.ts", ...args);

Deno.test("dashboard:build publishes the committed corpus by default, and refuses --corpus with --store", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-corpus-site-" });
  try {
    const site = await build("--out", join(dir, "site"));
    assert.equal(site.code, 0, site.err);
    const index = JSON.parse(await Deno.readTextFile(join(ROOT, "corpus", "index.json")));
    const runs = index.documents.length;
    const from = `from corpus corpus \\(${runs} runs\\)`;
    assert.match(
      site.out,
      new RegExp(`^dashboard: wrote \\d+ files \\([\\d.]+ MB\\) to .* ${from}\n$`),
    );
    assert.ok((await Deno.stat(join(dir, "site", "index.html"))).isFile);
    const both = await build("--corpus", "corpus", "--store", "x.db", "--out", join(dir, "b"));
    assert.equal(both.code, 2);
    assert.equal(
      both.err,
      "error: give --corpus or --store, not both (the default is --corpus corpus)\n",
    );
    const none = await build("--corpus", join(dir, "nowhere"), "--out", join(dir, "c"));
    assert.equal(none.code, 1);
    assert.equal(none.err, `error: no corpus folder "${join(dir, "nowhere")}"\n`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
