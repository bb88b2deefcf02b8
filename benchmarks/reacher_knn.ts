/**
 * The pixel-reacher study's k-nearest-neighbour diagnostic
 * (benchmarks/reacher_study.ts): how much of the joint angles any function of
 * an encoding recovers.
 *
 * @module
 */

/** Neighbours of the k-nearest-neighbour diagnostic. */
const KNN_K = 10;

/**
 * Leave-one-out k-nearest-neighbour R2 of each joint from `h` (n x 2): how much
 * of z any function of h recovers, where the linear R2 says how much a linear
 * one does. A diagnostic only (not the project's metric).
 *
 * @example
 * ```ts
 * import { knnR2 } from "./reacher_knn.ts";
 * const z = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i));
 * const [a, b] = knnR2(z, z.map((v) => v ** 3), 100);
 * console.assert(a > 0.9 && b > 0.9);
 * ```
 */
export function knnR2(z: Float64Array, h: Float64Array, n: number): [number, number] {
  const k = Math.min(KNN_K, n - 1);
  const d = new Float64Array(n);
  const idx = new Int32Array(n);
  const ssr = [0, 0];
  const mean = [0, 0];
  for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) mean[j] += z[2 * i + j] / n;
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      idx[m] = m;
      d[m] = m === i ? Infinity : (h[2 * m] - h[2 * i]) ** 2 + (h[2 * m + 1] - h[2 * i + 1]) ** 2;
    }
    const near = Array.from(idx).sort((a, b) => d[a] - d[b]).slice(0, k);
    for (let j = 0; j < 2; j++) {
      let p = 0;
      for (const m of near) p += z[2 * m + j] / k;
      ssr[j] += (z[2 * i + j] - p) ** 2;
    }
  }
  const sst = [0, 0];
  for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) sst[j] += (z[2 * i + j] - mean[j]) ** 2;
  return [1 - ssr[0] / sst[0], 1 - ssr[1] / sst[1]];
}
