/**
 * The dashboard against hostile input: a static build never wipes a folder
 * that is not a previous build, a suite id with "/" (from an imported
 * submission) neither breaks the build nor escapes its folder, and the live
 * server answers a huge URL with an HTTP status, never a reset.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openStore } from "../../src/core/store/sqlite.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { datasetHref, suiteIdFromSlug, suiteSlug } from "../../dashboard/data/links.ts";
import { BUILD_MARKER, buildStaticSite } from "../../dashboard/build.ts";
import { createHandler, MAX_URL_LENGTH } from "../../dashboard/server.ts";
import { FIXTURE_SUITES, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";

const BUNDLE = "/* test bundle */";

Deno.test("dashboard:build refuses a non-empty folder that is not a previous build, and wipes nothing", async () => {
  const data = new DashboardData(makeFixtureStore({ commits: 1 }), { suites: FIXTURE_SUITES });
  const out = await Deno.makeTempDir({ prefix: "jepa-build-" });
  try {
    await Deno.writeTextFile(join(out, "precious.txt"), "my work");
    await Deno.mkdir(join(out, "src"));
    await assert.rejects(() => buildStaticSite({ data, outDir: out, bundle: BUNDLE }), {
      message: `--out "${out}" is not empty and is not a previous dashboard build (no ` +
        `${BUILD_MARKER} file in it); give a new or empty folder`,
    });
    assert.equal(await Deno.readTextFile(join(out, "precious.txt")), "my work");
    assert.ok((await Deno.stat(join(out, "src"))).isDirectory);
    assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name).sort(), ["precious.txt", "src"]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("dashboard:build replaces a previous build and marks its folder", async () => {
  const data = new DashboardData(makeFixtureStore({ commits: 1 }), { suites: FIXTURE_SUITES });
  const out = join(await Deno.makeTempDir({ prefix: "jepa-build-" }), "site");
  try {
    await buildStaticSite({ data, outDir: out, bundle: BUNDLE });
    assert.ok((await Deno.stat(join(out, BUILD_MARKER))).isFile);
    await Deno.writeTextFile(join(out, "stale.html"), "old");
    const { files } = await buildStaticSite({ data, outDir: out, bundle: BUNDLE });
    assert.ok(files > 10);
    await assert.rejects(() => Deno.stat(join(out, "stale.html")), Deno.errors.NotFound);
    assert.ok((await Deno.stat(join(out, "index.html"))).isFile);
  } finally {
    await Deno.remove(join(out, ".."), { recursive: true });
  }
});

Deno.test("a suite id with '/' gets a safe dataset path, and the static build still succeeds", async () => {
  assert.equal(suiteSlug("identifiability"), "identifiability");
  assert.equal(suiteSlug("evil/../x"), "r-6576696c2f2e2e2f78");
  assert.equal(suiteIdFromSlug(suiteSlug("evil/../x")), "evil/../x");
  assert.equal(datasetHref("../", "a/b"), "../data/suites/r-612f62.json");

  const dir = await Deno.makeTempDir({ prefix: "jepa-build-" });
  const store = openStore(join(dir, "results.db"));
  try {
    // Import refuses such an id now; a store written before that may still hold one.
    const suite = { id: "evil/../x", version: 1 };
    store.beginRun(makeHeader({ runId: "slash-run", suite }));
    store.putResult({ ...makeCompleted("slash-run", "a", 0), suite: suite.id });
    const data = new DashboardData(store, { suites: FIXTURE_SUITES });
    const live = createHandler({ data, bundle: BUNDLE });
    const res = await live(new Request(`http://dash.test/data/suites/${suiteSlug(suite.id)}.json`));
    assert.equal(res.status, 200);
    assert.equal((await res.json()).suite.id, "evil/../x");

    const out = join(dir, "site");
    const warnings: string[] = [];
    await buildStaticSite({ data, outDir: out, bundle: BUNDLE, warn: (m) => warnings.push(m) });
    assert.deepEqual(warnings, []);
    const file = join(out, "data", "suites", `${suiteSlug(suite.id)}.json`);
    assert.equal(JSON.parse(await Deno.readTextFile(file)).suite.id, "evil/../x");
    assert.ok((await Deno.stat(join(out, "runs", runSlug("slash-run"), "index.html"))).isFile);
    // Nothing was written outside the output folder.
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
      "results.db",
      "results.db-shm",
      "results.db-wal",
      "site",
    ]);
  } finally {
    store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/** Send `request` on a raw TCP connection and return what came back (or "" on a reset). */
async function raw(port: number, request: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const bytes = new TextEncoder().encode(request);
  try {
    try {
      let off = 0;
      while (off < bytes.length) off += await conn.write(bytes.subarray(off));
    } catch { /* the server may answer and close before reading everything */ }
    let text = "";
    const buf = new Uint8Array(65536);
    while (true) {
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch {
        break;
      }
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return text;
  } finally {
    try {
      conn.close();
    } catch { /* already closed */ }
  }
}

Deno.test("the live server answers a URL over 8 KiB with 414 and a 1 MB request line with an HTTP error", async () => {
  const data = new DashboardData(makeFixtureStore({ commits: 1 }), { suites: FIXTURE_SUITES });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createHandler({ data, bundle: BUNDLE }),
  );
  const port = server.addr.port;
  const get = (target: string) =>
    raw(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  try {
    const long = await get(`/leaderboard/?q=${"a".repeat(MAX_URL_LENGTH)}`);
    assert.match(long, /^HTTP\/1\.1 414 URI Too Long\r\n/);
    assert.match(long, /URI too long$/);
    const path60k = await get(`/${"a".repeat(60_000)}`);
    assert.match(path60k, /^HTTP\/1\.1 414 /);
    // Over ~64 KiB, Deno.serve's HTTP parser answers before the handler: 400, then it closes.
    const huge = await get(`/${"a".repeat(1 << 20)}`);
    assert.match(
      huge,
      /^HTTP\/1\.1 (400|414) /,
      `no HTTP answer: ${JSON.stringify(huge.slice(0, 40))}`,
    );
    // Just under the limit is served as usual.
    const fine = await get(`/leaderboard/?q=${"a".repeat(MAX_URL_LENGTH - 100)}`);
    assert.match(fine, /^HTTP\/1\.1 200 /);
  } finally {
    await server.shutdown();
    data.store.close();
  }
});
