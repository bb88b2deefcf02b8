/**
 * Loopback load test of the live dashboard:
 * `deno run -A benchmarks/reliability/load_test.ts [--runs 10000] [--duration 30] [--connections 50,200]`
 *
 * Seeds a fresh SQLite store with `--runs` runs (realistic fixture runs: half
 * identifiability, half generalization, many commits and backends, public
 * submissions), starts `dashboard/main.ts` on 127.0.0.1 (a separate process),
 * and drives it with autocannon for `--duration` seconds at each connection
 * count, cycling through the home page, the leaderboard, a run page, the
 * dataset JSON and a static file. Prints throughput, latency p50/p99 and
 * errors (connection errors, timeouts and non-2xx answers). Loopback only;
 * the dashboard process is killed at the end.
 *
 * @module
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../../src/core/store/sqlite.ts";
import { makeFixtureRuns } from "../../test/fixtures/dashboard_fixtures.ts";
import { runSlug } from "../../dashboard/data/links.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "10000" },
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "50,200" },
  },
});
const runs = Number(values.runs);
const duration = Number(values.duration);
const levels = values.connections.split(",").map(Number);
if (!(runs >= 2) || !(duration > 0) || levels.some((c) => !(c >= 1))) {
  throw new RangeError("--runs >= 2, --duration > 0 and --connections a list of positive integers");
}
const ROOT = new URL("../../", import.meta.url).pathname;
const dir = await Deno.makeTempDir({ prefix: "jepa-load-" });
const storePath = `${dir}/results.db`;

// ---- seed the store
let t0 = performance.now();
const docs = makeFixtureRuns({
  seed: 7,
  commits: Math.ceil(runs / 2),
  regularisers: ["sigreg", "none"],
  laws: ["gaussian"],
  dims: [2],
  seeds: [0],
  curvePoints: 5,
  submissions: false,
}).slice(0, runs);
const store = openStore(storePath);
for (let i = 0; i < docs.length; i += 500) store.importDocuments(docs.slice(i, i + 500));
const stored = store.listRuns().length;
const records = store.results().length;
const sampleRun = docs[Math.floor(docs.length / 2)].header.runId;
store.close();
const sizeMb = (await Deno.stat(storePath)).size / 2 ** 20;
console.log(
  `store: ${stored} runs, ${records} records, ${sizeMb.toFixed(1)} MiB, seeded in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// ---- start the dashboard on a free loopback port
const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
const port = (probe.addr as Deno.NetAddr).port;
probe.close();
const server = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    "-q",
    "dashboard/main.ts",
    "--store",
    storePath,
    "--hostname",
    "127.0.0.1",
    "--port",
    `${port}`,
    "--baselines",
    `${dir}/no-baselines`,
  ],
  cwd: ROOT,
  stdin: "null",
  stdout: "piped",
  stderr: "inherit",
}).spawn();
const base = `http://127.0.0.1:${port}`;

try {
  t0 = performance.now();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("dashboard: http://")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("dashboard exited before listening");
    seen += value;
  }
  (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })();
  const paths = [
    "/",
    "/leaderboard/",
    `/runs/${runSlug(sampleRun)}/`,
    "/data/suites/identifiability.json",
    "/static/style.css",
  ];
  // Warm up: the first request builds the datasets.
  for (const p of paths) {
    const res = await fetch(base + p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    await res.arrayBuffer();
  }
  console.log(
    `dashboard up and warm in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${base}`,
  );
  console.log(`paths (round robin): ${paths.join(" ")}`);
  console.log("");
  console.log(
    "connections | duration | requests | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors | timeouts | non-2xx",
  );
  console.log(
    "----------- | -------- | -------- | ------------------ | -------- | -------- | -------- | ------ | -------- | -------",
  );
  let bad = 0;
  for (const connections of levels) {
    const r = await autocannon({
      url: base,
      connections,
      duration,
      timeout: 30,
      requests: paths.map((path) => ({ method: "GET", path })),
    });
    bad += r.errors + r.timeouts + r.non2xx;
    console.log(
      `${connections} | ${duration} s | ${r.requests.total} | ${r.requests.average.toFixed(1)} | ` +
        `${r.latency.p50} | ${r.latency.p99} | ${r.latency.max} | ${r.errors} | ${r.timeouts} | ${r.non2xx}`,
    );
  }
  const still = await fetch(base + "/");
  await still.arrayBuffer();
  console.log(
    `\nafter the load: GET / answered ${still.status}; errors+timeouts+non-2xx in all: ${bad}`,
  );
  if (bad > 0 || still.status !== 200) Deno.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await server.status;
  await Deno.remove(dir, { recursive: true });
}
