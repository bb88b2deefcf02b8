/**
 * Loopback load test of the live dashboard:
 * `deno run -A benchmarks/reliability/load_test.ts [--runs 10000] [--duration 30] [--connections 50,200] [--compare REF] [--repeats 1] [--gzip] [--dataset parts|whole|none] [--pages-only] [--pin] [--client autocannon|wrk]`
 *
 * `--compare REF` (e.g. `main`) first drives the dashboard of that git ref
 * (its tree exported with `git archive` into a temporary folder) with the same
 * store and load, then this tree's, and prints both side by side; `--repeats N`
 * alternates them N times and adds the median throughput and p99 of each. `--gzip`
 * adds `Accept-Encoding: gzip` to every request (as browsers send it).
 *
 * Seeds a fresh SQLite store with `--runs` runs (realistic fixture runs: half
 * identifiability, half generalization, many commits and backends, public
 * submissions), starts `dashboard/main.ts` on 127.0.0.1 (a separate process),
 * and drives it with autocannon for `--duration` seconds at each connection
 * count, cycling through the home page, the leaderboard, a run page, the
 * suite's JSON (`--dataset`: by default what the islands fetch, the cells and
 * one metric's history; `whole`, the whole dataset; `none`) and a static file. Prints throughput, latency p50/p99 and
 * errors (connection errors, timeouts and non-2xx answers). Loopback only;
 * the dashboard process is killed at the end.
 *
 * `--client wrk` drives the same round robin with wrk (Debian's `wrk`
 * package, one thread per load-generator CPU, `--latency`) instead of
 * autocannon: autocannon's JavaScript parses every body and saturates its
 * core on the 3 MB dataset JSON before the server does, so that its p99
 * measures the client. `--pin` (taskset) keeps the server on CPU 0 and the
 * client on the others.
 *
 * @module
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openStore } from "../../src/core/store/sqlite.ts";
import { makeFixtureRuns } from "../../test/fixtures/dashboard_fixtures.ts";
import { cellsHref, datasetHref, historyHref, runSlug } from "../../dashboard/data/links.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "10000" },
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "50,200" },
    compare: { type: "string" },
    gzip: { type: "boolean", default: false },
    "pages-only": { type: "boolean", default: false },
    pin: { type: "boolean", default: false },
    client: { type: "string", default: "autocannon" },
    dataset: { type: "string", default: "parts" },
    repeats: { type: "string", default: "1" },
  },
});
const runs = Number(values.runs);
const duration = Number(values.duration);
const levels = values.connections.split(",").map(Number);
const repeats = Number(values.repeats);
if (
  !(runs >= 2) || !(duration > 0) || levels.some((c) => !(c >= 1)) ||
  !(Number.isInteger(repeats) && repeats >= 1)
) {
  throw new RangeError(
    "--runs >= 2, --duration > 0, --repeats a positive integer and --connections a list of positive integers",
  );
}
if (values.client !== "autocannon" && values.client !== "wrk") {
  throw new RangeError(`--client is autocannon or wrk, not "${values.client}"`);
}
const ROOT = new URL("../../", import.meta.url).pathname;
if (values.pin) {
  // The load generator (this process, every thread) on CPUs 1.., the server on CPU 0.
  const cpus = navigator.hardwareConcurrency;
  if (cpus < 2) throw new RangeError("--pin needs at least 2 CPUs");
  const pinned = await new Deno.Command("taskset", {
    args: ["-a", "-c", "-p", `1-${cpus - 1}`, `${Deno.pid}`],
    stdout: "null",
  }).output();
  if (!pinned.success) throw new Error("--pin: taskset failed (is util-linux installed?)");
}
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

/** Start `dashboard/main.ts` of the tree at `root` on a free loopback port; resolves when it listens. */
async function startDashboard(root: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const serve = [
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
  ];
  // --pin: the server on CPU 0 (taskset), this process (the load generator) on the others.
  const server = new Deno.Command(values.pin ? "taskset" : Deno.execPath(), {
    args: values.pin ? ["-c", "0", Deno.execPath(), ...serve] : serve,
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stop = async () => {
    try {
      server.kill("SIGTERM");
    } catch { /* already gone */ }
    await server.status;
  };
  try {
    const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("dashboard: http://")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the dashboard of ${root} exited before listening`);
      seen += value;
    }
    (async () => {
      while (!(await reader.read()).done) { /* drain */ }
    })();
  } catch (e) {
    await stop();
    throw e;
  }
  return { base: `http://127.0.0.1:${port}`, stop };
}

// The JSON in the round robin. "parts": what the islands fetch (dashboard/data/slices.ts), the
// suite's cells and one metric's history (r2, which every fixture record has: the largest);
// "whole": the whole dataset (3.15 MB for 10 000 runs), what the islands fetched before the
// parts existed (and what `--compare` with an older commit needs); "none" (or --pages-only):
// the HTML and the stylesheet only, what a reader's page load waits for.
// `--dataset whole,parts` drives both mixes, alternating, against each dashboard.
const mixes = values["pages-only"] ? ["none"] : values.dataset.split(",");
const json: Record<string, string[]> = {
  parts: [cellsHref("/", "identifiability"), historyHref("/", "identifiability", "r2")],
  whole: [datasetHref("/", "identifiability")],
  none: [],
};
for (const mix of mixes) {
  if (!(mix in json)) {
    throw new RangeError(`--dataset is a list of parts, whole or none, not "${values.dataset}"`);
  }
}
/** The round robin of a mix. */
const pathsOf = (mix: string) => [
  "/",
  "/leaderboard/",
  `/runs/${runSlug(sampleRun)}/`,
  ...json[mix],
  "/static/style.css",
];
const headers: Record<string, string> = values.gzip ? { "accept-encoding": "gzip" } : {};
const targets: { label: string; root: string }[] = [];
const cleanup: string[] = [dir];
if (values.compare !== undefined) {
  const tree = await Deno.makeTempDir({ prefix: "jepa-load-ref-" });
  cleanup.push(tree);
  const archive = new Deno.Command("sh", {
    args: ["-c", `git archive --format=tar "$1" | tar -x -C "$2"`, "sh", values.compare, tree],
    cwd: ROOT,
    stderr: "piped",
  });
  const out = await archive.output();
  if (!out.success) {
    throw new Error(`--compare ${values.compare}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  targets.push({ label: values.compare, root: tree });
}
targets.push({
  label: values.compare === undefined ? "this tree" : "this tree (after)",
  root: ROOT,
});

/** A load of `connections` for `duration` s with wrk, its figures shaped as autocannon's. */
async function runWrk(base: string, connections: number, paths: string[]) {
  const script = `${dir}/round_robin.lua`;
  const hdrs = Object.entries(headers).map(([k, v]) =>
    `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`
  );
  await Deno.writeTextFile(
    script,
    [
      ...hdrs,
      `local paths = {${paths.map((p) => JSON.stringify(p)).join(", ")}}`,
      "local i = 0",
      "request = function()",
      "  i = i % #paths + 1",
      '  return wrk.format("GET", paths[i])',
      "end",
      "",
    ].join("\n"),
  );
  const threads = Math.max(1, navigator.hardwareConcurrency - (values.pin ? 1 : 0));
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("wrk", {
      args: [
        `-t${Math.min(threads, connections)}`,
        `-c${connections}`,
        `-d${duration}s`,
        "--timeout",
        "30s",
        "--latency",
        "-s",
        script,
        base,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch {
    throw new Error("--client wrk: wrk is not installed (apt-get install -y wrk)");
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  const ms = (v: string, unit: string) =>
    Number(v) * ({ us: 1e-3, ms: 1, s: 1e3, m: 6e4 }[unit] ?? NaN);
  const pct = (p: string) => {
    const m = text.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
    return m ? ms(m[1], m[2]) : NaN;
  };
  const lat = text.match(/^\s*Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s|m)/m);
  const total = Number(text.match(/^\s*(\d+) requests in/m)?.[1] ?? NaN);
  const sock = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const non2xx = Number(text.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  if (!Number.isFinite(total)) throw new Error(`wrk printed no request count:\n${text}`);
  return {
    requests: { total, average: Number(text.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN) },
    latency: { p50: pct("50"), p99: pct("99"), max: lat ? ms(lat[1], lat[2]) : NaN },
    errors: sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) : 0,
    timeouts: sock ? Number(sock[4]) : 0,
    non2xx,
  };
}

console.log(
  `client: ${values.client}${values.pin ? " (pinned: server CPU 0, client CPUs 1..)" : ""}`,
);
for (const mix of mixes) {
  console.log(
    `paths (round robin${mixes.length > 1 ? `, ${mix}` : ""}): ${pathsOf(mix).join(" ")}${
      values.gzip ? " (Accept-Encoding: gzip)" : ""
    }`,
  );
}
const rows: string[] = [];
/** p99s and throughputs by "label | connections", over the repeats. */
const runsOf = new Map<string, { p99: number[]; rps: number[] }>();
let bad = 0;
try {
  // --repeats: the targets alternate (base, head, base, head, …) so that a machine whose speed
  // drifts (a VM with neighbours) weighs on both alike.
  for (let rep = 0; rep < repeats; rep++) {
    for (const { label, root } of targets) {
      t0 = performance.now();
      const { base, stop } = await startDashboard(root);
      try {
        for (const mix of mixes) {
          const paths = pathsOf(mix);
          const name = mixes.length > 1 ? `${label} [${mix}]` : label;
          if (mix !== mixes[0]) t0 = performance.now();
          // Warm up: the first request builds the datasets.
          const sizes: string[] = [];
          for (const p of paths) {
            const res = await fetch(base + p, { headers });
            if (res.status !== 200) throw new Error(`${name}: ${p} answered ${res.status}`);
            // fetch decodes gzip; content-length is what went over the wire.
            const wire = res.headers.get("content-length");
            const body = (await res.arrayBuffer()).byteLength;
            sizes.push(
              `${p} ${(body / 1000).toFixed(1)} kB${
                wire ? ` (${(Number(wire) / 1000).toFixed(1)} kB sent)` : ""
              }`,
            );
          }
          console.log(`${name}: ${sizes.join(", ")}`);
          console.log(
            `${name}: dashboard ${mix === mixes[0] ? "up and " : ""}warm in ${
              ((performance.now() - t0) / 1000).toFixed(1)
            } s`,
          );
          for (const connections of levels) {
            const r = values.client === "wrk"
              ? await runWrk(base, connections, paths)
              : await autocannon({
                url: base,
                connections,
                duration,
                timeout: 30,
                headers,
                requests: paths.map((path) => ({ method: "GET", path })),
              });
            bad += r.errors + r.timeouts + r.non2xx;
            const key = `${name} | ${connections}`;
            const acc = runsOf.get(key) ?? { p99: [], rps: [] };
            acc.p99.push(r.latency.p99);
            acc.rps.push(r.requests.average);
            runsOf.set(key, acc);
            rows.push(
              `${name} | ${connections} | ${duration} s | ${r.requests.total} | ` +
                `${r.requests.average.toFixed(1)} | ${r.latency.p50} | ${r.latency.p99} | ` +
                `${r.latency.max} | ${r.errors} | ${r.timeouts} | ${r.non2xx}`,
            );
          }
        }
        const still = await fetch(base + "/", { headers });
        await still.arrayBuffer();
        if (still.status !== 200) bad++;
        console.log(`${label}: after the load GET / answered ${still.status}`);
      } finally {
        await stop();
      }
    }
  }
  console.log("");
  console.log(
    "dashboard | connections | duration | requests | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors | timeouts | non-2xx",
  );
  console.log(
    "--------- | ----------- | -------- | -------- | ------------------ | -------- | -------- | -------- | ------ | -------- | -------",
  );
  for (const row of rows) console.log(row);
  if (repeats > 1) {
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    console.log(
      `\nmedian over ${repeats} repeats (alternating) | throughput (req/s) | p99 (ms) | p99 range (ms)`,
    );
    console.log("--- | --- | --- | ---");
    for (const [key, { p99, rps }] of runsOf) {
      console.log(
        `${key} | ${median(rps).toFixed(0)} | ${median(p99).toFixed(1)} | ` +
          `${Math.min(...p99).toFixed(1)}-${Math.max(...p99).toFixed(1)}`,
      );
    }
  }
  console.log(`\nerrors+timeouts+non-2xx in all: ${bad}`);
  if (bad > 0) Deno.exitCode = 1;
} finally {
  for (const d of cleanup) await Deno.remove(d, { recursive: true });
}
