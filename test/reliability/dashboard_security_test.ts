/**
 * Dashboard security against a live server on 127.0.0.1 (real TCP, raw
 * requests where fetch would normalise them): path traversal and its encoded
 * variants, oversized and malformed requests, other methods, HTML and script
 * in every user-supplied field of a stored run, and a submission with huge
 * arrays. The server answers with the right status, serves nothing outside
 * its own files, and stays up.
 */
import assert from "node:assert/strict";
import { openStore, type SqliteStore } from "../../src/core/store/sqlite.ts";
import type { CaseResult, RunDocument } from "../../src/core/store/record.ts";
import { DashboardData, runSlug } from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";
import { FIXTURE_SUITES, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";
import { makeCompleted, makeFailed, makeHeader } from "../fixtures/records.ts";

const X = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
/** Markup that must never reach a page unescaped. */
const RAW = ["<script>window.__pwned", "<img src=x", "<svg onload", "<b>mallory</b>"];
/** Text of files outside dashboard/static/ that must never be served. */
const SECRETS = ["nodeModulesDir", "root:x:0:0", "createHandler", "DatabaseSync"];

function hostileRun(runId: string, suite: string): RunDocument {
  const h = makeHeader({
    runId,
    suite: { id: suite, version: 1 },
    profile: `smoke${X}`,
    git: { commit: `abc${X}`, dirty: true, branch: `main${X}` },
    tags: { entry: `entry${X}`, submitter: `<b>mallory</b>${X}`, notes: `notes${X}`, [`k${X}`]: X },
  });
  h.env = { ...h.env, cpu: `cpu${X}`, os: `os${X}`, gpu: `gpu${X}`, deno: X, backend: `wasm${X}` };
  const done = makeCompleted(runId, `case/${X}`, 0, { [`m${X}`]: 1, r2: 0.5 });
  done.suite = suite;
  done.profile = h.profile;
  done.backend = h.env.backend;
  done.params = { kind: X, [`p${X}`]: 1 };
  done.curves = { [`c${X}`]: [[1, 0.5], [2, 0.25]] };
  done.flags = { [`f${X}`]: true };
  const failed = makeFailed(runId, `fail/${X}`, 1);
  failed.suite = suite;
  failed.profile = h.profile;
  failed.backend = h.env.backend;
  failed.error = { kind: "exception", message: `boom ${X}`, step: 3 };
  const skipped: CaseResult = {
    ...makeCompleted(runId, `skip/${X}`, 2),
    suite,
    profile: h.profile,
    backend: h.env.backend,
    status: "skipped",
    reason: `reason ${X}`,
  } as unknown as CaseResult;
  delete (skipped as unknown as Record<string, unknown>).metrics;
  delete (skipped as unknown as Record<string, unknown>).curves;
  delete (skipped as unknown as Record<string, unknown>).flags;
  return { schemaVersion: 1, header: h, records: [done, failed, skipped] };
}

/** A submission with huge arrays: 100 000 seeds, a 200 000-point curve, 2 000 records. */
function hugeRun(runId: string): RunDocument {
  const seeds = Array.from({ length: 100_000 }, (_, i) => i);
  const h = makeHeader({ runId, suite: { id: "identifiability", version: 2 }, seeds });
  h.tags = { entry: "huge", submitter: "big" };
  const records: CaseResult[] = [];
  for (let i = 0; i < 2000; i++) {
    const r = makeCompleted(runId, `huge/${i % 20}`, Math.floor(i / 20), { r2: 0.9 });
    r.suite = "identifiability";
    r.suiteVersion = 2;
    records.push(r);
  }
  (records[0] as { curves: Record<string, Array<[number, number]>> }).curves = {
    loss: Array.from({ length: 200_000 }, (_, i) => [i, 1 / (i + 1)] as [number, number]),
  };
  return { schemaVersion: 1, header: h, records };
}

/** Reads until the server closes; gives up after `timeoutMs` (a hang guard, generous for a loaded machine). */
async function raw(
  port: number,
  request: string | Uint8Array,
  timeoutMs = 30_000,
): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const bytes = typeof request === "string" ? new TextEncoder().encode(request) : request;
  const timer = setTimeout(() => conn.close(), timeoutMs);
  try {
    try {
      let off = 0;
      while (off < bytes.length) off += await conn.write(bytes.subarray(off));
    } catch { /* the server may close the connection before reading everything */ }
    const chunks: Uint8Array[] = [];
    const buf = new Uint8Array(65536);
    while (true) {
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch {
        break;
      }
      if (n === null) break;
      chunks.push(buf.slice(0, n));
      const text = new TextDecoder().decode(chunks.at(-1));
      if (text.includes("\r\n0\r\n\r\n")) break;
    }
    return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch { /* closed by the timer */ }
  }
}

function statusOf(response: string): number | null {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return m ? Number(m[1]) : null;
}

let dir = "";
let store: SqliteStore;
let server: Deno.HttpServer<Deno.NetAddr>;
let port = 0;

Deno.test.beforeAll(async () => {
  dir = await Deno.makeTempDir({ prefix: "jepa-dash-sec-" });
  store = openStore(`${dir}/results.db`);
  store.importDocuments([...makeFixtureRuns({ commits: 2 }), hugeRun("huge-submission")]);
  // Import refuses these (suite id, backend, seeds: document_rules.ts), but a store written
  // before those rules, or by a run, may hold them: write them record by record.
  for (
    const doc of [hostileRun(`r${X}`, "identifiability"), hostileRun("plain-hostile", `suite${X}`)]
  ) {
    store.beginRun(doc.header);
    for (const r of doc.records) store.putResult(r);
  }
  const data = new DashboardData(store, { suites: FIXTURE_SUITES });
  server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    createHandler({ data, bundle: "/* bundle */" }),
  );
  port = server.addr.port;
});

Deno.test.afterAll(async () => {
  await server.shutdown();
  store.close();
  await Deno.remove(dir, { recursive: true });
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

Deno.test("path traversal in any encoding serves nothing outside dashboard/static", async () => {
  const attempts = [
    "/static/../../deno.json",
    "/static/../server.ts",
    "/static/%2e%2e/%2e%2e/deno.json",
    "/static/%2e%2e%2f%2e%2e%2fdeno.json",
    "/static/..%2f..%2fdeno.json",
    "/static/%252e%252e%252f%252e%252e%252fdeno.json",
    "/static/..%5c..%5cdeno.json",
    "/static/..\\..\\deno.json",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/deno.json",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/style.css%00.js",
    "/static/%00../../deno.json",
    "/static/./../server.ts",
    "/static/",
    "/static",
    "//etc/passwd",
    "/../../../../etc/passwd",
    "/runs/..%2f..%2fdeno.json/run.json",
    "/runs/r-2e2e2f2e2e2f/run.json",
    "/data/suites/..%2f..%2fdeno.json",
    "/data/suites/%2e%2e%2fserver.json",
    "http://evil.example/../../deno.json",
  ];
  for (const path of attempts) {
    const res = await raw(
      port,
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    const status = statusOf(res);
    assert.ok(status !== null, `${path}: no HTTP answer`);
    assert.ok([400, 404].includes(status!), `${path} answered ${status}`);
    for (const s of SECRETS) assert.ok(!res.includes(s), `${path} leaked "${s}"`);
  }
  // WHATWG URL parsing turns %2e%2e into a dot segment: this is the home page, not a traversal.
  const home = await raw(
    port,
    "GET /runs/%2e%2e/index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  );
  assert.equal(statusOf(home), 200);
  assert.ok(home.includes("<!DOCTYPE html>") && !SECRETS.some((s) => home.includes(s)));
  // The server's own static files are still served.
  const css = await fetch(url("/static/style.css"));
  assert.equal(css.status, 200);
  await css.body?.cancel();
});

Deno.test("malformed, oversized and non-GET requests get an error status and the server stays up", async () => {
  const bad: Array<[string, string | Uint8Array, number[]]> = [
    [
      "bad percent-encoding",
      "GET /static/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      [400],
    ],
    ["lone percent", "GET /runs/%/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", [400]],
    ["garbage request line", "GARBAGE\r\n\r\n", [400]],
    ["unknown HTTP version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", [400, 505]],
    ["NUL in request line", "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
    ["1 MB path", `GET /${"a".repeat(1 << 20)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, [
      400,
      404,
      414,
      431,
    ]],
    [
      "200 KB header",
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(200_000)}\r\nConnection: close\r\n\r\n`,
      [400, 431],
    ],
    [
      "2000 headers",
      `GET / HTTP/1.1\r\nHost: x\r\n${
        Array.from({ length: 2000 }, (_, i) => `X-H${i}: v\r\n`).join("")
      }Connection: close\r\n\r\n`,
      [400, 431],
    ],
    [
      "POST with a 5 MB body",
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${5 << 20}\r\nConnection: close\r\n\r\n${
        "z".repeat(5 << 20)
      }`,
      [405],
    ],
    [
      "PUT",
      "PUT /static/style.css HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
      [405],
    ],
    ["DELETE", "DELETE /runs/plain-hostile/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", [
      405,
    ]],
    ["TRACE", "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", [405]],
    ["bad content-length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", [400]],
    ["random bytes", crypto.getRandomValues(new Uint8Array(4096)), [400]],
  ];
  for (const [name, req, allowed] of bad) {
    const res = await raw(port, req);
    const status = statusOf(res);
    assert.ok(status !== null && allowed.includes(status), `${name}: answered ${status}`);
    const ok = await fetch(url("/"));
    assert.equal(ok.status, 200, `server down after ${name}`);
    await ok.body?.cancel();
  }
  // Half a request, then the client vanishes (slowloris-style); then 200 quick clients.
  const half = await Deno.connect({ hostname: "127.0.0.1", port });
  await half.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  half.close();
  const many = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(url("/data/index.json")).then(async (r) => {
        await r.body?.cancel();
        return r.status;
      })),
  );
  assert.ok(many.every((s) => s === 200));
});

Deno.test("HTML and script in every user-supplied field render as text on every page", async () => {
  const q = encodeURIComponent(X);
  const pages = [
    "/",
    "/leaderboard/",
    `/leaderboard/?suite=${q}`,
    `/leaderboard/?suite=${encodeURIComponent(`suite${X}`)}`,
    `/compare/?a=${q}&b=${q}&suite=${q}`,
    "/history/",
    `/history/?suite=${encodeURIComponent(`suite${X}`)}&metric=${q}`,
    "/suites/",
    `/claims/?suite=${q}`,
    `/runs/${runSlug(`r${X}`)}/`,
    "/runs/plain-hostile/",
    `/nowhere/${q}`,
  ];
  for (const path of pages) {
    const res = await fetch(url(path));
    const html = await res.text();
    assert.ok([200, 404].includes(res.status), `${path}: ${res.status}`);
    assert.match(res.headers.get("content-type")!, /^text\/html/);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/, path);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    for (const r of RAW) assert.ok(!html.includes(r), `${path}: raw ${r}`);
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (m[2] === "") continue;
      assert.match(m[1], /type="application\/json"/, `${path}: inline executable script`);
      assert.ok(!m[2].includes("<"), `${path}: props JSON contains a raw <`);
    }
  }
  // The hostile run's page shows its fields, escaped.
  const page = await (await fetch(url(`/runs/${runSlug(`r${X}`)}/`))).text();
  assert.ok(
    page.includes("&lt;script>window.__pwned") || page.includes("&lt;script&gt;window.__pwned"),
  );
  // JSON endpoints: JSON content type, nosniff, and the data is intact (not mangled).
  for (
    const path of [
      "/data/index.json",
      "/data/suites/identifiability.json",
      `/runs/${runSlug(`r${X}`)}/run.json`,
    ]
  ) {
    const res = await fetch(url(path));
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get("content-type")!, /^application\/json/, path);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
    await res.json();
  }
  const doc = await (await fetch(url(`/runs/${runSlug(`r${X}`)}/run.json`))).json();
  assert.equal(doc.header.tags.entry, `entry${X}`);
  assert.match(
    (await fetch(url(`/runs/${runSlug(`r${X}`)}/run.json`))).headers.get("content-disposition")!,
    /^attachment; filename="r-[0-9a-f]+\.json"$/,
  );
});

Deno.test("a submission with huge arrays is served in bounded time and the server stays up", async () => {
  const t0 = performance.now();
  for (
    const path of [
      "/runs/huge-submission/",
      "/runs/huge-submission/run.json",
      "/leaderboard/",
      "/data/suites/identifiability.json",
    ]
  ) {
    const res = await fetch(url(path));
    const body = await res.arrayBuffer();
    assert.equal(res.status, 200, path);
    assert.ok(body.byteLength > 0);
  }
  const ms = performance.now() - t0;
  assert.ok(ms < 30_000, `huge submission took ${ms.toFixed(0)} ms`);
  const ok = await fetch(url("/"));
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
  console.log(
    `huge submission (100k seeds, 200k-point curve, 2000 records): 4 pages in ${ms.toFixed(0)} ms`,
  );
});
