/**
 * Server-side render time of the dashboard's leaderboard over a SQLite
 * store with 10 000+ case records (28 commits of the fixture grid: 7
 * regularisers × 3 latent laws × 5 dimensions × 3 seeds, plus the
 * generalization suite, a baseline and two submissions).
 *
 * Rendering is measured with a query parameter that changes every call (so
 * the response cache never answers); the cached, 304 and gzip answers of a
 * repeated URL are measured beside it.
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

async function render(
  handler: (r: Request) => Promise<Response>,
  path: string,
  headers: Record<string, string> = {},
  status = 200,
): Promise<void> {
  const res = await handler(new Request(`http://bench.local${path}`, { headers }));
  if (res.status !== status) throw new Error(`${path}: ${res.status}`);
  await res.text();
}

/** A query parameter no page reads: each call is a new URL, so the response cache never answers. */
let n = 0;
const fresh = () => `&n=${n++}`;

Deno.bench({
  name: "leaderboard page, 10k-record store (dataset cached per store change)",
  group: "leaderboard",
  baseline: true,
  fn: () => render(warm, "/leaderboard/?suite=identifiability" + fresh()),
});

Deno.bench({
  name: "leaderboard page, filtered (law, backend), cached dataset",
  group: "leaderboard",
  fn: () =>
    render(
      warm,
      "/leaderboard/?suite=identifiability&law=laplace&backend=wasm&sort=name" + fresh(),
    ),
});

Deno.bench({
  name: "leaderboard page, repeated URL: answered from the response cache",
  group: "leaderboard",
  fn: () => render(warm, "/leaderboard/?suite=identifiability"),
});

const etag = (await warm(new Request("http://bench.local/leaderboard/?suite=identifiability")))
  .headers.get("etag")!;
Deno.bench({
  name: "leaderboard page, repeated URL with If-None-Match: 304",
  group: "leaderboard",
  fn: () => render(warm, "/leaderboard/?suite=identifiability", { "if-none-match": etag }, 304),
});

Deno.bench({
  name: "leaderboard page, repeated URL, gzip (made once, then cached)",
  group: "leaderboard",
  fn: () => render(warm, "/leaderboard/?suite=identifiability", { "accept-encoding": "gzip" }),
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
  fn: () => render(warm, "/history/?suite=identifiability" + fresh()),
});

globalThis.addEventListener("unload", () => {
  store.close();
  Deno.removeSync(dir, { recursive: true });
});
