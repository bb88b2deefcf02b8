/**
 * The leaderboard's facet filters and per-case matrix, entry colours across
 * pages, and the run page's reproduce command and baseline, in headless
 * Chromium: light at desktop width, and dark on a 390 px phone, where no
 * page may scroll sideways (wide tables scroll inside their own box). Each
 * variant is a browser session of its own, so the colour scheme and the
 * width are each tested once rather than as a 2 x 2 product.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { FIXTURE_SUITES, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";
import { bundleIslands } from "../../dashboard/bundle.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import { launchChromium } from "./chromium.ts";
import { islandsReady as ready, openPage as open, sideways } from "./pages.ts";

/** The matrix: per row, the cell means and which cells are marked best. */
async function matrixRows(page: Page) {
  return await page.$$eval('[data-testid="matrix"] tbody tr', (trs) =>
    trs.map((tr) => ({
      task: tr.getAttribute("data-task")!,
      cells: [...tr.querySelectorAll("td[data-entry]")].map((td) => ({
        entry: td.getAttribute("data-entry")!,
        mean: Number(td.querySelector(".mean")!.textContent),
        best: td.getAttribute("data-best") === "1",
        ci: td.querySelector(".ci")!.textContent ?? "",
      })),
    })));
}

const docs = makeFixtureRuns({ commits: 4 });
const store = new MemoryStore();
for (const d of docs) if (d.header.tags.baseline === undefined) store.importDocument(d);
const v2 = docs.filter((d) =>
  d.header.suite.id === "identifiability" && d.header.suite.version === 2 &&
  d.header.tags.baseline === undefined && d.header.tags.entry === undefined
);
const baseline: RunDocument = {
  ...v2[0],
  header: { ...v2[0].header, runId: "baseline-ci-wasm", tags: { baseline: "ci-wasm" } },
  records: v2[0].records.map((r) => ({ ...r, runId: "baseline-ci-wasm" })),
};
const data = new DashboardData(store, { suites: FIXTURE_SUITES, baselines: [baseline] });
const ident = data.dataset("identifiability")!;
const run = v2.at(-1)!.header;

for (
  const [scheme, width] of [["light", 1280], ["dark", 390]] as const
) {
  Deno.test({
    name: `${scheme} at ${width} px: facet filters, per-case matrix, colours, reproduce command`,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const live = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen: () => {} },
        createHandler({ data, bundle: await bundleIslands() }),
      );
      const { context, close } = await launchChromium({ colorScheme: scheme, width, height: 900 });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        const root = `http://127.0.0.1:${live.addr.port}/`;
        const fits = async (what: string) => {
          const { scroll, client, wide } = await sideways(page);
          assert.equal(client, width, `${what}: viewport`);
          assert.ok(scroll <= client, `${what}: page is ${scroll} px wide (${wide.join(", ")})`);
          assert.deepEqual(wide, [], `${what}: elements past the right edge`);
        };

        // The theme follows the colour scheme.
        assert.deepEqual(await open(page, root + "leaderboard/"), []);
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r, g, b] = bg.match(/\d+/g)!.map(Number);
        const light = (r + g + b) / 3 > 128;
        assert.equal(light, scheme === "light", `body background ${bg}`);
        await fits("leaderboard");

        // One filter per declared facet with more than one value, made from the declarations.
        const selects = await page.$$eval(
          "form.controls select",
          (ss) => ss.map((s) => s.getAttribute("name")!),
        );
        const declared = ident.facets.filter((f) => f.values.length > 1).map((f) => f.name);
        assert.deepEqual(declared, ["law", "dim", "case"]);
        for (const f of declared) assert.ok(selects.includes(f), `no filter for facet ${f}`);
        assert.ok(!selects.includes("mixing"), "a facet with one value offers nothing to pick");

        // The per-case matrix: rows are tasks, the best of each row marked by direction.
        await page.click('button[data-view="matrix"]');
        await page.waitForURL(/view=matrix/);
        await ready(page);
        const rows = await matrixRows(page);
        assert.equal(rows.length, ident.tasks.length);
        const header = await page.$$eval(
          '[data-testid="matrix"] thead th[data-entry]',
          (ths) => ths.map((th) => th.getAttribute("data-entry")!),
        );
        assert.ok(header.includes("sigreg") && header.includes("none"));
        for (const row of rows) {
          const top = Math.max(...row.cells.map((c) => c.mean));
          const best = row.cells.filter((c) => c.best);
          assert.ok(best.length > 0 || row.cells.length < 2, `${row.task}: nothing marked`);
          for (const c of best) assert.equal(c.mean, top, `${row.task}: ${c.entry} marked`);
        }
        assert.match(rows[0].cells[0].ci, /^\[.*, .*\]$/);
        await fits("matrix");

        // Lower is better: the marks move to the smallest means.
        await page.selectOption('select[name="metric"]', "procrustesMse");
        await page.waitForURL(/metric=procrustesMse/);
        await ready(page);
        for (const row of await matrixRows(page)) {
          const min = Math.min(...row.cells.map((c) => c.mean));
          for (const c of row.cells.filter((x) => x.best)) assert.equal(c.mean, min, row.task);
        }

        // A facet filter keeps one task; the state survives a reload.
        await page.selectOption('select[name="case"]', "coupling/laplace/N8");
        await page.waitForURL(/case=coupling%2Flaplace%2FN8/);
        await ready(page);
        assert.deepEqual((await matrixRows(page)).map((r) => r.task), ["coupling/laplace/N8"]);
        await page.selectOption('select[name="law"]', "gaussian");
        await page.waitForURL(/law=gaussian/);
        await ready(page);
        assert.equal((await matrixRows(page)).length, 0, "no gaussian task is laplace");
        await page.selectOption('select[name="law"]', "");
        await page.waitForURL((u) => !u.search.includes("law="));
        await ready(page);
        const url = page.url();
        assert.deepEqual(await open(page, url), []);
        assert.equal(
          await page.$eval('select[name="case"]', (s) => (s as HTMLSelectElement).value),
          "coupling/laplace/N8",
        );
        assert.equal((await matrixRows(page)).length, 1);
        await fits("filtered matrix");

        // The same entry has the same colour on the leaderboard, the history and head-to-head.
        assert.deepEqual(await open(page, root + "leaderboard/"), []);
        const boardColor = await page.$eval(
          'tr[data-entry="vicreg"] .swatch',
          (s) => s.getAttribute("data-entry-color"),
        );
        assert.deepEqual(await open(page, root + "history/"), []);
        const historyColor = await page.$eval(
          '.legend button[title="vicreg"] .swatch',
          (s) => s.getAttribute("data-color"),
        );
        assert.ok(
          boardColor !== null && boardColor === historyColor,
          `${boardColor} vs ${historyColor}`,
        );
        await fits("history");
        assert.deepEqual(
          await open(page, root + "compare/?suite=identifiability&a=vicreg&b=sigreg"),
          [],
        );
        assert.equal(
          await page.$eval(".side.a", (s) => s.getAttribute("data-entry-color")),
          boardColor,
        );
        await fits("compare");

        // The run page: first the command that reproduces it, readable without scrolling sideways.
        assert.deepEqual(await open(page, `${root}runs/${runSlug(run.runId)}/`), []);
        const command = await page.$eval(
          '[data-testid="reproduce-command"]',
          (pre) => ({
            text: pre.textContent ?? "",
            right: pre.getBoundingClientRect().right,
            top: pre.getBoundingClientRect().top,
            visible: (pre as HTMLElement).offsetHeight > 0,
          }),
        );
        assert.ok(command.visible);
        assert.ok(command.right <= width, `command box ends at ${command.right}`);
        assert.ok(
          command.text.startsWith(`git checkout ${run.git.commit} && npx -y deno@`) &&
            command.text.includes("--suite identifiability --profile smoke"),
          command.text,
        );
        const firstTable = await page.$eval(
          '[data-testid="records"]',
          (t) => t.getBoundingClientRect().top,
        );
        assert.ok(command.top < firstTable, "the command comes before the values");
        // Its stored baseline is drawn on the curve of the metric's name, and linked.
        await page.waitForSelector('[data-testid="baseline-r2"]');
        assert.ok(await page.$(`a[href$="runs/${runSlug("baseline-ci-wasm")}/"]`));
        await page.waitForSelector('canvas[data-testid="curve-r2"][data-ready="1"]');
        await fits("run");
      } finally {
        await close();
        await live.shutdown();
      }
    },
  });
}
