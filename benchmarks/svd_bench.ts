/**
 * SVD of 1024-state normalised co-occurrence matrices: the dense ml-matrix SVD
 * (baseline) against the randomized block-Krylov top-k SVD, on plain float64
 * JS and on the tfjs engine.
 *
 *   deno bench -A benchmarks/svd_bench.ts
 *
 * The ml-matrix baseline runs once (it takes seconds); the others run a few times.
 * Set SVD_BENCH_TALL=1 to add the 4096 x 1024 (4 actions) case for ml-matrix
 * (about two minutes on one core).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { Rng } from "../src/core/random.ts";
import { plantedRank } from "../src/core/planning/envs.ts";
import {
  cooccurrence,
  exactSvd,
  normalizedCooccurrence,
  randomizedSvd,
  randomizedSvdTf,
} from "../src/core/spectral/mod.ts";

await tf.setBackend("wasm");
const square = normalizedCooccurrence(
  cooccurrence(plantedRank({ nS: 1024, nA: 1, rank: 16 }, new Rng(0))),
);
const tall = normalizedCooccurrence(
  cooccurrence(plantedRank({ nS: 1024, nA: 4, rank: 16 }, new Rng(0))),
);
const k = 16;

Deno.bench({
  name: "ml-matrix exact SVD, 1024 x 1024",
  group: "svd-1024",
  baseline: true,
  n: 1,
  warmup: 0,
}, () => {
  exactSvd(square, k);
});
Deno.bench({
  name: "randomized block-Krylov top-16 (float64 JS), 1024 x 1024",
  group: "svd-1024",
  n: 5,
  warmup: 1,
}, () => {
  randomizedSvd(square, k, { rng: new Rng(1), tol: 1e-10 });
});
Deno.bench({
  name: "randomized block-Krylov top-16 (tfjs wasm), 1024 x 1024",
  group: "svd-1024",
  n: 5,
  warmup: 1,
}, async () => {
  await randomizedSvdTf(square, k, { rng: new Rng(1) });
});
Deno.bench({
  name: "randomized block-Krylov top-16 (float64 JS), 4096 x 1024",
  group: "svd-1024-tall",
  n: 5,
  warmup: 1,
}, () => {
  randomizedSvd(tall, k, { rng: new Rng(1), tol: 1e-10 });
});
Deno.bench({
  name: "randomized block-Krylov top-16 (tfjs wasm), 4096 x 1024",
  group: "svd-1024-tall",
  n: 5,
  warmup: 1,
}, async () => {
  await randomizedSvdTf(tall, k, { rng: new Rng(1) });
});
if (Deno.env.get("SVD_BENCH_TALL") === "1") {
  Deno.bench({
    name: "ml-matrix exact SVD, 4096 x 1024",
    group: "svd-1024-tall",
    baseline: true,
    n: 1,
    warmup: 0,
  }, () => {
    exactSvd(tall, k);
  });
}
