/**
 * Dynamic programming on a finite MDP: value iteration, policy evaluation and
 * the greedy policy. Sparse kernels (most entries zero, as in gridworlds) are
 * iterated over their non-zeros only.
 *
 * @module
 */
import type { Mdp } from "./mdp.ts";

/** Stopping rule for the iterative solvers. */
export interface SolveOptions {
  /** Stop when the largest change of V in one sweep is below this. Default 1e-12. */
  tol?: number;
  /** Give up after this many sweeps (throws). Default 100000. */
  maxIter?: number;
}

/** Result of {@link valueIteration}. */
export interface ValueIterationResult {
  /** The optimal values (to `tol`), length nS. */
  V: Float64Array;
  /** A greedy policy with respect to `V`, one action per state. */
  policy: Int32Array;
  /** Sweeps taken. */
  iterations: number;
}

interface Csr {
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

const csrCache = new WeakMap<Float64Array, Csr | null>();

/** CSR form of P when at most a third of its entries are non-zero, else null. */
function sparseRows(mdp: Mdp): Csr | null {
  const hit = csrCache.get(mdp.P);
  if (hit !== undefined) return hit;
  const { P } = mdp;
  let nnz = 0;
  for (let i = 0; i < P.length; i++) if (P[i] !== 0) nnz++;
  let csr: Csr | null = null;
  if (nnz * 3 <= P.length) {
    const rows = mdp.nS * mdp.nA;
    const start = new Int32Array(rows + 1);
    const col = new Int32Array(nnz);
    const val = new Float64Array(nnz);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      start[r] = k;
      const base = r * mdp.nS;
      for (let t = 0; t < mdp.nS; t++) {
        const p = P[base + t];
        if (p !== 0) {
          col[k] = t;
          val[k++] = p;
        }
      }
    }
    start[rows] = k;
    csr = { start, col, val };
  }
  csrCache.set(mdp.P, csr);
  return csr;
}

/**
 * Expected next value `sum_t P(t | s, a) V[t]` for row r = s * nA + a.
 *
 * @example
 * ```ts
 * import { expectedNext } from "./value_iteration.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.5 };
 * console.assert(expectedNext(m, 0, new Float64Array([3, 7])) === 7);
 * ```
 */
export function expectedNext(mdp: Mdp, row: number, V: Float64Array): number {
  return rowDot(mdp)(row, V);
}

/** A fast `(row, V) => P[row] . V` for this MDP (sparse or dense). */
function rowDot(mdp: Mdp): (row: number, V: Float64Array) => number {
  const csr = sparseRows(mdp);
  if (csr) {
    const { start, col, val } = csr;
    return (row, V) => {
      let acc = 0;
      for (let k = start[row]; k < start[row + 1]; k++) acc += val[k] * V[col[k]];
      return acc;
    };
  }
  const { P, nS } = mdp;
  return (row, V) => {
    const base = row * nS;
    let acc = 0;
    for (let t = 0; t < nS; t++) acc += P[base + t] * V[t];
    return acc;
  };
}

/**
 * The greedy policy `argmax_a r(s) + gamma sum_t P(t|s,a) V(t)` (ties go to
 * the lowest action index).
 *
 * @example
 * ```ts
 * import { greedyPolicy } from "./value_iteration.ts";
 * const m = { nS: 2, nA: 2, P: new Float64Array([1, 0, 0, 1, 1, 0, 0, 1]), reward: new Float64Array([0, 1]), gamma: 0.5 };
 * console.assert(greedyPolicy(m, new Float64Array([0, 2]))[0] === 1);
 * ```
 */
export function greedyPolicy(mdp: Mdp, V: Float64Array): Int32Array {
  const policy = new Int32Array(mdp.nS);
  const dot = rowDot(mdp);
  for (let s = 0; s < mdp.nS; s++) {
    let best = -Infinity;
    for (let a = 0; a < mdp.nA; a++) {
      const q = dot(s * mdp.nA + a, V);
      if (q > best) {
        best = q;
        policy[s] = a;
      }
    }
  }
  return policy;
}

/**
 * Value iteration `V <- r + gamma max_a P_a V` from V = 0 until the largest
 * change in a sweep is below `tol`; returns V and a greedy policy.
 *
 * @example
 * ```ts
 * import { valueIteration } from "./value_iteration.ts";
 * const m = { nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([1]), gamma: 0.5 };
 * console.assert(Math.abs(valueIteration(m).V[0] - 2) < 1e-10);
 * ```
 */
export function valueIteration(mdp: Mdp, opts: SolveOptions = {}): ValueIterationResult {
  const { tol = 1e-12, maxIter = 100000 } = opts;
  const { nS, nA, reward, gamma } = mdp;
  const dot = rowDot(mdp);
  let V = new Float64Array(nS);
  let next = new Float64Array(nS);
  for (let it = 1; it <= maxIter; it++) {
    let delta = 0;
    for (let s = 0; s < nS; s++) {
      let best = -Infinity;
      for (let a = 0; a < nA; a++) best = Math.max(best, dot(s * nA + a, V));
      const v = reward[s] + gamma * best;
      delta = Math.max(delta, Math.abs(v - V[s]));
      next[s] = v;
    }
    [V, next] = [next, V];
    if (delta < tol) return { V, policy: greedyPolicy(mdp, V), iterations: it };
  }
  throw new RangeError(`value iteration did not reach tol ${tol} in ${maxIter} sweeps`);
}

/**
 * Value of a deterministic policy, `V = r + gamma P_pi V`, by iteration to `tol`.
 *
 * @example
 * ```ts
 * import { policyEvaluation } from "./value_iteration.ts";
 * const m = { nS: 1, nA: 2, P: new Float64Array([1, 1]), reward: new Float64Array([1]), gamma: 0.9 };
 * console.assert(Math.abs(policyEvaluation(m, new Int32Array([1]))[0] - 10) < 1e-9);
 * ```
 */
export function policyEvaluation(
  mdp: Mdp,
  policy: Int32Array,
  opts: SolveOptions = {},
): Float64Array {
  const { tol = 1e-12, maxIter = 100000 } = opts;
  const { nS, nA, reward, gamma } = mdp;
  if (policy.length !== nS) {
    throw new RangeError(`policy must have length ${nS}, got ${policy.length}`);
  }
  const dot = rowDot(mdp);
  let V = new Float64Array(nS);
  let next = new Float64Array(nS);
  for (let it = 1; it <= maxIter; it++) {
    let delta = 0;
    for (let s = 0; s < nS; s++) {
      const v = reward[s] + gamma * dot(s * nA + policy[s], V);
      delta = Math.max(delta, Math.abs(v - V[s]));
      next[s] = v;
    }
    [V, next] = [next, V];
    if (delta < tol) return V;
  }
  throw new RangeError(`policy evaluation did not reach tol ${tol} in ${maxIter} sweeps`);
}
