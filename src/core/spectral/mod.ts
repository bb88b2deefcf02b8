/**
 * The action-conditioned co-occurrence, its spectral JEPA loss, SVDs, the
 * rank-k fit and gradient-descent training (SPEC section 3; the suite's own
 * operationalisation after HaoChen et al. 2021).
 *
 * @example
 * ```ts
 * import { cooccurrence, exactSvd, normalizedCooccurrence } from "./mod.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * console.assert(exactSvd(normalizedCooccurrence(cooccurrence(m))).s[0] > 0.99);
 * ```
 *
 * @module
 */
export * from "./dense.ts";
export * from "./cooccurrence.ts";
export * from "./loss.ts";
export * from "./svd.ts";
export * from "./fit.ts";
export * from "./train.ts";
export * from "./krylov.ts";
