/**
 * Memory over a long N = 1024 run: the identifiability scaling case's shape
 * (coupling mixing, matched 4-layer coupling encoder, batch 256 x 2 views,
 * 256 SIGReg slices, views drawn one step ahead in a worker as the suite does
 * with a core to spare), trained for `--steps` (default 2 000). Every
 * `--every` steps it prints the live tensors and bytes of the engine, the
 * process's resident set and its JS heap. Exits 1 if the live tensors or bytes
 * at the end differ from those at the first sample, or if the resident set
 * grew by more than `--rss-growth` (default 10 %) from the first sample after
 * warm-up to the end.
 *
 * Usage: deno run -A benchmarks/memory_soak.ts [--steps 2000] [--every 100] [--dim 1024]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend, tensorMemory } from "../src/core/engine/mod.ts";
import { Rng } from "../src/core/random.ts";
import { trainLeJepa, type TrainSpec } from "../src/core/train/mod.ts";
import { makeMixing, prefetchingSampler, releaseCouplingWeights } from "../src/core/world/mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    steps: { type: "string", default: "2000" },
    every: { type: "string", default: "100" },
    dim: { type: "string", default: "1024" },
    "rss-growth": { type: "string", default: "0.1" },
  },
});
const [steps, every, dim] = [values.steps, values.every, values.dim].map(Number);
const rssGrowth = Number(values["rss-growth"]);
if (![steps, every, dim].every((v) => Number.isInteger(v) && v > 0) || every > steps || dim % 2) {
  console.error(
    "error: --steps, --every, --dim must be positive integers, every <= steps, dim even",
  );
  Deno.exit(2);
}
if (!(rssGrowth >= 0)) {
  console.error("error: --rss-growth must be a non-negative fraction");
  Deno.exit(2);
}

await initBackend("wasm");
const seed = 0;
const mixing = makeMixing("coupling", dim, new Rng(seed, "mixing"), { layers: 4 });
const sampler = prefetchingSampler({
  law: { kind: "gaussian" },
  mixing,
  batch: 256,
  dim,
  rho: 0.95,
  noise: "same",
  seed,
}, "wasm");
const spec: TrainSpec = {
  inputDim: dim,
  latentDim: dim,
  encoder: { kind: "coupling", layers: 4 },
  regulariser: "sigreg",
  lambda: 1e-6,
  steps,
  batch: 256,
  views: 2,
  lr: 1e-3,
  weightDecay: 0.01,
  slices: 256,
  seed,
};
const MB = 1024 * 1024;
const rows: { step: number; tensors: number; bytes: number; rss: number; heap: number }[] = [];
console.log(`N = ${dim}, ${steps} steps, batch 256 x 2, 256 slices, views drawn in a worker`);
console.log("| step | live tensors | tensor MB | RSS MB | JS heap MB | steps/s so far |");
console.log("|---:|---:|---:|---:|---:|---:|");
const t0 = performance.now();
const res = await trainLeJepa(spec, (s) => sampler.sample(s), {
  curveEvery: steps,
  onProgress: (done) => {
    if (done % every !== 0 && done !== steps) return;
    const m = tensorMemory();
    const u = Deno.memoryUsage();
    const row = {
      step: done,
      tensors: m.numTensors,
      bytes: m.numBytes,
      rss: u.rss,
      heap: u.heapUsed,
    };
    rows.push(row);
    const rate = done / ((performance.now() - t0) / 1000);
    console.log(
      `| ${done} | ${row.tensors} | ${(row.bytes / MB).toFixed(2)} | ${
        (row.rss / MB).toFixed(0)
      } | ` +
        `${(row.heap / MB).toFixed(0)} | ${rate.toFixed(2)} |`,
    );
  },
});
sampler.close();
res.encoder.dispose();
releaseCouplingWeights();
const [first, last] = [rows[0], rows[rows.length - 1]];
const grew = (last.rss - first.rss) / first.rss;
console.log(
  `\nlive tensors ${first.tensors} -> ${last.tensors}, bytes ${first.bytes} -> ${last.bytes}; ` +
    `RSS ${(first.rss / MB).toFixed(0)} -> ${(last.rss / MB).toFixed(0)} MB (${
      (100 * grew).toFixed(1)
    } %); ` +
    `wall ${((performance.now() - t0) / 1000).toFixed(0)} s, final loss ${
      res.curves.loss?.at(-1)?.[1]
    }`,
);
const flat = first.tensors === last.tensors && first.bytes === last.bytes && grew <= rssGrowth;
console.log(flat ? "memory flat" : "MEMORY GREW");
if (!flat) Deno.exit(1);
