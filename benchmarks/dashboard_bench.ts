/**
 * Server-side render time of the dashboard's leaderboard over a SQLite
 * store with 10 000+ case records (28 commits of the fixture grid: 7
 * regularisers × 3 latent laws × 5 dimensions × 3 seeds, plus the
 * generalization suite, a baseline and two submissions).
 *
 * Run: `deno bench -A benchmarks/dashboard_bench.ts`
 *
 * @module
 */
import { join } from "node:path";
import { openStore } from "../src/core/store/sqlite.ts";
import { DashboardData } from "../dashboard/data/source.ts";
import { createHandler } from "../dashboard/server.ts";
import { FIXTURE_SUITES, makeFixtureRuns } from "../test/fixtures/dashboard_fixtures.ts";

const dir = await Deno.makeTempDir({ prefix: "jepa-bench-dashboard-bench-" });
const store = openStore(join(dir, "results.db"));
for (const doc of makeFixtureRuns({ commits: 28 })) store.importDocument(doc);
const total = store.listRuns().reduce(
  (s, r) => s + r.counts.completed + r.counts.failed + r.counts.skipped,
  0,
);
if (total < 10_000) throw new RangeError(`bench store has ${total} records, expected >= 10000`);
console.log(`store: ${store.listRuns().length} runs, ${total} records`);

const BUNDLE = "";
const warm = createHandler({
  data: new DashboardData(store, { suites: FIXTURE_SUITES }),
  bundle: BUNDLE,
});

async function render(handler: (r: Request) => Promise<Response>, path: string): Promise<void> {
  const res = await handler(new Request(`http://bench.local${path}`));
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  await res.text();
}

Deno.bench({
  name: "leaderboard page, 10k-record store (dataset cached per store change)",
  group: "leaderboard",
  baseline: true,
  fn: () => render(warm, "/leaderboard/?suite=identifiability"),
});

Deno.bench({
  name: "leaderboard page, filtered (law, backend), cached dataset",
  group: "leaderboard",
  fn: () => render(warm, "/leaderboard/?suite=identifiability&law=laplace&backend=wasm&sort=name"),
});

Deno.bench({
  name: "leaderboard page, cold: read 10k records from SQLite + build dataset + render",
  group: "leaderboard",
  fn: () =>
    render(
      createHandler({ data: new DashboardData(store, { suites: FIXTURE_SUITES }), bundle: BUNDLE }),
      "/leaderboard/?suite=identifiability",
    ),
});

Deno.bench({
  name: "history page, cached dataset",
  group: "other pages",
  fn: () => render(warm, "/history/?suite=identifiability"),
});

globalThis.addEventListener("unload", () => {
  store.close();
  Deno.removeSync(dir, { recursive: true });
});
