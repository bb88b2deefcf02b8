/**
 * The matmul bound of a training step: GFLOP/s of one float32 matMul on a
 * backend (default wasm), timed in a loop after a warm-up. The N = 1024
 * coupling step does about 5.9 GFLOP of such matMuls (README "Speed"), so
 * this rate bounds its time from below.
 *
 * Usage: deno run -A benchmarks/matmul_rate.ts [--m 512] [--k 512] [--n 512] [--repeats 30] [--backend wasm]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend, tf } from "../src/core/engine/mod.ts";
import { Rng } from "../src/core/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    m: { type: "string", default: "512" },
    k: { type: "string", default: "512" },
    n: { type: "string", default: "512" },
    repeats: { type: "string", default: "30" },
    backend: { type: "string", default: "wasm" },
  },
});
const [m, k, n, repeats] = [values.m, values.k, values.n, values.repeats].map(Number);
if (![m, k, n, repeats].every((v) => Number.isInteger(v) && v > 0)) {
  console.error("error: --m, --k, --n and --repeats must be positive integers");
  Deno.exit(2);
}
await initBackend(values.backend);
const a = tf.tensor2d(Float32Array.from(new Rng(1, "a").normals(m * k)), [m, k]);
const b = tf.tensor2d(Float32Array.from(new Rng(2, "b").normals(k * n), (x) => x / Math.sqrt(k)), [
  k,
  n,
]);
// tidy returns nothing: returning the typed array would make it walk 262 144 keys.
const once = () => tf.tidy(() => void tf.matMul(a, b).dataSync());
for (let i = 0; i < 5; i++) once();
const t0 = performance.now();
for (let i = 0; i < repeats; i++) once();
const ms = (performance.now() - t0) / repeats;
console.log(
  `${values.backend} matMul ${m}x${k} @ ${k}x${n}: ${ms.toFixed(2)} ms, ` +
    `${(2 * m * k * n / ms / 1e6).toFixed(1)} GFLOP/s (mean of ${repeats})`,
);
