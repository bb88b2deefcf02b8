/**
 * The dashboard in headless Chromium, served live and as a static export
 * from a plain file server. Needs /usr/bin/chromium: a missing browser fails
 * the test with an install hint (nothing is skipped).
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { FIXTURE_SUITES, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
import { computeHistory, DashboardData, parseHistoryState } from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";
import { bundleIslands } from "../../dashboard/bundle.ts";
import { buildStaticSite } from "../../dashboard/build.ts";
import { launchChromium, serveDirectory } from "./chromium.ts";
import { openPage as open } from "./pages.ts";

interface ChartLike {
  data: { datasets: { label: string; data: unknown[] }[] };
  getDatasetMeta(i: number): { data: { x: number; y: number }[] };
}

async function entries(page: Page): Promise<string[]> {
  return await page.$$eval(
    "table.board tbody tr",
    (rows) => rows.map((r) => r.getAttribute("data-entry")!),
  );
}

async function meanOf(page: Page, key: string): Promise<string> {
  return await page.$eval(`tr[data-entry="${key}"] td.mean`, (td) => td.textContent ?? "");
}

Deno.test({
  name: "dashboard pages work in headless Chromium, live and as a static export",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    const data = new DashboardData(makeFixtureStore(), { suites: FIXTURE_SUITES });
    const bundle = await bundleIslands();
    const live = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      createHandler({ data, bundle }),
    );
    const out = await Deno.makeTempDir({ prefix: "jepa-bench-static-" });
    await buildStaticSite({ data, outDir: out, bundle });
    const files = serveDirectory(out);
    const ident = data.dataset("identifiability")!;
    const historyRuns = computeHistory(ident, parseHistoryState(new URLSearchParams(), ident)).runs;
    const { context, close } = await launchChromium();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      for (
        const [mode, root] of [["live", `http://127.0.0.1:${live.addr.port}/`], [
          "static",
          files.url,
        ]]
      ) {
        await t.step(`${mode}: every page loads with no console error`, async () => {
          const runPath = `runs/${historyRuns[0].id}/`;
          for (const path of ["", "leaderboard/", "compare/", "history/", "suites/", runPath]) {
            const errors = await open(page, root + path);
            assert.deepEqual(errors, [], `console errors on /${path}`);
            assert.ok((await page.title()).endsWith("jepa-bench"), `/${path} has a title`);
          }
          await page.waitForSelector('canvas[data-testid="curve-loss"][data-ready="1"]');
        });

        await t.step(
          `${mode}: the leaderboard sorts and filters, with its state in the URL`,
          async () => {
            assert.deepEqual(await open(page, root + "leaderboard/"), []);
            const ranked = await entries(page);
            assert.equal(ranked.length, 9);
            await page.click('button[data-sort="name"]');
            await page.waitForURL(/sort=name/);
            const byName = await entries(page);
            const names = await page.$$eval(
              "table.board tbody td.entry a",
              (as) => as.map((a) => a.textContent!),
            );
            assert.deepEqual(
              names,
              [...names].sort((a, b) => a.localeCompare(b)),
            );
            assert.notDeepEqual(byName, ranked);
            await page.click('button[data-sort="name"]');
            await page.waitForURL(/dir=desc/);
            assert.deepEqual(await entries(page), [...byName].reverse());
            const before = await meanOf(page, "sigreg");
            await page.selectOption('select[name="law"]', "gennorm(0.5)");
            await page.waitForURL(/law=gennorm/);
            await page.waitForFunction(() =>
              document.querySelector(".leaderboard")?.getAttribute("data-status") === "ready"
            );
            const after = await meanOf(page, "sigreg");
            assert.ok(
              Number(after) < Number(before) - 0.05,
              `law filter changed sigreg ${before} -> ${after}`,
            );
            assert.equal((await entries(page)).length, 7, "submissions have no gennorm results");
            // The shared URL restores the same view in a fresh page load.
            const shared = page.url();
            await open(page, shared);
            await page.waitForFunction(() =>
              document.querySelectorAll("table.board tbody tr").length === 7
            );
            assert.equal(await meanOf(page, "sigreg"), after);
            assert.equal(
              await page.$eval('select[name="law"]', (s) => (s as HTMLSelectElement).value),
              "gennorm(0.5)",
            );
          },
        );

        await t.step(`${mode}: the head-to-head draws its charts`, async () => {
          assert.deepEqual(
            await open(page, root + "compare/?suite=identifiability&a=sigreg&b=vicreg"),
            [],
          );
          await page.waitForSelector(
            'canvas[data-testid="compare-chart-identifiability"][data-ready="1"]',
          );
          const lines = await page.$eval(
            'canvas[data-testid="compare-chart-identifiability"]',
            (c) => {
              const chart = (c as unknown as { __chart: ChartLike }).__chart;
              return chart.data.datasets.filter((d) => !d.label.includes("(CI")).map((
                d,
              ) => [d.label, d.data.length]);
            },
          );
          assert.equal(lines.length, 6, JSON.stringify(lines));
          assert.ok(lines.every(([, n]) => n === 5));
          const verdict = await page.$eval(
            'tr[data-metric="r2"] td.verdict',
            (td) => td.textContent,
          );
          assert.equal(verdict, "A better");
          // The canvas has pixels drawn on it.
          const inked = await page.$eval(
            'canvas[data-testid="compare-chart-identifiability"]',
            (c) => {
              const cv = c as HTMLCanvasElement;
              const px = cv.getContext("2d")!.getImageData(0, 0, cv.width, cv.height).data;
              let n = 0;
              for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
              return n;
            },
          );
          assert.ok(inked > 1000, `only ${inked} pixels drawn`);
          assert.deepEqual(await open(page, root + "compare/?suite=generalization"), []);
          await page.waitForSelector(
            'canvas[data-testid="compare-chart-generalization-k"][data-ready="1"]',
          );
          const kLines = await page.$eval(
            'canvas[data-testid="compare-chart-generalization-k"]',
            (c) => {
              const chart = (c as unknown as { __chart: ChartLike }).__chart;
              return chart.data.datasets.filter((d) => !d.label.includes("(CI")).length;
            },
          );
          assert.equal(kLines, 24, "regret against k: 2 objectives × 6 cases × 2 sample sizes");
          await open(page, root + "compare/?suite=identifiability&a=sigreg&b=vicreg");
          await page.selectOption('select[name="b"]', "whitening");
          await page.waitForURL(/b=whitening/);
          await page.waitForFunction(() =>
            document.querySelector("h2 .side.b")?.textContent === "B: whitening"
          );
        });

        await t.step(`${mode}: a click on a history point opens its run`, async () => {
          assert.deepEqual(await open(page, root + "history/?suite=identifiability&metric=r2"), []);
          await page.waitForSelector('canvas[data-testid="history-chart"][data-ready="1"]');
          const target = await page.$eval('canvas[data-testid="history-chart"]', (c) => {
            const chart = (c as unknown as { __chart: ChartLike }).__chart;
            const i = chart.data.datasets.findIndex((d) => d.label === "vicreg");
            const p = chart.getDatasetMeta(i).data[4];
            const r = c.getBoundingClientRect();
            return { x: r.left + p.x, y: r.top + p.y };
          });
          assert.equal(await page.locator('[data-testid="change-points"] li').count(), 1);
          await page.mouse.click(target.x, target.y);
          await page.waitForURL(/\/runs\/[^/]+\/$/);
          const h1 = await page.textContent("h1");
          assert.equal(h1, `Run ${historyRuns[4].id}`);
          await page.waitForSelector('a[data-testid="download"]');
        });

        await t.step(
          `${mode}: another metric on the history page loads that metric's history alone`,
          async () => {
            assert.deepEqual(
              await open(page, root + "history/?suite=identifiability&metric=r2"),
              [],
            );
            await page.waitForSelector('canvas[data-testid="history-chart"][data-ready="1"]');
            const asked: string[] = [];
            const seen = (r: { url(): string }) => asked.push(r.url());
            page.on("request", seen);
            await page.selectOption('select[name="metric"]', "orthError");
            await page.waitForURL(/metric=orthError/);
            await page.waitForFunction(() =>
              document.querySelector(".history")?.getAttribute("data-status") === "ready"
            );
            page.off("request", seen);
            // The metric's history, and the cells unless the browser holds them already; never
            // the whole dataset (dashboard/data/slices.ts).
            const data = asked.filter((u) => u.includes("/data/")).map((u) =>
              u.slice(u.indexOf("/data/"))
            );
            assert.ok(
              data.includes("/data/suites/identifiability/history/orthError.json") &&
                data.every((u) =>
                  u === "/data/suites/identifiability/history/orthError.json" ||
                  u === "/data/suites/identifiability/cells.json"
                ),
              JSON.stringify(data),
            );
            // The chart now shows orthError (about 0.02), not R² (about 0.9).
            const values = await page.$eval('canvas[data-testid="history-chart"]', (c) => {
              const chart = (c as unknown as { __chart: ChartLike }).__chart;
              const d = chart.data.datasets.find((d) => d.label === "sigreg")!;
              return (d.data as (number | null)[]).filter((v) => v !== null) as number[];
            });
            assert.ok(
              values.length >= 4 && values.every((v) => v > 0 && v < 0.1),
              JSON.stringify(values),
            );
          },
        );

        await t.step(`${mode}: a submission's script tag in its name stays text`, async () => {
          assert.deepEqual(await open(page, root + "leaderboard/"), []);
          const pwned = await page.evaluate(() =>
            (window as unknown as { __pwned?: number }).__pwned
          );
          assert.equal(pwned, undefined);
          const shown = await page.$$eval("td.entry a", (as) => as.map((a) => a.textContent!));
          assert.ok(shown.some((s) => s.startsWith("<script>window.__pwned=1</script>")));
          assert.equal(await page.$$eval("td.entry script, td.entry img", (els) => els.length), 0);
        });
      }
    } finally {
      await close();
      await live.shutdown();
      await files.shutdown();
      await Deno.remove(out, { recursive: true });
    }
  },
});
