/**
 * Simulating the TRUE controlled world under a policy that acts from
 * observations (SPEC section 4), with the cost measured in the true latent
 * space: `sum_{t=1}^{T} ||z_t - z_goal||^2 + alpha sum_{t=0}^{T-1} ||a_t||^2`.
 *
 * Diverging rollouts (a coordinate of z above `cap` in absolute value, or not
 * finite) stop there and count as failures; every remaining step is charged
 * `cap^2`, so a divergence costs far more than any finished episode.
 *
 * @module
 */
import type { Rng } from "../random.ts";
import { controlledStep, type ControlledWorld } from "../world/controlled.ts";

/** One episode: start, goal, horizon and cost weights. */
export interface Episode {
  /** True start state, length dim. */
  z0: Float64Array;
  /** True goal state, length dim. */
  zGoal: Float64Array;
  /** Steps T. */
  horizon: number;
  /** Action cost weight alpha. */
  alpha: number;
  /** Success when the final true distance is below this. */
  successRadius: number;
  /** Divergence cap on |z_i| (default 1e3). */
  cap?: number;
}

/**
 * A policy: called once per step with the step index and the observation of
 * the current true state; returns the action, or a promise of it (a policy
 * that encodes observations on a backend without synchronous reads, such as
 * webgpu, is asynchronous).
 */
export type Policy = (t: number, obs: Float64Array) => Float64Array | Promise<Float64Array>;

/** What one rollout measured. */
export interface RolloutResult {
  /** Achieved cost in the true latent space (capped as described above). */
  cost: number;
  /** `||z_T - z_goal||` (Infinity when diverged). */
  finalDistance: number;
  /** Final distance below the success radius, and not diverged. */
  success: boolean;
  /** Whether the state left the cap. */
  diverged: boolean;
  /** Total milliseconds spent inside the policy. */
  policyMs: number;
  /** Policy calls made. */
  steps: number;
  /** The true states z_0..z_T visited (fewer when diverged), row-major. */
  states: Float64Array;
}

/** Default divergence cap on |z_i|. */
export const ROLLOUT_CAP = 1e3;

/**
 * Roll the true world out for `episode.horizon` steps under `policy`, which
 * sees `observe(z_t)` only. The process noise of step t comes from
 * `rng.split("noise", t)`, so two policies given the same `rng` meet the same
 * noise (common random numbers: regret is a paired difference). Asynchronous
 * because the policy may be; `policyMs` includes the time it takes to resolve.
 *
 * @example
 * ```ts
 * import { rollout } from "./rollout.ts";
 * import { controlledWorld } from "../world/controlled.ts";
 * import { Rng } from "../random.ts";
 * const world = controlledWorld({ dim: 1, sigma: 0 });
 * const ep = { z0: new Float64Array([1]), zGoal: new Float64Array([0]), horizon: 3, alpha: 0, successRadius: 0.1 };
 * const r = await rollout(world, ep, (z) => z, () => new Float64Array([0]), new Rng(0));
 * // passive decay: cost 0.81 + 0.6561 + 0.531441
 * console.assert(Math.abs(r.cost - 1.997541) < 1e-12);
 * ```
 */
export async function rollout(
  world: ControlledWorld,
  episode: Episode,
  observe: (z: Float64Array) => Float64Array,
  policy: Policy,
  rng: Rng,
): Promise<RolloutResult> {
  const { dim, actionDim } = world;
  const { z0, zGoal, horizon, alpha, successRadius } = episode;
  const cap = episode.cap ?? ROLLOUT_CAP;
  if (z0.length !== dim || zGoal.length !== dim) {
    throw new RangeError(
      `rollout: z0 and zGoal must have length ${dim}, got ${z0.length}, ${zGoal.length}`,
    );
  }
  if (!(Number.isInteger(horizon) && horizon > 0)) {
    throw new RangeError(`rollout: horizon must be a positive integer, got ${horizon}`);
  }
  if (!(alpha >= 0)) throw new RangeError(`rollout: alpha must be >= 0, got ${alpha}`);
  const states = new Float64Array((horizon + 1) * dim);
  states.set(z0);
  let z: Float64Array = Float64Array.from(z0);
  let cost = 0;
  let policyMs = 0;
  let diverged = false;
  let t = 0;
  for (; t < horizon; t++) {
    const obs = observe(z);
    const start = performance.now();
    const a = await policy(t, obs);
    policyMs += performance.now() - start;
    if (a.length !== actionDim) {
      throw new RangeError(
        `rollout: policy returned ${a.length} action values, expected ${actionDim}`,
      );
    }
    let acost = 0;
    for (let j = 0; j < actionDim; j++) acost += a[j] * a[j];
    z = controlledStep(world, z, a, 1, world.sigma > 0 ? rng.split("noise", t) : undefined);
    let d2 = 0;
    let out = !Number.isFinite(acost);
    for (let i = 0; i < dim; i++) {
      if (!(Math.abs(z[i]) <= cap)) out = true;
      d2 += (z[i] - zGoal[i]) ** 2;
    }
    if (out) {
      diverged = true;
      cost += (horizon - t) * cap * cap;
      t++;
      break;
    }
    cost += d2 + alpha * acost;
    states.set(z, (t + 1) * dim);
  }
  let finalDistance = Infinity;
  if (!diverged) {
    let d2 = 0;
    for (let i = 0; i < dim; i++) d2 += (z[i] - zGoal[i]) ** 2;
    finalDistance = Math.sqrt(d2);
  }
  return {
    cost,
    finalDistance,
    success: !diverged && finalDistance < successRadius,
    diverged,
    policyMs,
    steps: t,
    states: diverged ? states.slice(0, t * dim) : states,
  };
}
