/**
 * Finite-horizon discrete-time LQR with an affine term and a target state, by
 * the Riccati recursion in float64.
 *
 * System `x_{t+1} = A x_t + B u_t + c`; cost
 * `J = sum_{t=0}^{T-1} [(x_t - x*)' Q (x_t - x*) + u_t' R u_t] + (x_T - x*)' Qf (x_T - x*)`.
 * In error coordinates `e = x - x*` the dynamics are `e' = A e + B u + d` with
 * `d = A x* + c - x*`; the value is `V_t(e) = e' P_t e + 2 p_t' e + s_t` and the
 * optimal control `u_t = -K_t e - k_t`. All matrices are row-major and act on
 * column vectors.
 *
 * @module
 */
import { matmul, transpose } from "../linalg/matrix.ts";

/** A linear (affine) system `x' = A x + B u + c`. */
export interface LinearSystem {
  /** State dimension. */
  n: number;
  /** Action dimension. */
  m: number;
  /** `n x n`, row-major. */
  a: Float64Array;
  /** `n x m`, row-major. */
  b: Float64Array;
  /** Constant drift, length n (default zeros). */
  c?: Float64Array;
}

/** A quadratic tracking cost. */
export interface QuadraticCost {
  /** Stage state weight `n x n` (symmetric PSD). */
  q: Float64Array;
  /** Action weight `m x m` (symmetric PD). */
  r: Float64Array;
  /** Terminal state weight (default `q`). */
  qf?: Float64Array;
  /** Target state x*, length n (default zeros). */
  target?: Float64Array;
}

/** The optimal time-varying affine policy of {@link lqr}. */
export interface LqrPolicy {
  horizon: number;
  n: number;
  m: number;
  /** Gains `K_t` (`m x n`), t = 0..T-1. */
  gains: Float64Array[];
  /** Offsets `k_t` (length m). */
  offsets: Float64Array[];
  /** Target x*. */
  target: Float64Array;
  /** The optimal action at time t from state x: `-K_t (x - x*) - k_t`. */
  action(t: number, x: Float64Array): Float64Array;
  /** Optimal noise-free cost-to-go `V_t(x)` (t = 0..T). */
  costToGo(t: number, x: Float64Array): number;
}

/**
 * Solve `G X = Y` for `G (m x m)` and `Y (m x k)` by Gaussian elimination with
 * partial pivoting. Throws RangeError when G is singular.
 */
function solve(g: Float64Array, y: Float64Array, m: number, k: number): Float64Array {
  const a = Float64Array.from(g);
  const x = Float64Array.from(y);
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) {
      if (Math.abs(a[r * m + col]) > Math.abs(a[piv * m + col])) piv = r;
    }
    const pv = a[piv * m + col];
    if (!(Math.abs(pv) > 0) || !Number.isFinite(pv)) {
      throw new RangeError("lqr: R + B'PB is singular; R must be positive definite");
    }
    if (piv !== col) {
      for (let j = 0; j < m; j++) {
        [a[col * m + j], a[piv * m + j]] = [a[piv * m + j], a[col * m + j]];
      }
      for (let j = 0; j < k; j++) {
        [x[col * k + j], x[piv * k + j]] = [x[piv * k + j], x[col * k + j]];
      }
    }
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = a[r * m + col] / pv;
      if (f === 0) continue;
      for (let j = col; j < m; j++) a[r * m + j] -= f * a[col * m + j];
      for (let j = 0; j < k; j++) x[r * k + j] -= f * x[col * k + j];
    }
  }
  for (let r = 0; r < m; r++) {
    const d = a[r * m + r];
    for (let j = 0; j < k; j++) x[r * k + j] /= d;
  }
  return x;
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

function sub(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function quad(p: Float64Array, v: Float64Array, n: number): number {
  return dot(v, matmul(p, v, n, n, 1));
}

function check(name: string, a: Float64Array | undefined, len: number, shape: string): void {
  if (a !== undefined && a.length !== len) {
    throw new RangeError(`lqr: ${name} has length ${a.length}, expected ${shape}`);
  }
}

/**
 * The finite-horizon optimal controller of `sys` under `cost` over `horizon`
 * steps (Riccati recursion in Joseph form, so P stays symmetric).
 *
 * @throws {RangeError} on shape mismatches, a non-positive horizon or a singular `R + B'PB`.
 * @example
 * ```ts
 * import { lqr } from "./lqr.ts";
 * // Scalar x' = x + u, cost sum x^2 + u^2 over one step (+ terminal x^2): u = -x / 2.
 * const pol = lqr(
 *   { n: 1, m: 1, a: new Float64Array([1]), b: new Float64Array([1]) },
 *   { q: new Float64Array([1]), r: new Float64Array([1]) },
 *   1,
 * );
 * console.assert(Math.abs(pol.action(0, new Float64Array([2]))[0] + 1) < 1e-12);
 * ```
 */
export function lqr(sys: LinearSystem, cost: QuadraticCost, horizon: number): LqrPolicy {
  const { n, m } = sys;
  if (!(Number.isInteger(n) && n > 0 && Number.isInteger(m) && m > 0)) {
    throw new RangeError(`lqr: n and m must be positive integers, got ${n} and ${m}`);
  }
  if (!(Number.isInteger(horizon) && horizon > 0)) {
    throw new RangeError(`lqr: horizon must be a positive integer, got ${horizon}`);
  }
  check("a", sys.a, n * n, `${n} x ${n}`);
  check("b", sys.b, n * m, `${n} x ${m}`);
  check("c", sys.c, n, `${n}`);
  check("q", cost.q, n * n, `${n} x ${n}`);
  check("r", cost.r, m * m, `${m} x ${m}`);
  check("qf", cost.qf, n * n, `${n} x ${n}`);
  check("target", cost.target, n, `${n}`);
  const A = sys.a;
  const B = sys.b;
  const Bt = transpose(B, n, m);
  const target = Float64Array.from(cost.target ?? new Float64Array(n));
  const c = sys.c ?? new Float64Array(n);
  const d = sub(add(matmul(A, target, n, n, 1), c), target);

  const Ps: Float64Array[] = new Array(horizon + 1);
  const ps: Float64Array[] = new Array(horizon + 1);
  const ss = new Float64Array(horizon + 1);
  const gains: Float64Array[] = new Array(horizon);
  const offsets: Float64Array[] = new Array(horizon);
  Ps[horizon] = Float64Array.from(cost.qf ?? cost.q);
  ps[horizon] = new Float64Array(n);
  for (let t = horizon - 1; t >= 0; t--) {
    const P = Ps[t + 1];
    const p = ps[t + 1];
    const BtP = matmul(Bt, P, m, n, n);
    const G = add(cost.r, matmul(BtP, B, m, n, m));
    const K = solve(G, matmul(BtP, A, m, n, n), m, n);
    const k = solve(G, add(matmul(BtP, d, m, n, 1), matmul(Bt, p, m, n, 1)), m, 1);
    const Acl = sub(A, matmul(B, K, n, m, n));
    const Aclt = transpose(Acl, n, n);
    const dcl = sub(d, matmul(B, k, n, m, 1));
    const Kt = transpose(K, m, n);
    const KtR = matmul(Kt, cost.r, n, m, m);
    const Pn = add(
      add(cost.q, matmul(KtR, K, n, m, n)),
      matmul(matmul(Aclt, P, n, n, n), Acl, n, n, n),
    );
    // Symmetrise against rounding.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = 0.5 * (Pn[i * n + j] + Pn[j * n + i]);
        Pn[i * n + j] = v;
        Pn[j * n + i] = v;
      }
    }
    const pn = add(matmul(KtR, k, n, m, 1), matmul(Aclt, add(matmul(P, dcl, n, n, 1), p), n, n, 1));
    ss[t] = quad(cost.r, k, m) + quad(P, dcl, n) + 2 * dot(p, dcl) + ss[t + 1];
    Ps[t] = Pn;
    ps[t] = pn;
    gains[t] = K;
    offsets[t] = k;
  }
  const checkT = (t: number, max: number) => {
    if (!(Number.isInteger(t) && t >= 0 && t <= max)) {
      throw new RangeError(`lqr: t must be an integer in [0, ${max}], got ${t}`);
    }
  };
  return {
    horizon,
    n,
    m,
    gains,
    offsets,
    target,
    action(t: number, x: Float64Array): Float64Array {
      checkT(t, horizon - 1);
      check("x", x, n, `${n}`);
      const e = sub(x, target);
      const u = matmul(gains[t], e, m, n, 1);
      for (let i = 0; i < m; i++) u[i] = -u[i] - offsets[t][i];
      return u;
    },
    costToGo(t: number, x: Float64Array): number {
      checkT(t, horizon);
      check("x", x, n, `${n}`);
      const e = sub(x, target);
      return quad(Ps[t], e, n) + 2 * dot(ps[t], e) + ss[t];
    },
  };
}
