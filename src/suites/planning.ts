/**
 * Suite `planning`: latent planning regret in a continuous controlled world
 * (SPEC section 4; Cui, Zhang, Wen & Wang 2026, with the identifiability
 * setting of Klindt, LeCun & Balestriero 2026).
 *
 * World: `z_{t+1} = rho z_t + B a_t + sigma eta_t` (rho 0.9, B = 0.3 I, sigma
 * 0.02), observed through a mixing `x = g(z)` (spiral, banana, sinusoid,
 * coupling, or the pixel reacher). A case:
 * 1. "two-stage" (default): trains the encoder exactly as the identifiability
 *    suite does (alignment of two OU views + lambda * regulariser, OU rho 0.95,
 *    innovations of the latent law), then fits `h' ~ W h + M a + c` by least
 *    squares on encoded transitions of the controlled world under random
 *    actions; "end-to-end": encoder and linear predictor trained jointly on
 *    prediction error + lambda * regulariser ({@link trainActionJepa}).
 * 2. Plans in latent space toward the encoded goal observation, with LQR on
 *    the learned model (time-varying gains over the T-step horizon, applied to
 *    the encoding of every new observation) or receding-horizon CEM (300
 *    samples, top 30, horizon 5) on the same model, and acts in the TRUE world.
 * 3. Compares with LQR on the true dynamics and the true goal, under the same
 *    process noise (paired episodes): regret = achieved - optimal cost, with
 *    cost `sum_{t=1}^{T} ||z_t - z_goal||^2 + alpha sum_t ||a_t||^2` in the true
 *    latent space.
 * Starts and goals are uniform in [-box, box]^N for every law (like the grid
 * R2 of the identifiability suite, the same task whatever the training law).
 *
 * @module
 */
import { prepareCaseRegulariser } from "../core/objectives/user_module.ts";
import { trainLeJepa } from "../core/train/lejepa.ts";
import { trainActionJepa } from "../core/train/action_jepa.ts";
import type { Encoder } from "../core/models/encoder.ts";
import {
  controlledStep,
  type ControlledWorld,
  controlledWorld,
  gridLatents2D,
  type LatentLaw,
  makeMixing,
  type Mixing,
  ouStep,
  parseLaw,
  reacherObservation,
  sampleLatents,
  sampleViews,
} from "../core/world/mod.ts";
import {
  collapsed,
  effectiveRank,
  gridR2,
  IDENTIFIABILITY_KEYS,
  identifiabilityMetrics,
} from "../core/metrics/mod.ts";
import { fitLatentModel, type LatentModel, latentStep } from "../core/planning/mod.ts";
import { Rng } from "../core/random.ts";
import type { CaseOutput, CaseSpec, Suite } from "../core/suite.ts";
import type { Curve } from "../core/store/record.ts";
import { PLANNING_PARAMS } from "./params.ts";

export {
  CI_LQR_EPISODES,
  CI_STEPS,
  CI_WIDTH,
  planningCase,
  type PlanningMixing,
  type PlanningParams,
  SMOKE_STEPS,
  SMOKE_WIDTH,
} from "./planning_profiles.ts";
import { definition, type PlanningParams, readParams } from "./planning_profiles.ts";

export type { Observer } from "./planning_evaluation.ts";
import { type Observer, plan } from "./planning_evaluation.ts";

function makeWorld(p: PlanningParams): ControlledWorld {
  return controlledWorld({ dim: p.dim, rho: p.rho, b: p.bScale, sigma: p.sigma });
}

/** Random-action transitions of the controlled world from z ~ law. */
function transitions(
  p: PlanningParams,
  law: LatentLaw,
  world: ControlledWorld,
  n: number,
  rng: Rng,
): { z: Float64Array; a: Float64Array; zNext: Float64Array } {
  const z = sampleLatents(law, n, p.dim, rng.split("z"));
  const a = rng.split("a").normals(n * p.dim);
  for (let i = 0; i < a.length; i++) a[i] *= p.actionStd;
  const zNext = controlledStep(world, z, a, n, rng.split("noise"));
  return { z, a, zNext };
}

interface Trained {
  encoder: Encoder;
  /** Set in end-to-end mode: the jointly learned predictor. */
  model: LatentModel | null;
  steps: number;
  trainSeconds: number;
  peakTensorBytes?: number;
  curves: Record<string, Curve>;
}

async function train(
  p: PlanningParams,
  law: LatentLaw,
  obs: Observer,
  world: ControlledWorld,
  seed: number,
  ctx: Parameters<Suite["runCase"]>[1],
): Promise<Trained> {
  const encoder = p.mixing === "reacher"
    ? { kind: "cnn" as const, size: p.size }
    : { kind: "mlp" as const, width: p.width, depth: p.depth };
  const onProgress = (step: number, total: number, values: Record<string, number>) =>
    ctx.progress({ step, totalSteps: total, values });
  const curveEvery = Math.max(1, Math.round(p.steps / 20));
  const common = {
    inputDim: obs.obsDim,
    latentDim: p.dim,
    encoder,
    regulariser: p.objective,
    lambda: p.lambda,
    steps: p.steps,
    batch: p.batch,
    lr: p.lr,
    weightDecay: p.weightDecay,
    slices: p.slices,
    seed,
  };
  if (p.mode === "end-to-end") {
    const res = await trainActionJepa(
      { ...common, actionDim: p.dim },
      (step) => {
        const t = transitions(p, law, world, p.batch, new Rng(seed, "data", step));
        return {
          x: Float32Array.from(obs.apply(t.z, p.batch)),
          a: Float32Array.from(t.a),
          xNext: Float32Array.from(obs.apply(t.zNext, p.batch)),
        };
      },
      { signal: ctx.signal, curveEvery, onProgress },
    );
    return { ...res, model: res.model };
  }
  const res = await trainLeJepa(
    { ...common, views: 2 },
    (step) => {
      const rng = new Rng(seed, "data", step);
      const z = sampleLatents(law, p.batch, p.dim, rng.split("z"));
      const views = sampleViews(z, p.batch, p.dim, 2, p.viewRho, law, p.noise, rng.split("views"));
      return views.map((v) => Float32Array.from(obs.apply(v, p.batch)));
    },
    { signal: ctx.signal, curveEvery, onProgress },
  );
  return { ...res, model: null };
}

async function identifiability(
  encoder: Encoder,
  p: PlanningParams,
  law: LatentLaw,
  obs: Observer,
  seed: number,
): Promise<{ metrics: Record<string, number>; flags: Record<string, boolean> }> {
  const n = p.evalSize;
  const rng = new Rng(seed, "eval");
  const z = sampleLatents(law, n, p.dim, rng.split("z"));
  const zNext = ouStep(z, n, p.dim, p.viewRho, law, p.noise, rng.split("next"));
  const h = await encoder.encode(obs.apply(z, n), n);
  const hNext = await encoder.encode(obs.apply(zNext, n), n);
  if (!(h.every(Number.isFinite) && hNext.every(Number.isFinite))) {
    throw new Error("encoder produced non-finite embeddings on the evaluation set");
  }
  const m = identifiabilityMetrics(z, h, hNext, n, p.dim, p.viewRho);
  const metrics: Record<string, number> = {};
  for (const k of IDENTIFIABILITY_KEYS) metrics[k] = m[k];
  metrics.effective_rank = effectiveRank(h, n, p.dim);
  const flags = {
    procrustes_within_bound: m.procrustes_within_bound,
    collapsed: collapsed(h, n, p.dim),
  };
  if (p.dim === 2) {
    const zg = gridLatents2D();
    const ng = zg.length / 2;
    metrics.grid_r2_hz = gridR2(zg, await encoder.encode(obs.apply(zg, ng), ng), ng, 2);
  }
  return { metrics, flags };
}

/** Fit W, M, c by least squares on encoded random-action transitions; R2 on as many held out. */
async function fitModel(
  encoder: Encoder,
  p: PlanningParams,
  law: LatentLaw,
  obs: Observer,
  world: ControlledWorld,
  seed: number,
): Promise<{ model: LatentModel; heldOutR2: number }> {
  const n = p.fitSamples;
  const fit = await encodeTransitions(encoder, p, law, obs, world, new Rng(seed, "fit"));
  const model = fitLatentModel(fit.h, fit.a, fit.hNext, n, p.dim, p.dim);
  const test = await encodeTransitions(encoder, p, law, obs, world, new Rng(seed, "fit-test"));
  return { model, heldOutR2: modelR2(model, test, n) };
}

/** `fitSamples` random-action transitions of the true world from `rng`, encoded. */
async function encodeTransitions(
  encoder: Encoder,
  p: PlanningParams,
  law: LatentLaw,
  obs: Observer,
  world: ControlledWorld,
  rng: Rng,
): Promise<{ h: Float64Array; a: Float64Array; hNext: Float64Array }> {
  const n = p.fitSamples;
  const t = transitions(p, law, world, n, rng);
  return {
    h: await encoder.encode(obs.apply(t.z, n), n),
    a: t.a,
    hNext: await encoder.encode(obs.apply(t.zNext, n), n),
  };
}

function modelR2(
  model: LatentModel,
  t: { h: Float64Array; a: Float64Array; hNext: Float64Array },
  n: number,
): number {
  const d = model.dim;
  const pred = new Float64Array(d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += t.hNext[i * d + j] / n;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    latentStep(model, t.h.subarray(i * d, (i + 1) * d), t.a.subarray(i * d, (i + 1) * d), pred);
    for (let j = 0; j < d; j++) {
      ssr += (pred[j] - t.hNext[i * d + j]) ** 2;
      sst += (t.hNext[i * d + j] - mean[j]) ** 2;
    }
  }
  return sst > 0 ? 1 - ssr / sst : NaN;
}

/**
 * What a planning case is evaluated in, built from its params and seed: the latent law, the
 * controlled world, and the observation map (the mixing `g`, or the reacher's renderer).
 *
 * @example
 * ```ts
 * import { planningCase, planningWorld } from "./planning.ts";
 * const w = planningWorld(planningCase({ mixing: "coupling" }), 0);
 * console.assert(w.obs.obsDim === 2 && w.mixing !== null);
 * ```
 */
export interface PlanningWorld {
  params: PlanningParams;
  law: LatentLaw;
  world: ControlledWorld;
  obs: Observer;
  /** The mixing behind `obs` (null for the reacher). */
  mixing: Mixing | null;
}

/**
 * Build a case's {@link PlanningWorld} for a seed (the same one `runCase` trains in).
 *
 * @example
 * ```ts
 * import { planningCase, planningWorld } from "./planning.ts";
 * const w = planningWorld(planningCase({}), 1337);
 * console.log(w.params.mixing); // "spiral"
 * ```
 */
export function planningWorld(spec: CaseSpec, seed: number): PlanningWorld {
  const params = readParams(spec);
  const law = parseLaw(params.law);
  const world = makeWorld(params);
  if (params.mixing === "reacher") {
    return { params, law, world, obs: reacherObservation(params.size), mixing: null };
  }
  const mixing = makeMixing(params.mixing, params.dim, new Rng(seed, "mixing"), {
    layers: params.layers,
  });
  return {
    params,
    law,
    world,
    obs: { obsDim: params.dim, apply: (z, n) => mixing.apply(z, n) },
    mixing,
  };
}

/**
 * Evaluate an encoder in a planning world, as `runCase` does after training: its
 * identifiability metrics, the held-out R2 of the linear latent model fitted on encoded
 * transitions (or of `learnedModel`, end-to-end mode), and planning with that model (LQR or CEM)
 * against LQR on the true dynamics. Non-finite metrics are dropped.
 *
 * @example
 * ```ts
 * import { evaluatePlanning, planningCase, planningWorld } from "./planning.ts";
 * // const out = await evaluatePlanning(planningWorld(planningCase({}), 0), someEncoder, 0);
 * // out.metrics.cost_ratio is about 1 for an encoder h = Q z.
 * ```
 */
export async function evaluatePlanning(
  w: PlanningWorld,
  encoder: Encoder,
  seed: number,
  learnedModel: LatentModel | null = null,
): Promise<{ metrics: Record<string, number>; flags: Record<string, boolean> }> {
  const { params: p, law, obs, world } = w;
  const { metrics, flags } = await identifiability(encoder, p, law, obs, seed);
  const fitted = await fitModel(encoder, p, law, obs, world, seed);
  const model = learnedModel ?? fitted.model;
  if (learnedModel) {
    const t = await encodeTransitions(encoder, p, law, obs, world, new Rng(seed, "fit-test"));
    metrics.model_r2 = modelR2(model, t, p.fitSamples);
  } else {
    metrics.model_r2 = fitted.heldOutR2;
  }
  Object.assign(metrics, await plan(encoder, model, p, obs, world, seed));
  for (const [k, v] of Object.entries(metrics)) if (!Number.isFinite(v)) delete metrics[k];
  return { metrics, flags };
}

/**
 * The planning suite (version 2).
 *
 * @example
 * ```ts
 * import { suite } from "./planning.ts";
 * console.log(suite.id, suite.version, Object.keys(suite.profiles));
 * ```
 */
export const suite: Suite = {
  ...definition,
  params: PLANNING_PARAMS,
  async runCase(spec, ctx): Promise<CaseOutput> {
    await prepareCaseRegulariser(spec.params); // a user regulariser (run --regulariser), if any
    const world = planningWorld(spec, ctx.seed);
    const trained = await train(world.params, world.law, world.obs, world.world, ctx.seed, ctx);
    try {
      const { metrics, flags } = await evaluatePlanning(
        world,
        trained.encoder,
        ctx.seed,
        trained.model,
      );
      const loss = trained.curves.loss;
      if (loss?.length) metrics.final_loss = loss[loss.length - 1][1];
      return {
        metrics,
        flags,
        curves: trained.curves,
        steps: trained.steps,
        trainSeconds: trained.trainSeconds,
        peakTensorBytes: trained.peakTensorBytes,
      };
    } finally {
      trained.encoder.dispose();
    }
  },
};
