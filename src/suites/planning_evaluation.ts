/**
 * The planning suite's evaluation: episodes from the seed, and the learned-model planner (LQR or
 * CEM) against LQR on the true dynamics, in the true world (SPEC section 4).
 *
 * @module
 */
import type { Encoder } from "../core/models/encoder.ts";
import type { ControlledWorld } from "../core/world/mod.ts";
import {
  CemPlanner,
  type Episode,
  type LatentModel,
  latentStep,
  latentSystem,
  lqr,
  type Policy,
  rollout,
} from "../core/planning/mod.ts";
import { Rng } from "../core/random.ts";
import type { PlanningParams } from "./planning_profiles.ts";

/**
 * An observation map `z (n x dim) -> x (n x obsDim)`.
 *
 * @example
 * ```ts
 * import type { Observer } from "./planning_evaluation.ts";
 * const identity: Observer = { obsDim: 2, apply: (z) => z };
 * ```
 */
export interface Observer {
  obsDim: number;
  apply(z: Float64Array, n: number): Float64Array;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Episodes of a case: starts and goals uniform in [-box, box]^N, from the seed. */
function episodes(p: PlanningParams, seed: number): Episode[] {
  const out: Episode[] = [];
  for (let e = 0; e < p.episodes; e++) {
    const rng = new Rng(seed, "episode", e);
    const draw = () => Float64Array.from({ length: p.dim }, () => p.box * (2 * rng.uniform() - 1));
    const z0 = draw();
    const zGoal = draw();
    out.push({ z0, zGoal, horizon: p.horizon, alpha: p.alpha, successRadius: p.successRadius });
  }
  return out;
}

function eye(n: number, s = 1): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = s;
  return a;
}

/**
 * The planning evaluation: the learned-model policy (LQR or CEM on the latent model, acting on the
 * encoding of every new observation) against LQR on the true world, over paired episodes.
 *
 * @example
 * ```ts
 * import { plan } from "./planning_evaluation.ts";
 * // const metrics = await plan(encoder, model, params, observer, world, seed);
 * ```
 */
export async function plan(
  encoder: Encoder,
  model: LatentModel,
  p: PlanningParams,
  obs: Observer,
  world: ControlledWorld,
  seed: number,
): Promise<Record<string, number>> {
  const d = p.dim;
  const q = eye(d);
  const r = eye(d, p.alpha);
  const encode1 = (x: Float64Array) => encoder.encode(x, 1);
  const trueSys = { n: d, m: d, a: eye(d, world.rho), b: world.b };
  const regrets: number[] = [];
  const ratios: number[] = [];
  const finals: number[] = [];
  let achievedSum = 0;
  let optimalSum = 0;
  let success = 0;
  let optimalSuccess = 0;
  let diverged = 0;
  let policyMs = 0;
  let policySteps = 0;
  const eps = episodes(p, seed);
  for (let e = 0; e < eps.length; e++) {
    const ep = eps[e];
    const noise = new Rng(seed, "noise", e);
    const star = lqr(trueSys, { q, r, target: ep.zGoal }, p.horizon);
    const opt = await rollout(world, ep, (z) => z, (t, z) => star.action(t, z), noise);
    let policy: Policy;
    const hGoal = await encode1(obs.apply(ep.zGoal, 1));
    if (p.planner === "lqr") {
      let pol: ReturnType<typeof lqr> | null = null;
      policy = async (t, x) => {
        const h = await encode1(x);
        pol ??= lqr(latentSystem(model), { q, r, target: hGoal }, p.horizon);
        return pol.action(t, h);
      };
    } else {
      const cem = new CemPlanner(
        {
          stateDim: d,
          actionDim: d,
          step: (h, u, out) => latentStep(model, h, u, out),
          cost: (h, u) => {
            let c = 0;
            for (let i = 0; i < d; i++) c += (h[i] - hGoal[i]) ** 2 + p.alpha * u[i] * u[i];
            return c;
          },
        },
        {
          samples: p.cemSamples,
          elites: p.cemElites,
          horizon: p.cemHorizon,
          iterations: p.cemIterations,
          initStd: p.cemStd,
        },
        new Rng(seed, "cem", e),
      );
      policy = async (_t, x) => cem.plan(await encode1(x));
    }
    const res = await rollout(world, ep, (z) => obs.apply(z, 1), policy, noise);
    regrets.push(res.cost - opt.cost);
    ratios.push(res.cost / opt.cost);
    finals.push(res.diverged ? 1e3 : res.finalDistance);
    achievedSum += res.cost;
    optimalSum += opt.cost;
    if (res.success) success++;
    if (opt.success) optimalSuccess++;
    if (res.diverged) diverged++;
    policyMs += res.policyMs;
    policySteps += res.steps;
  }
  const n = eps.length;
  return {
    regret_mean: (achievedSum - optimalSum) / n,
    regret_median: median(regrets),
    cost_ratio: median(ratios),
    achieved_cost: achievedSum / n,
    optimal_cost: optimalSum / n,
    success_rate: success / n,
    optimal_success_rate: optimalSuccess / n,
    final_distance: median(finals),
    diverged_rate: diverged / n,
    plan_ms_per_step: policyMs / policySteps,
  };
}
