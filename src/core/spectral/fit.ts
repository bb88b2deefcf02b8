/**
 * The rank-k fit of the spectral loss from a (possibly empirical)
 * co-occurrence: the truncated SVD of its normalised matrix, returned as
 * predictor and target embeddings u, v (the minimiser of the loss whose
 * expectations are taken under that co-occurrence).
 *
 * @module
 */
import type { Rng } from "../random.ts";
import { type Cooccurrence, invSqrt, normalizedCooccurrence } from "./cooccurrence.ts";
import { type DenseMatrix, leadingColumns } from "./dense.ts";
import { exactSvd, randomizedSvd, randomizedSvdTf, type Svd } from "./svd.ts";

/** Which SVD a fit uses. */
export type SvdMethod = "exact" | "randomized" | "randomized-tf";

/** Options of {@link fitFactors}. */
export interface FitOptions {
  /** Random source for the randomized SVDs. */
  rng: Rng;
  /** SVD method; default "exact" when min(rows, cols) <= 256, else "randomized". */
  method?: SvdMethod;
  /**
   * Convergence tolerance of the randomized methods (relative change of the
   * top-k singular values between Krylov blocks). Default 1e-8 ("randomized"),
   * 1e-6 ("randomized-tf").
   */
  tol?: number;
}

/** A rank-kMax fit; its leading k columns are the rank-k fit. */
export interface SpectralFit {
  /** Predictor embeddings u(s, a), (nS nA) x kMax. */
  u: DenseMatrix;
  /** Target embeddings v(s'), nS x kMax. */
  v: DenseMatrix;
  /** Matrix-form factors under the fitted co-occurrence's marginals: U = sqrt(D_row) u. */
  U: DenseMatrix;
  /** V = sqrt(D_col) v. */
  V: DenseMatrix;
  /** Top singular values of the fitted co-occurrence's Abar. */
  s: Float64Array;
  /** The marginals the fit used. */
  dRow: Float64Array;
  dCol: Float64Array;
  /** SVD wall time, milliseconds. */
  svdMs: number;
  method: SvdMethod;
}

/**
 * Fit the rank-kMax minimiser: with `Abar = P S Q^T` (top kMax),
 * `U = P sqrt(S)`, `V = Q sqrt(S)`, `u = D_row^(-1/2) U`, `v = D_col^(-1/2) V`
 * (zero where a marginal is zero).
 *
 * @example
 * ```ts
 * import { fitFactors } from "./fit.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { Rng } from "../random.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const fit = fitFactors(cooccurrence(m), 1, { rng: new Rng(0) });
 * console.assert(Math.abs(fit.s[0] - 1) < 1e-12);
 * ```
 */
export function fitFactors(co: Cooccurrence, kMax: number, opts: FitOptions): SpectralFit {
  const method = chooseMethod(co, opts);
  if (method === "randomized-tf") {
    throw new RangeError('fitFactors: svd "randomized-tf" is asynchronous; use fitFactorsAsync');
  }
  const Abar = normalizedCooccurrence(co);
  const t0 = performance.now();
  const svd = method === "exact"
    ? exactSvd(Abar, kMax)
    : randomizedSvd(Abar, kMax, { rng: opts.rng, tol: opts.tol ?? 1e-8 });
  return factorsFromSvd(co, svd, performance.now() - t0, method);
}

/**
 * {@link fitFactors} with every SVD method, "randomized-tf" included (its
 * products run on the active tfjs backend and are read asynchronously, so it
 * runs on webgpu too); the other methods give the same fit as fitFactors.
 *
 * @example
 * ```ts
 * import { fitFactorsAsync } from "./fit.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { Rng } from "../random.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const fit = await fitFactorsAsync(cooccurrence(m), 1, { rng: new Rng(0) });
 * console.assert(Math.abs(fit.s[0] - 1) < 1e-12);
 * ```
 */
export async function fitFactorsAsync(
  co: Cooccurrence,
  kMax: number,
  opts: FitOptions,
): Promise<SpectralFit> {
  if (chooseMethod(co, opts) !== "randomized-tf") {
    return fitFactors(co, kMax, opts);
  }
  const Abar = normalizedCooccurrence(co);
  const t0 = performance.now();
  const svd = await randomizedSvdTf(Abar, kMax, { rng: opts.rng, tol: opts.tol ?? 1e-6 });
  return factorsFromSvd(co, svd, performance.now() - t0, "randomized-tf");
}

/** The SVD a fit uses: the asked one, else by the size of Abar (that of C). */
function chooseMethod(co: Cooccurrence, opts: FitOptions): SvdMethod {
  return opts.method ?? (Math.min(co.C.rows, co.C.cols) <= 256 ? "exact" : "randomized");
}

function factorsFromSvd(co: Cooccurrence, svd: Svd, svdMs: number, method: SvdMethod): SpectralFit {
  const k = svd.s.length;
  const root = Float64Array.from(svd.s, (x) => Math.sqrt(Math.max(0, x)));
  const build = (M: DenseMatrix, d: Float64Array) => {
    const F = new Float64Array(M.rows * k);
    const f = new Float64Array(M.rows * k);
    for (let i = 0; i < M.rows; i++) {
      const w = invSqrt(d[i]);
      for (let c = 0; c < k; c++) {
        const x = M.data[i * M.cols + c] * root[c];
        F[i * k + c] = x;
        f[i * k + c] = w * x;
      }
    }
    return { F: { rows: M.rows, cols: k, data: F }, f: { rows: M.rows, cols: k, data: f } };
  };
  const left = build(svd.U, co.dRow);
  const right = build(svd.V, co.dCol);
  return {
    u: left.f,
    v: right.f,
    U: left.F,
    V: right.F,
    s: svd.s,
    dRow: co.dRow,
    dCol: co.dCol,
    svdMs,
    method,
  };
}

/**
 * The rank-k embeddings (leading k columns) of a fit.
 *
 * @example
 * ```ts
 * import { fitFactors, truncateFit } from "./fit.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { Rng } from "../random.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const { u } = truncateFit(fitFactors(cooccurrence(m), 2, { rng: new Rng(0) }), 1);
 * console.assert(u.cols === 1);
 * ```
 */
export function truncateFit(
  fit: SpectralFit,
  k: number,
): { u: DenseMatrix; v: DenseMatrix; U: DenseMatrix; V: DenseMatrix } {
  return {
    u: leadingColumns(fit.u, k),
    v: leadingColumns(fit.v, k),
    U: leadingColumns(fit.U, k),
    V: leadingColumns(fit.V, k),
  };
}
