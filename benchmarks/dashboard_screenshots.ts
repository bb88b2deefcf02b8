/**
 * Screenshots of every dashboard page, light and dark, for the README:
 * `deno run -A benchmarks/dashboard_screenshots.ts [outDir]` writes
 * `docs/screenshots/<page>-<theme>.png` from the synthetic fixture store
 * (test/fixtures/dashboard_fixtures.ts, many commits and entries);
 * `deno run -A benchmarks/dashboard_screenshots.ts --store .jepa-bench/results.db docs/screenshots/real`
 * shoots the real results of a local store instead (leaderboard, head-to-head of two
 * regularisers, a run, the suites page), and
 * `deno run -A benchmarks/dashboard_screenshots.ts --corpus corpus docs/screenshots/corpus`
 * the committed results corpus (what GitHub Pages publishes), with the claims page and the
 * scaling profile's leaderboard.
 *
 * @module
 */
import { FIXTURE_SUITES, makeFixtureStore } from "../test/fixtures/dashboard_fixtures.ts";
import { launchChromium } from "../test/e2e/chromium.ts";
import { DashboardData } from "../dashboard/data/source.ts";
import { createHandler } from "../dashboard/server.ts";
import { bundleIslands } from "../dashboard/bundle.ts";
import { openDashboardData } from "../dashboard/setup.ts";
import { runSlug } from "../dashboard/data/links.ts";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { store: { type: "string" }, corpus: { type: "string" } },
  allowPositionals: true,
});
const outDir = positionals[0] ?? "docs/screenshots";
await Deno.mkdir(outDir, { recursive: true });
const real = values.store !== undefined || values.corpus !== undefined;
const data = values.corpus !== undefined
  ? await openDashboardData({ corpusDir: values.corpus, baselinesDir: "baselines" })
  : values.store !== undefined
  ? await openDashboardData({ storePath: values.store, baselinesDir: "baselines" })
  : new DashboardData(makeFixtureStore(), { suites: FIXTURE_SUITES });
const server = Deno.serve(
  { port: 0, hostname: "127.0.0.1", onListen: () => {} },
  createHandler({ data, bundle: await bundleIslands() }),
);
const root = `http://127.0.0.1:${server.addr.port}/`;
let pages: [string, string][];
if (real) {
  const runs = data.store.listRuns({ suite: "identifiability", profile: "smoke" });
  if (runs.length === 0) throw new Error("the results have no identifiability smoke run");
  pages = [
    ...(values.corpus !== undefined
      ? [
        ["claims", "claims/"],
        ["leaderboard-scaling", "leaderboard/?suite=identifiability&metric=r2_hz&profile=scaling"],
        [
          "matrix-scaling",
          "leaderboard/?suite=identifiability&metric=r2_hz&profile=scaling&view=matrix",
        ],
      ] as [string, string][]
      : []),
    ["leaderboard", "leaderboard/?suite=identifiability&metric=grid_r2_hz&profile=smoke"],
    ["leaderboard-regularisers", "leaderboard/?suite=regularisers&metric=grid_r2_hz"],
    ["compare", "compare/?suite=regularisers&a=sigreg&b=whitening"],
    ["run", `runs/${runSlug(runs[0].header.runId)}/`],
    ["suites", "suites/"],
  ];
} else {
  const run = data.runIds().find((id) => id.endsWith("-id7"))!;
  pages = [
    ["home", ""],
    ["leaderboard", "leaderboard/?suite=identifiability"],
    ["compare", "compare/?suite=identifiability&a=sigreg&b=infonce"],
    ["history", "history/?suite=identifiability&metric=r2&group=entry-law"],
    ["run", `runs/${run}/`],
    ["suites", "suites/"],
  ];
}
try {
  for (const scheme of ["light", "dark"] as const) {
    const { context, close } = await launchChromium({
      colorScheme: scheme,
      width: 1280,
      height: 900,
    });
    try {
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(root + path, { waitUntil: "load" });
        await page.waitForFunction(() =>
          [...document.querySelectorAll("canvas")].every((c) => c.dataset.ready === "1")
        );
        const file = `${outDir}/${name}-${scheme}.png`;
        await page.screenshot({ path: file, fullPage: name !== "run" });
        console.log(`wrote ${file}`);
      }
    } finally {
      await close();
    }
  }
} finally {
  await server.shutdown();
}
