import assert from "node:assert/strict";
import { join } from "node:path";
import {
  FIXTURE_SUITES,
  HOSTILE_NAME,
  makeFixtureRuns,
  makeFixtureStore,
} from "../fixtures/dashboard_fixtures.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { createHandler, safeStaticPath, STATIC_DIR } from "../../dashboard/server.ts";
import { buildStaticSite } from "../../dashboard/build.ts";
import { safeJson } from "../../dashboard/components/Island.tsx";
import { validateRunDocument } from "../../src/core/store/validate.ts";

const data = new DashboardData(makeFixtureStore({ commits: 4 }), { suites: FIXTURE_SUITES });
const BUNDLE = "/* test bundle */";
const handler = createHandler({ data, bundle: BUNDLE });
const get = (path: string) => handler(new Request(`http://dash.test${path}`));

Deno.test("server answers every page and the data behind it", async () => {
  const runId = data.runIds()[0];
  for (
    const path of [
      "/",
      "/leaderboard/",
      "/compare/",
      "/history/",
      "/claims/",
      "/suites/",
      `/runs/${runSlug(runId)}/`,
    ]
  ) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get("content-type")!, /text\/html/);
    assert.match(res.headers.get("content-security-policy")!, /script-src 'self'/);
    assert.match(await res.text(), /^<!DOCTYPE html><html lang="en">/);
  }
  const redirect = await get("/leaderboard?suite=generalization");
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get("location"), "/leaderboard/?suite=generalization");
  const ds = await (await get("/data/suites/identifiability.json")).json();
  assert.equal(ds.suite.id, "identifiability");
  assert.equal(await (await get("/static/islands.js")).text(), BUNDLE);
  assert.equal((await get("/runs/no-such-run/")).status, 404);
  assert.equal((await get("/nowhere")).status, 404);
  assert.equal((await handler(new Request("http://dash.test/", { method: "POST" }))).status, 405);
});

Deno.test("run.json downloads a valid run document", async () => {
  const runId = data.runIds()[0];
  const res = await get(`/runs/${runSlug(runId)}/run.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-disposition")!, /attachment/);
  const doc = validateRunDocument(await res.json());
  assert.equal(doc.header.runId, runId);
  assert.equal(doc.records.length, data.run(runId)!.records.length);
});

Deno.test("leaderboard page renders the server-side view of the URL state", async () => {
  const html = await (await get("/leaderboard/?suite=generalization&metric=regret")).text();
  const rows = [...html.matchAll(/data-entry="([^"]+)" data-rank="(\d+)"/g)].map((m) => m[1]);
  assert.deepEqual(rows, ["spectral", "spectral-sgd"]);
  const sorted = await (await get("/leaderboard/?suite=identifiability&sort=name")).text();
  const names = [...sorted.matchAll(/data-entry="([^"]+)"/g)].map((m) => m[1]).filter((k) =>
    !k.startsWith("sub:")
  );
  assert.deepEqual(names, [...names].sort());
});

Deno.test("a submission with a script tag in its name renders as text", async () => {
  for (
    const path of ["/leaderboard/", "/compare/?a=" + encodeURIComponent("sub:" + HOSTILE_NAME)]
  ) {
    const html = await (await get(path)).text();
    assert.ok(!html.includes("<script>window.__pwned"), `${path}: raw script tag in the page`);
    assert.ok(!html.includes("<img src=x"), `${path}: raw img tag in the page`);
    assert.ok(!html.includes("<b>mallory</b>"), `${path}: raw submitter markup`);
    assert.ok(
      html.includes("&lt;script>window.__pwned=1&lt;/script>") ||
        html.includes("&lt;script&gt;window.__pwned"),
      `${path}: name not shown as text`,
    );
    // Every inline script is either a props script (JSON) or absent.
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (m[2] === "") continue;
      assert.match(m[1], /type="application\/json"/);
      assert.ok(!m[2].includes("<"), "props JSON contains a raw <");
      JSON.parse(m[2]);
    }
  }
  assert.equal(
    safeJson({ s: "</script><b>\u2028" }),
    '{"s":"\\u003c/script\\u003e\\u003cb\\u003e\\u2028"}',
  );
});

Deno.test("static files are never served from outside the static directory", async () => {
  assert.ok(await safeStaticPath(STATIC_DIR, "style.css"));
  for (
    const bad of [
      "../server.ts",
      "../../deno.json",
      "/etc/passwd",
      "..%2fserver.ts",
      "a/../../server.ts",
      "style.css\0",
      "..\\server.ts",
      "",
    ]
  ) {
    assert.equal(await safeStaticPath(STATIC_DIR, bad), null, bad);
  }
  for (
    const bad of [
      "/static/../server.ts",
      "/static/%2e%2e/server.ts",
      "/static/%2e%2e%2fserver.ts",
      "/static/..%5cserver.ts",
      "/static/%00",
    ]
  ) {
    const res = await get(bad);
    assert.ok(res.status === 404 || res.status === 400, `${bad} answered ${res.status}`);
    assert.ok(!(await res.text()).includes("createHandler"), `${bad} leaked source`);
  }
  // A symlink inside the static directory that points out of it is refused.
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "ok.css"), "a{}");
  await Deno.symlink(new URL(import.meta.url).pathname, join(dir, "out.css"));
  assert.ok(await safeStaticPath(dir, "ok.css"));
  assert.equal(await safeStaticPath(dir, "out.css"), null);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("static export writes the same pages, data and runs as the live server", async () => {
  const out = await Deno.makeTempDir();
  const { files } = await buildStaticSite({ data, outDir: out, bundle: BUNDLE });
  const runs = data.runIds();
  // Per suite: the dataset, its cells and one history per metric (dashboard/data/slices.ts).
  const suiteFiles = data.suiteIds().reduce(
    (n, id) => n + 2 + data.dataset(id)!.suite.metrics.length,
    0,
  );
  assert.equal(files, 7 + suiteFiles + runs.length * 2 + 1 + 2 + 1); // pages+index.json, suites, runs, bundle, css+js, 404
  for (
    const rel of [
      "index.html",
      "leaderboard/index.html",
      "compare/index.html",
      "history/index.html",
      "claims/index.html",
      "suites/index.html",
      "data/suites/generalization.json",
      "data/suites/generalization/cells.json",
      `data/suites/generalization/history/${
        data.dataset("generalization")!.suite.metrics[0].name
      }.json`,
      "static/islands.js",
      "static/style.css",
      "404.html",
    ]
  ) {
    assert.ok((await Deno.stat(join(out, rel))).isFile, rel);
  }
  const page = await Deno.readTextFile(join(out, "leaderboard/index.html"));
  assert.equal(page, await (await get("/leaderboard/")).text());
  assert.match(page, /href="\.\.\/static\/style\.css\?v=[0-9a-f]{32}"/, "links are relative");
  const doc = validateRunDocument(
    JSON.parse(await Deno.readTextFile(join(out, "runs", runSlug(runs[0]), "run.json"))),
  );
  assert.equal(doc.header.runId, runs[0]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("the run page starts with the command that reproduces the run, then its metrics, then its parameters", async () => {
  const doc = data.run(data.runIds().find((id) => id.includes("-id"))!)!;
  const h = doc.header;
  const html = await (await get(`/runs/${runSlug(h.runId)}/`)).text();
  const command = `git checkout ${h.git.commit} &amp;&amp; npx -y deno@2.9.6 task cli run ` +
    `--suite identifiability --profile smoke --backend ${h.env.backend} --seeds 0-2`;
  assert.deepEqual(h.seeds, [0, 1, 2]);
  const pre = /<pre class="command" data-testid="reproduce-command"><code>([^<]*)<\/code><\/pre>/
    .exec(html);
  assert.ok(pre, "a command block");
  assert.equal(pre[1], command);
  const main = html.slice(html.indexOf("<main>"));
  const order = [
    "<h1>",
    'data-testid="reproduce-command"',
    'data-testid="download"',
    'data-testid="records"',
    "<h2>Configuration</h2>",
  ]
    .map((s) => main.indexOf(s));
  assert.ok(order.every((i) => i >= 0), String(order));
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    "command, download, values, configuration",
  );
  const head = /<table class="records"[\s\S]*?<\/thead>/.exec(html)![0];
  const cols = [...head.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(cols.slice(0, 3), ["case", "seed", "status"]);
  assert.ok(cols.indexOf("r2") >= 0 && cols.indexOf("N") >= 0, cols.join());
  assert.ok(cols.indexOf("r2") < cols.indexOf("N"), "metrics before parameters");
  assert.ok(cols.indexOf("procrustesMse") < cols.indexOf("regulariser"));
  // A cell of a metric sits under its metric's column.
  const firstRow = /<tbody><tr[^>]*>([\s\S]*?)<\/tr>/.exec(html)![1];
  const cells = [...firstRow.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
  assert.equal(cells[cols.indexOf("regulariser")], doc.records[0].params.regulariser);
});

Deno.test("a run made with overrides reproduces with a --config file holding them", async () => {
  const src = makeFixtureRuns({ commits: 1 })[0];
  const runId = "2026-03-01T00-00-00-overrides";
  const tags = { overrides: JSON.stringify({ steps: 200, note: "it's" }), shard: "1/2" };
  const store = new MemoryStore();
  store.importDocument({
    ...src,
    header: { ...src.header, runId, tags },
    records: src.records.map((r) => ({ ...r, runId })),
  });
  const one = createHandler({
    data: new DashboardData(store, { suites: FIXTURE_SUITES }),
    bundle: BUNDLE,
  });
  const html = await (await one(new Request(`http://dash.test/runs/${runId}/`))).text();
  const pre = /data-testid="reproduce-command"><code>([^<]*)<\/code>/.exec(html)![1]
    .replaceAll("&quot;", '"').replaceAll("&gt;", ">").replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
  const config =
    `'{"suite":"identifiability","profile":"smoke","overrides":{"steps":200,"note":"it'\\''s"}}'`;
  assert.ok(pre.includes(` && printf '%s\\n' ${config} > reproduce-config.json && `), pre);
  assert.match(pre, / --config reproduce-config\.json --shard 1\/2$/);
});

Deno.test("each leaderboard row links to the latest run of its entry in the shown cohort", async () => {
  const runsOf = (entry: string, backend: string | null) =>
    data.runIds().map((id) => data.run(id)!).filter((d) =>
      d.header.suite.id === "identifiability" && d.header.suite.version === 2 &&
      d.header.tags.baseline === undefined &&
      (backend === null || d.header.env.backend === backend) &&
      d.records.some((r) =>
        (r.params.regulariser === entry || `sub:${d.header.tags.entry}` === entry) &&
        r.status !== "skipped"
      )
    ).sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt));
  const seen = new Set<string>();
  for (const backend of [null, "wasm", "cpu"]) {
    const q = backend === null ? "" : `&backend=${backend}`;
    const html = await (await get(`/leaderboard/?suite=identifiability${q}`)).text();
    const rows = [...html.matchAll(/<tr data-entry="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    assert.ok(rows.length >= 3, `${backend}: ${rows.length} rows`);
    for (const [, entry, row] of rows) {
      const key = entry.replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&quot;", '"');
      const links = [...row.matchAll(/href="\.\.\/runs\/([^/"]+)\/"/g)].map((m) => m[1]);
      const want = runsOf(key, backend)[0]?.header.runId;
      assert.ok(want, `${backend}: no run for ${key}`);
      assert.deepEqual(links, [runSlug(want)], `${backend}: ${key}`);
      seen.add(want);
    }
  }
  assert.ok(seen.size >= 3, "the cohort decides which run a row links to");
});
