/**
 * Sample covariance (unbiased, n - 1), the convention of SPEC section 2.
 *
 * @module
 */

import { centerColumns, gram } from "./matrix.ts";

/**
 * Unbiased sample covariance `Xc^T Xc / (n - 1)` of `x (n x d)`: a `d x d`
 * symmetric matrix, row-major. Needs n >= 2.
 *
 * @example
 * ```ts
 * import { covariance } from "./covariance.ts";
 * const c = covariance(new Float64Array([0, 2]), 2, 1);
 * console.assert(c[0] === 2);
 * ```
 */
export function covariance(x: Float64Array, n: number, d: number): Float64Array {
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`covariance needs n >= 2 samples, got ${n}`);
  }
  const c = gram(centerColumns(x, n, d), n, d);
  const s = 1 / (n - 1);
  for (let i = 0; i < c.length; i++) c[i] *= s;
  return c;
}

/**
 * Trace of a square `d x d` matrix.
 *
 * @example
 * ```ts
 * import { trace } from "./covariance.ts";
 * console.assert(trace(new Float64Array([1, 9, 9, 2]), 2) === 3);
 * ```
 */
export function trace(a: Float64Array, d: number): number {
  if (a.length !== d * d) {
    throw new RangeError(`trace needs a ${d} x ${d} matrix, got length ${a.length}`);
  }
  let t = 0;
  for (let i = 0; i < d; i++) t += a[i * d + i];
  return t;
}
