/**
 * The static export served under a sub-path (/some/sub/path/) by a plain
 * static host that answers a missing file with `404.html`, as GitHub Pages
 * does: the not-found page, at any depth, and the pages of the stored
 * baselines (loaded from a baselines/ folder) load with every asset and link.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { FIXTURE_SUITES, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { buildStaticSite } from "../../dashboard/build.ts";
import { loadBaselines } from "../../dashboard/setup.ts";
import { normalizeRootPath } from "../../dashboard/server.ts";
import type { RunDocument } from "../../src/core/store/record.ts";

const PREFIX = "/some/sub/path/";
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript",
  css: "text/css",
  json: "application/json",
};

/** A static host with the site under PREFIX; a missing file gets 404.html with status 404. */
function serveUnderPrefix(dir: string) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    if (!path.startsWith(PREFIX) || path.includes("..")) {
      return new Response("outside the site", { status: 404 });
    }
    let rel = path.slice(PREFIX.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    try {
      const body = await Deno.readFile(join(dir, rel));
      const ext = rel.slice(rel.lastIndexOf(".") + 1);
      return new Response(body, { headers: { "content-type": TYPES[ext] ?? "text/plain" } });
    } catch {
      const body = await Deno.readFile(join(dir, "404.html"));
      return new Response(body, { status: 404, headers: { "content-type": TYPES.html } });
    }
  });
  return { origin: `http://127.0.0.1:${server.addr.port}`, shutdown: () => server.shutdown() };
}

/** Every href and src of a page, resolved against its URL (data: and fragments left out). */
function linksOf(html: string, pageUrl: string): URL[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)]
    .map((m) => m[1].replaceAll("&amp;", "&"))
    .filter((l) => !l.startsWith("data:") && !l.startsWith("#"))
    .map((l) => new URL(l, pageUrl));
}

/** Fetch every link of a page; returns the ones that fail or leave the site. */
async function brokenLinks(html: string, pageUrl: string): Promise<string[]> {
  const bad: string[] = [];
  for (const u of linksOf(html, pageUrl)) {
    if (!u.pathname.startsWith(PREFIX)) {
      bad.push(`${u.pathname} (outside ${PREFIX})`);
      continue;
    }
    const res = await fetch(u);
    const body = await res.arrayBuffer();
    if (res.status !== 200 || body.byteLength === 0) bad.push(`${u.pathname}: ${res.status}`);
  }
  return bad;
}

Deno.test({
  name: "the static export works under a sub-path: its 404 page and a baseline's run page",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const docs = makeFixtureRuns({ commits: 3, submissions: false });
    const store = new MemoryStore();
    for (const d of docs) if (d.header.tags.baseline === undefined) store.importDocument(d);
    // A stored baseline, as `baselines/identifiability@2/ci-wasm.json` would hold it.
    const source = docs.find((d) =>
      d.header.suite.id === "identifiability" && d.header.suite.version === 2
    )!;
    const baseline: RunDocument = {
      ...source,
      header: { ...source.header, runId: "baseline-ci-wasm", tags: { baseline: "ci-wasm" } },
      records: source.records.map((r) => ({ ...r, runId: "baseline-ci-wasm" })),
    };
    const tmp = await Deno.makeTempDir({ prefix: "jepa-bench-subpath-" });
    const out = join(tmp, "site");
    const { origin, shutdown } = serveUnderPrefix(out);
    try {
      await Deno.mkdir(join(tmp, "baselines", "identifiability@2"), { recursive: true });
      await Deno.writeTextFile(
        join(tmp, "baselines", "identifiability@2", "ci-wasm.json"),
        JSON.stringify(baseline),
      );
      const data = new DashboardData(store, {
        suites: FIXTURE_SUITES,
        baselines: await loadBaselines(join(tmp, "baselines")),
      });
      await buildStaticSite({ data, outDir: out, bundle: "/* bundle */", basePath: PREFIX });
      const site = origin + PREFIX;

      // The not-found page, at the top and deep down: status 404, its assets and links load.
      for (const missing of ["nowhere", "runs/no-such-run/", "a/b/c/d.html"]) {
        const res = await fetch(site + missing);
        const html = await res.text();
        assert.equal(res.status, 404, missing);
        assert.match(html, /<h1>Not found<\/h1>/, missing);
        assert.match(html, /href="\/some\/sub\/path\/static\/style\.css\?v=/, missing);
        assert.deepEqual(await brokenLinks(html, site + missing), [], missing);
      }

      // The baseline's run page: exported, with its assets, run.json and navigation.
      const basePage = `${site}runs/${runSlug("baseline-ci-wasm")}/`;
      const res = await fetch(basePage);
      const html = await res.text();
      assert.equal(res.status, 200);
      assert.match(html, /baseline-ci-wasm/);
      assert.deepEqual(await brokenLinks(html, basePage), []);
      const json = await (await fetch(new URL("run.json", basePage))).json();
      assert.equal(json.header.runId, "baseline-ci-wasm");

      // A run of that suite version and profile names the baseline, and the link resolves.
      const run = data.runIds().find((id) =>
        id.includes("-id") && data.run(id)!.header.suite.version === 2
      )!;
      const runPage = `${site}runs/${runSlug(run)}/`;
      const runHtml = await (await fetch(runPage)).text();
      const toBaseline = linksOf(runHtml, runPage).find((u) =>
        u.pathname.includes(runSlug("baseline-ci-wasm"))
      );
      assert.ok(toBaseline, "the run page links its baseline");
      assert.equal((await fetch(toBaseline)).status, 200);
      assert.deepEqual(await brokenLinks(runHtml, runPage), []);
    } finally {
      await shutdown();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test("a site root path is absolute, of plain segments, and ends with one slash", () => {
  assert.equal(normalizeRootPath("/"), "/");
  assert.equal(normalizeRootPath("/some/sub/path"), "/some/sub/path/");
  for (const bad of ["some/path/", "/a/../b/", "/a b/", "//x/", "/a?b/"]) {
    assert.throws(() => normalizeRootPath(bad), TypeError, bad);
  }
});
