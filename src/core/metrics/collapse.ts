/**
 * Representation-collapse indicators for encodings `h (n x dim)`.
 *
 * @module
 */

import { covariance, trace } from "../linalg/covariance.ts";
import { symmetricEigenvalues } from "../linalg/decompositions.ts";

/**
 * Effective rank (Roy & Vetterli 2007) of the encodings: `exp(H(p))`, p the
 * covariance eigenvalues normalised to sum 1 (negative rounding-level
 * eigenvalues clipped to 0). Between 1 and dim; 0 for constant encodings.
 *
 * @example
 * ```ts
 * import { effectiveRank } from "./collapse.ts";
 * const h = new Float64Array([1, 0, -1, 0, 0, 1, 0, -1]);
 * console.assert(Math.abs(effectiveRank(h, 4, 2) - 2) < 1e-12);
 * ```
 */
export function effectiveRank(h: Float64Array, n: number, dim: number): number {
  const ev = symmetricEigenvalues(covariance(h, n, dim), dim);
  let total = 0;
  for (const e of ev) if (e > 0) total += e;
  if (!(total > 0)) return 0;
  let ent = 0;
  for (const e of ev) {
    if (e <= 0) continue;
    const p = e / total;
    ent -= p * Math.log(p);
  }
  return Math.exp(ent);
}

/** Thresholds of {@link collapsed}. */
export interface CollapseOptions {
  /** Complete collapse when `tr Cov(h) / dim` falls below this (targets are unit variance). Default 1e-3. */
  minVariance?: number;
  /** Dimensional collapse when `effectiveRank < minRankFraction * dim`. Default 0.6. */
  minRankFraction?: number;
}

/**
 * Whether the encodings have collapsed: complete collapse (mean per-coordinate
 * variance `tr Cov(h) / dim < minVariance`, default 1e-3) or dimensional
 * collapse (`effectiveRank(h) < minRankFraction * dim`, default 0.6 — in 2D an
 * encoder squashed onto a line, effective rank about 1, counts as collapsed).
 *
 * @example
 * ```ts
 * import { collapsed } from "./collapse.ts";
 * const line = new Float64Array([1, 1, -1, -1, 2, 2, -2, -2]);
 * console.assert(collapsed(line, 4, 2));
 * ```
 */
export function collapsed(
  h: Float64Array,
  n: number,
  dim: number,
  opts: CollapseOptions = {},
): boolean {
  const minVariance = opts.minVariance ?? 1e-3;
  const minRankFraction = opts.minRankFraction ?? 0.6;
  const tv = trace(covariance(h, n, dim), dim);
  if (!(tv / dim >= minVariance)) return true;
  return effectiveRank(h, n, dim) < minRankFraction * dim;
}
