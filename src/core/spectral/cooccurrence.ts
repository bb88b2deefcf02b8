/**
 * The action-conditioned co-occurrence matrix of a finite MDP,
 * `C((s, a), s') = rho(s, a) P(s' | s, a)` with rows indexed by (s, a), its
 * marginals, and its normalisation `Abar = D_row^(-1/2) C D_col^(-1/2)`;
 * population and empirical (from n sampled transitions).
 *
 * @module
 */
import type { Rng } from "../random.ts";
import type { Mdp } from "../planning/mdp.ts";
import type { DenseMatrix } from "./dense.ts";

/** A co-occurrence matrix with its marginals. */
export interface Cooccurrence {
  nS: number;
  nA: number;
  /** C, shape (nS * nA) x nS, row (s * nA + a); entries sum to 1. */
  C: DenseMatrix;
  /** Row marginal D_row(s, a) = sum_s' C, length nS * nA. */
  dRow: Float64Array;
  /** Column marginal D_col(s') = sum_(s, a) C, length nS. */
  dCol: Float64Array;
  /** Transitions it was estimated from; Infinity for the population matrix. */
  n: number;
}

function marginals(C: DenseMatrix): { dRow: Float64Array; dCol: Float64Array } {
  const dRow = new Float64Array(C.rows);
  const dCol = new Float64Array(C.cols);
  for (let i = 0; i < C.rows; i++) {
    let s = 0;
    for (let j = 0; j < C.cols; j++) {
      const x = C.data[i * C.cols + j];
      s += x;
      dCol[j] += x;
    }
    dRow[i] = s;
  }
  return { dRow, dCol };
}

function checkBehaviour(mdp: Mdp, behaviour?: Float64Array): Float64Array {
  const rows = mdp.nS * mdp.nA;
  if (!behaviour) return new Float64Array(rows).fill(1 / rows);
  if (behaviour.length !== rows) {
    throw new RangeError(`behaviour must have length nS*nA = ${rows}, got ${behaviour.length}`);
  }
  let sum = 0;
  for (const p of behaviour) {
    if (!(p >= 0)) throw new RangeError(`behaviour has a negative or NaN entry ${p}`);
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`behaviour must sum to 1, got ${sum}`);
  return behaviour;
}

/**
 * The population co-occurrence of `mdp` under a behaviour distribution over
 * (s, a) (uniform by default).
 *
 * @example
 * ```ts
 * import { cooccurrence } from "./cooccurrence.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const co = cooccurrence(m);
 * console.assert(co.C.data[1] === 0.5 && co.dCol[0] === 0.5);
 * ```
 */
export function cooccurrence(mdp: Mdp, behaviour?: Float64Array): Cooccurrence {
  const rho = checkBehaviour(mdp, behaviour);
  const rows = mdp.nS * mdp.nA;
  const data = new Float64Array(rows * mdp.nS);
  for (let r = 0; r < rows; r++) {
    const w = rho[r];
    for (let t = 0; t < mdp.nS; t++) data[r * mdp.nS + t] = w * mdp.P[r * mdp.nS + t];
  }
  const C = { rows, cols: mdp.nS, data };
  return { nS: mdp.nS, nA: mdp.nA, C, ...marginals(C), n: Infinity };
}

/** Index of the first entry of cdf[lo, hi) that is > u (binary search). */
function search(cdf: Float64Array, lo: number, hi: number, u: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (cdf[mid] > u) b = mid;
    else a = mid + 1;
  }
  return a;
}

/**
 * The empirical co-occurrence of n transitions sampled i.i.d.:
 * (s, a) ~ behaviour (uniform by default), s' ~ P(. | s, a).
 *
 * @example
 * ```ts
 * import { sampleCooccurrence } from "./cooccurrence.ts";
 * import { Rng } from "../random.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const co = sampleCooccurrence(m, 100, new Rng(0));
 * console.assert(co.C.data[0] === 0 && co.n === 100);
 * ```
 */
export function sampleCooccurrence(
  mdp: Mdp,
  n: number,
  rng: Rng,
  behaviour?: Float64Array,
): Cooccurrence {
  if (!(Number.isInteger(n) && n > 0)) {
    throw new RangeError(`n must be a positive integer, got ${n}`);
  }
  const rho = checkBehaviour(mdp, behaviour);
  const { nS, nA, P } = mdp;
  const rows = nS * nA;
  const rowCdf = new Float64Array(rows);
  let acc = 0;
  for (let r = 0; r < rows; r++) rowCdf[r] = acc += rho[r];
  const cdf = new Float64Array(rows * nS);
  for (let r = 0; r < rows; r++) {
    let c = 0;
    for (let t = 0; t < nS; t++) cdf[r * nS + t] = c += P[r * nS + t];
  }
  const counts = new Float64Array(rows * nS);
  const uniformRows = behaviour === undefined;
  for (let i = 0; i < n; i++) {
    const r = uniformRows
      ? rng.int(rows)
      : Math.min(search(rowCdf, 0, rows, rng.uniform() * acc), rows - 1);
    const u = rng.uniform() * cdf[r * nS + nS - 1];
    const t = search(cdf, r * nS, r * nS + nS, u) - r * nS;
    counts[r * nS + t] += 1;
  }
  for (let i = 0; i < counts.length; i++) counts[i] /= n;
  const C = { rows, cols: nS, data: counts };
  return { nS, nA, C, ...marginals(C), n };
}

/** `1 / sqrt(x)` where x > 0, else 0 (unvisited rows and columns). */
export function invSqrt(x: number): number {
  return x > 0 ? 1 / Math.sqrt(x) : 0;
}

/**
 * The normalised co-occurrence `Abar = D_row^(-1/2) C D_col^(-1/2)`; rows and
 * columns with zero marginal stay zero.
 *
 * @example
 * ```ts
 * import { cooccurrence, normalizedCooccurrence } from "./cooccurrence.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const A = normalizedCooccurrence(cooccurrence(m));
 * console.assert(Math.abs(A.data[1] - 1) < 1e-12);
 * ```
 */
export function normalizedCooccurrence(co: Cooccurrence): DenseMatrix {
  const { C, dRow, dCol } = co;
  const colScale = Float64Array.from(dCol, invSqrt);
  const data = new Float64Array(C.rows * C.cols);
  for (let i = 0; i < C.rows; i++) {
    const rs = invSqrt(dRow[i]);
    if (rs === 0) continue;
    for (let j = 0; j < C.cols; j++) {
      const x = C.data[i * C.cols + j];
      if (x !== 0) data[i * C.cols + j] = rs * x * colScale[j];
    }
  }
  return { rows: C.rows, cols: C.cols, data };
}
