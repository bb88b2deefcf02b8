import assert from "node:assert/strict";
import { FIXTURE_SUITES, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import {
  assetVersions,
  createHandler,
  STATIC_DIR,
  STATIC_RECHECK_MS,
} from "../../dashboard/server.ts";
import { CACHE_IMMUTABLE, CACHE_SHORT } from "../../dashboard/http/mod.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import type { RunDocument } from "../../src/core/store/record.ts";

const BUNDLE = "/* test bundle */ " + "export const x = 1;\n".repeat(100);

/** DashboardData that counts the reads a render makes of the store. */
class CountingData extends DashboardData {
  runReads = 0;
  datasetReads = 0;
  override run(runId: string): RunDocument | null {
    this.runReads++;
    return super.run(runId);
  }
  override dataset(id: string) {
    this.datasetReads++;
    return super.dataset(id);
  }
}

function setup(docs: RunDocument[]) {
  const store = new MemoryStore();
  for (const d of docs) store.importDocument(d);
  const data = new CountingData(store, { suites: FIXTURE_SUITES, recheckMs: 0 });
  const handler = createHandler({ data, bundle: BUNDLE });
  const get = (path: string, headers: Record<string, string> = {}) =>
    handler(new Request(`http://dash.test${path}`, { headers }));
  return { store, data, get };
}

const all = makeFixtureRuns({ commits: 3 });
const later = all.at(-1)!; // a submission (on the leaderboard): imported during a test
const earlier = all.filter((d) => d !== later);

Deno.test("a repeated request is answered from the cache without rendering again", async () => {
  const { data, get } = setup(earlier);
  const run = `/runs/${runSlug(earlier[0].header.runId)}/`;
  const first = await (await get(run)).text();
  const reads = data.runReads;
  assert.ok(reads >= 1);
  for (let i = 0; i < 5; i++) assert.equal(await (await get(run)).text(), first);
  assert.equal(data.runReads, reads, "the run page was rendered once");
  await (await get("/leaderboard/?suite=identifiability")).text();
  const ds = data.datasetReads;
  await (await get("/leaderboard/?suite=identifiability")).text();
  assert.equal(data.datasetReads, ds, "the leaderboard was rendered once");
  await (await get("/leaderboard/?suite=identifiability&sort=name")).text();
  assert.ok(data.datasetReads > ds, "another query is another page");
});

Deno.test("a change of the store invalidates the cached pages", async () => {
  const { store, data, get } = setup(earlier);
  const missing = `/runs/${runSlug(later.header.runId)}/`;
  assert.equal((await get(missing)).status, 404);
  const reads = data.runReads;
  assert.equal((await get(missing)).status, 404);
  assert.ok(data.runReads > reads, "a 404 is not kept (made-up ids must not push pages out)");
  const board = await get("/leaderboard/?suite=" + later.header.suite.id);
  const tag = board.headers.get("etag")!;
  await board.body?.cancel();
  assert.equal(
    (await get("/leaderboard/?suite=" + later.header.suite.id, { "if-none-match": tag })).status,
    304,
  );
  const before = data.generation();
  store.importDocument(later);
  assert.ok(data.generation() > before, "the store's generation moved");
  const found = await get(missing);
  assert.equal(found.status, 200, "the cached 404 was dropped");
  assert.match(await found.text(), new RegExp(later.header.runId));
  const changed = await get("/leaderboard/?suite=" + later.header.suite.id, {
    "if-none-match": tag,
  });
  assert.equal(changed.status, 200, "the old ETag no longer matches");
  assert.notEqual(changed.headers.get("etag"), tag);
  await changed.body?.cancel();
});

Deno.test("pages and JSON revalidate by ETag and are gzipped for clients that accept it", async () => {
  const { get } = setup(earlier);
  for (
    const path of ["/", "/leaderboard/", "/data/suites/identifiability.json", "/data/index.json"]
  ) {
    const plain = await get(path);
    assert.equal(plain.status, 200, path);
    assert.equal(plain.headers.get("cache-control"), CACHE_SHORT, path);
    assert.match(plain.headers.get("content-security-policy")!, /script-src 'self'/, path);
    const tag = plain.headers.get("etag")!;
    assert.match(tag, /^"[0-9a-f]{32}"$/, path);
    const body = await plain.text();
    const not = await get(path, { "if-none-match": tag });
    assert.equal(not.status, 304, path);
    assert.equal(await not.text(), "");
    const packed = await get(path, { "accept-encoding": "gzip, deflate, br" });
    if (body.length < 1024) { // too small to be worth it
      assert.equal(packed.headers.get("content-encoding"), null, path);
      await packed.body?.cancel();
      continue;
    }
    assert.equal(packed.headers.get("content-encoding"), "gzip", path);
    assert.equal(packed.headers.get("vary"), "accept-encoding", path);
    const inflated = await new Response(
      packed.body!.pipeThrough(new DecompressionStream("gzip")),
    ).text();
    assert.equal(inflated, body, path);
  }
});

Deno.test("static files linked under their content hash are immutable, other URLs revalidate", async () => {
  const { get } = setup(earlier);
  const page = await (await get("/suites/")).text();
  const versions = assetVersions(STATIC_DIR, BUNDLE);
  for (const name of ["islands.js", "style.css", "theme.js"]) {
    const href = `static/${name}?v=${versions[name]}`;
    assert.ok(page.includes(`"../${href}"`), `the page links ${href}`);
    const hashed = await get("/" + href);
    assert.equal(hashed.status, 200, href);
    assert.equal(hashed.headers.get("cache-control"), CACHE_IMMUTABLE, href);
    assert.equal(hashed.headers.get("x-content-type-options"), "nosniff", href);
    const body = await hashed.text();
    for (const other of [`/static/${name}`, `/static/${name}?v=0123`]) {
      const res = await get(other);
      assert.equal(res.headers.get("cache-control"), CACHE_SHORT, other);
      assert.equal(await res.text(), body, other);
    }
  }
  assert.equal(await (await get(`/static/islands.js?v=${versions["islands.js"]}`)).text(), BUNDLE);
  assert.equal((await get("/static/../deno.json")).status, 404);
});

Deno.test("a static file is read once per STATIC_RECHECK_MS: a change or removal is seen after it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.css`, "body { color: red }");
    const store = new MemoryStore();
    const data = new CountingData(store, { suites: FIXTURE_SUITES, recheckMs: 0 });
    const handler = createHandler({ data, bundle: BUNDLE, staticDir: dir });
    const get = (path: string) => handler(new Request(`http://dash.test${path}`));
    assert.equal(await (await get("/static/a.css")).text(), "body { color: red }");
    await Deno.writeTextFile(`${dir}/a.css`, "body { color: blue }");
    assert.equal(
      await (await get("/static/a.css")).text(),
      "body { color: red }",
      "within the recheck time the answer comes from memory",
    );
    await new Promise((r) => setTimeout(r, STATIC_RECHECK_MS + 50));
    assert.equal(await (await get("/static/a.css")).text(), "body { color: blue }");
    await Deno.remove(`${dir}/a.css`);
    await new Promise((r) => setTimeout(r, STATIC_RECHECK_MS + 50));
    const gone = await get("/static/a.css");
    assert.equal(gone.status, 404);
    await gone.body?.cancel();
    // A path that leaves the folder is still 404 (the URL parser already drops the "..").
    const up = await get("/static/../server.ts");
    assert.equal(up.status, 404);
    await up.body?.cancel();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
