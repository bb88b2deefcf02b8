import assert from "node:assert/strict";
import { join } from "node:path";
import { FIXTURE_SUITES, HOSTILE_NAME, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
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
  assert.equal(files, 7 + 2 + runs.length * 2 + 1 + 2 + 1); // pages+index.json, suites, runs, bundle, css+js, 404
  for (
    const rel of [
      "index.html",
      "leaderboard/index.html",
      "compare/index.html",
      "history/index.html",
      "claims/index.html",
      "suites/index.html",
      "data/suites/generalization.json",
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
