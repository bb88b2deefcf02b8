/**
 * Cost of each regulariser: forward + backward (value and gradient with
 * respect to the embeddings) on a (M = 4096, N = 256) view-major stack of two
 * views, K = 256 slices for the sliced ones, on the wasm backend.
 *
 *   deno bench -A benchmarks/regularisers_bench.ts
 *
 * Linearity of SIGReg in M (the LeJEPA claim: O(M K) per step, no M x M
 * term): fits log(time) against log(M) over M = 1024 ... 16384 at N = 256,
 * K = 256, and prints the slope (1 = linear):
 *
 *   deno run -A benchmarks/regularisers_bench.ts --linearity
 *
 * @module
 */
import { initBackend, tf } from "../src/core/engine/mod.ts";
import {
  getRegulariser,
  type RegulariserContext,
  regulariserNames,
} from "../src/core/objectives/mod.ts";
import { Rng } from "../src/core/random.ts";

await initBackend("wasm");

const N = 256;
const K = 256;

function stack(m: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(new Rng(0, "bench", m).normals(m * N)), [m, N]);
}

/** One forward + backward of `name` on h; returns the value. */
export function forwardBackward(name: string, h: tf.Tensor2D, step = 0): number {
  const reg = getRegulariser(name);
  const ctx: RegulariserContext = { step, seed: 0, views: 2, batch: h.shape[0] / 2, slices: K };
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => reg.apply(x as tf.Tensor2D, ctx))(h);
    grad.dataSync();
    return value.dataSync()[0];
  });
}

if (Deno.args.includes("--linearity")) {
  const ms = [1024, 2048, 4096, 8192, 16384];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const m of ms) {
    const h = stack(m);
    forwardBackward("sigreg", h); // warm-up
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      forwardBackward("sigreg", h, r + 1);
      times.push(performance.now() - t0);
    }
    h.dispose();
    times.sort((a, b) => a - b);
    const med = times[2];
    console.log(`M = ${m}: ${med.toFixed(1)} ms (median of 5)`);
    xs.push(Math.log(m));
    ys.push(Math.log(med));
  }
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  console.log(`SIGReg time ~ M^${slope.toFixed(3)} (1 = linear; an M x M method would give 2)`);
  if (!(slope < 1.25)) {
    console.error("SIGReg cost grows faster than linearly in M");
    Deno.exit(1);
  }
} else {
  const h = stack(4096);
  for (const name of regulariserNames().filter((r) => r !== "none")) {
    Deno.bench({ name, group: "fwd+bwd M=4096 N=256", n: 5, warmup: 1 }, () => {
      forwardBackward(name, h);
    });
  }
}
