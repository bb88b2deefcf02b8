/**
 * The fixed evaluation grid of the 2D identifiability suites (SPEC section 2).
 *
 * @module
 */

/**
 * A `size x size` grid of 2D latents over `[lo, hi]^2` (endpoints included,
 * like numpy's linspace), as a `size^2 x 2` row-major array; point
 * `i * size + j` is `(t_i, t_j)` with `t_k = lo + k (hi - lo) / (size - 1)`.
 * The same points for every law.
 *
 * @example
 * ```ts
 * import { gridLatents2D } from "./grid.ts";
 * const g = gridLatents2D();
 * console.assert(g.length === 20000 && g[0] === -3 && g[19999] === 3);
 * ```
 */
export function gridLatents2D(size = 100, lo = -3, hi = 3): Float64Array {
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`grid size must be an integer >= 2, got ${size}`);
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`grid needs finite lo < hi, got [${lo}, ${hi}]`);
  }
  const t = new Float64Array(size);
  const step = (hi - lo) / (size - 1);
  for (let k = 0; k < size; k++) t[k] = k === size - 1 ? hi : lo + k * step;
  const out = new Float64Array(size * size * 2);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const o = 2 * (i * size + j);
      out[o] = t[i];
      out[o + 1] = t[j];
    }
  }
  return out;
}
