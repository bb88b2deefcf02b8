/**
 * Float64 linear algebra used by the metrics: matrix helpers, covariance,
 * Householder QR, affine least squares, SVD and symmetric eigenvalues.
 *
 * @example
 * ```ts
 * import { covariance, leastSquares } from "./mod.ts";
 * const c = covariance(new Float64Array([0, 2]), 2, 1);
 * console.assert(c[0] === 2 && typeof leastSquares === "function");
 * ```
 *
 * @module
 */

export * from "./matrix.ts";
export * from "./covariance.ts";
export * from "./qr.ts";
export * from "./least_squares.ts";
export * from "./normal_equations.ts";
export * from "./decompositions.ts";
