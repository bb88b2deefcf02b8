/**
 * Pooled coefficient of determination of an affine least-squares fit (the
 * identifiability paper's convention, SPEC section 2).
 *
 * @module
 */

import { leastSquares } from "../linalg/least_squares.ts";

/**
 * Pooled R2 of regressing `y (n x dy)` on `[x (n x dx), 1]`:
 * `1 - SSR / SST`, both summed over all samples and coordinates, SST about the
 * column means of y. NaN when y is constant (SST = 0).
 *
 * @example
 * ```ts
 * import { r2Pooled } from "./r2.ts";
 * const x = new Float64Array([0, 1, 2, 3]);
 * const y = new Float64Array([1, 3, 5, 7]);
 * console.assert(Math.abs(r2Pooled(x, y, 4, 1, 1) - 1) < 1e-12);
 * ```
 */
export function r2Pooled(
  x: Float64Array,
  y: Float64Array,
  n: number,
  dx: number,
  dy: number,
): number {
  const fit = leastSquares(x, y, n, dx, dy);
  return fit.sst === 0 ? NaN : 1 - fit.ssr / fit.sst;
}

/**
 * Grid R2(h -> z) for the 2D suites: `r2Pooled` of the grid latents `zGrid`
 * regressed on their encodings `hGrid` (both `n x dim`).
 *
 * @example
 * ```ts
 * import { gridR2 } from "./r2.ts";
 * import { gridLatents2D } from "../world/grid.ts";
 * const z = gridLatents2D(10);
 * console.assert(Math.abs(gridR2(z, z.map((v) => -2 * v + 1), 100, 2) - 1) < 1e-12);
 * ```
 */
export function gridR2(zGrid: Float64Array, hGrid: Float64Array, n: number, dim: number): number {
  return r2Pooled(hGrid, zGrid, n, dim, dim);
}
