/**
 * Planning: finite MDPs for the generalisation suite (environments, value
 * iteration, spectral models, regret), and continuous latent control for the
 * planning suite (finite-horizon LQR, receding-horizon CEM, least-squares
 * latent models, rollouts in the true world).
 *
 * @example
 * ```ts
 * import { lqr } from "./mod.ts";
 * const pol = lqr(
 *   { n: 1, m: 1, a: new Float64Array([0.9]), b: new Float64Array([0.3]) },
 *   { q: new Float64Array([1]), r: new Float64Array([0.01]) },
 *   10,
 * );
 * const u = pol.action(0, new Float64Array([1]));
 * ```
 *
 * @module
 */
export * from "./mdp.ts";
export * from "./envs.ts";
export * from "./value_iteration.ts";
export * from "./model.ts";
export * from "./regret.ts";
export * from "./lqr.ts";
export * from "./cem.ts";
export * from "./latent_model.ts";
export * from "./rollout.ts";
