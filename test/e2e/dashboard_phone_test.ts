/**
 * The dashboard on a 390 px wide phone screen (headless Chromium): no page
 * scrolls sideways; wide tables scroll inside their own box. Screenshots go to
 * a temporary folder, or to `$JEPA_PHONE_SHOTS` when set (e.g. docs/screenshots).
 */
import assert from "node:assert/strict";
import { FIXTURE_SUITES, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";
import { bundleIslands } from "../../dashboard/bundle.ts";
import { launchChromium } from "./chromium.ts";
import { islandsReady, sideways } from "./pages.ts";

const WIDTH = 390;

Deno.test({
  name: "every page fits a 390 px wide phone without scrolling sideways",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const data = new DashboardData(makeFixtureStore(), { suites: FIXTURE_SUITES });
    const live = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      createHandler({ data, bundle: await bundleIslands() }),
    );
    const shots = Deno.env.get("JEPA_PHONE_SHOTS") ??
      await Deno.makeTempDir({ prefix: "jepa-bench-phone-" });
    const { context, close } = await launchChromium({ width: WIDTH, height: 844 });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const root = `http://127.0.0.1:${live.addr.port}/`;
      const run = data.runIds().find((id) => id.includes("-id"))!;
      const pages: [string, string][] = [
        ["home", ""],
        ["leaderboard", "leaderboard/"],
        ["compare", "compare/"],
        ["history", "history/"],
        ["claims", "claims/"],
        ["suites", "suites/"],
        ["run", `runs/${runSlug(run)}/`],
      ];
      for (const [name, path] of pages) {
        await page.goto(root + path, { waitUntil: "load" });
        await islandsReady(page);
        const { scroll, client, wide } = await sideways(page);
        assert.equal(client, WIDTH, `${name}: viewport`);
        assert.ok(scroll <= client, `${name}: page is ${scroll} px wide (${wide.join(", ")})`);
        assert.deepEqual(wide, [], `${name}: elements past the right edge`);
        const file = `${shots}/phone-${name}.png`;
        await page.screenshot({ path: file, fullPage: false });
        const png = await Deno.readFile(file);
        const view = new DataView(png.buffer);
        assert.equal(view.getUint32(16), WIDTH, `${name}: screenshot width`);
      }
      // The run page's tables scroll inside their box.
      const records = await page.$eval(
        '[data-testid="records"]',
        (t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }),
      );
      assert.ok(records.table > records.box, "the per-seed table is wider than the screen");
    } finally {
      await close();
      await live.shutdown();
    }
  },
});
