/**
 * Identifiability metrics (R2 both ways, orthogonality, Procrustes, the
 * approximate-identifiability bound), grid R2 and collapse indicators.
 *
 * @example
 * ```ts
 * import { r2Pooled } from "./mod.ts";
 * const x = new Float64Array([0, 1, 2, 3]);
 * console.assert(Math.abs(r2Pooled(x, x.map((v) => 3 * v), 4, 1, 1) - 1) < 1e-12);
 * ```
 *
 * @module
 */

export * from "./r2.ts";
export * from "./identifiability.ts";
export * from "./collapse.ts";
