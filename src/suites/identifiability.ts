/**
 * Suite `identifiability`: does a LeJEPA encoder trained on OU views of a
 * mixed latent recover the latent up to a rotation? (SPEC sections 1 and 2,
 * Klindt, LeCun & Balestriero 2026.)
 *
 * A case is one (mixing, latent law, dimension N, objective, encoder) cell; the
 * runner applies the profile's seeds. The case body samples the world on the
 * host from the seed, trains with {@link trainLeJepa}, and measures the
 * identifiability metrics on 10 000 held-out latents (and, in 2D, on the fixed
 * 100 x 100 grid over [-3, 3]^2).
 *
 * @module
 */
import {
  startThreadedMatMul,
  stopThreadedMatMul,
  THREADED_MATMUL_MIN_MACS,
} from "../core/engine/mod.ts";
import { openEppsPulleyHelper } from "../core/objectives/epps_pulley_helper.ts";
import { prepareCaseRegulariser } from "../core/objectives/user_module.ts";
import { trainLeJepa } from "../core/train/mod.ts";
import type { Encoder } from "../core/models/encoder.ts";
import {
  gridLatents2D,
  type LatentLaw,
  makeMixing,
  type Mixing,
  ouStep,
  parseLaw,
  type PrefetchingSampler,
  prefetchingSampler,
  releaseCouplingWeights,
  sampleLatents,
} from "../core/world/mod.ts";
import {
  collapsed,
  effectiveRank,
  gridR2,
  IDENTIFIABILITY_KEYS,
  identifiabilityMetrics,
  r2Pooled,
} from "../core/metrics/mod.ts";
import { Rng } from "../core/random.ts";
import type { CaseOutput, Suite } from "../core/suite.ts";
import { IDENTIFIABILITY_PARAMS } from "./params.ts";

export {
  CI_STEPS,
  CI_WIDTH,
  identifiabilityCase,
  type IdentifiabilityParams,
  SCALING_STEPS,
  SMOKE_ALIGNMENT_STEPS,
  SMOKE_STEPS,
  SMOKE_WIDTH,
} from "./identifiability_profiles.ts";
import { definition, type IdentifiabilityParams, readParams } from "./identifiability_profiles.ts";

/**
 * The training sampler of a case: one z per row, V = 2 OU views, mixed (a
 * large coupling mixing on the engine, drawn one step ahead in a worker when
 * the runner leaves a core free).
 * Its random numbers are a pure function of (seed, step), so every backend
 * and worker sees the same latents.
 */
function makeSampler(
  p: IdentifiabilityParams,
  law: LatentLaw,
  mixing: Mixing,
  seed: number,
  /** The training thread's backend, for the prefetch worker; null: draw in-thread. */
  backend: string | null,
): PrefetchingSampler {
  return prefetchingSampler({
    law,
    mixing,
    batch: p.batch,
    dim: p.dim,
    rho: p.rho,
    noise: p.noise,
    seed,
  }, backend);
}

async function evaluate(
  encoder: Encoder,
  p: IdentifiabilityParams,
  law: LatentLaw,
  mixing: Mixing,
  seed: number,
): Promise<{ metrics: Record<string, number>; flags: Record<string, boolean> }> {
  const n = p.evalSize;
  const rng = new Rng(seed, "eval");
  const z = sampleLatents(law, n, p.dim, rng.split("z"));
  const zNext = ouStep(z, n, p.dim, p.rho, law, p.noise, rng.split("next"));
  const h = await encoder.encode(mixing.apply(z, n), n);
  const hNext = await encoder.encode(mixing.apply(zNext, n), n);
  const metrics: Record<string, number> = {};
  const flags: Record<string, boolean> = {};
  const finite = h.every(Number.isFinite) && hNext.every(Number.isFinite);
  if (!finite) throw new Error("encoder produced non-finite embeddings on the evaluation set");
  const m = identifiabilityMetrics(z, h, hNext, n, p.dim, p.rho);
  for (const k of IDENTIFIABILITY_KEYS) metrics[k] = m[k];
  flags.procrustes_within_bound = m.procrustes_within_bound;
  metrics.effective_rank = effectiveRank(h, n, p.dim);
  flags.collapsed = collapsed(h, n, p.dim);
  if (p.dim === 2) {
    const zg = gridLatents2D();
    const ng = zg.length / 2;
    metrics.grid_r2_hz = gridR2(zg, await encoder.encode(mixing.apply(zg, ng), ng), ng, 2);
  }
  return { metrics, flags };
}

/** Probe latents per dimension at least: an in-sample R2 over n rows and N + 1 regressors is inflated by about N / n. */
const PROBE_ROWS_PER_DIM = 10;
/** Largest N with an R2 curve: above it the probe's regression (10 N rows) would cost more than training. */
export const PROBE_MAX_DIM = 128;

/**
 * A small fixed probe set for the R2 curve during training (1000 latents, at least 10 per
 * dimension); none above {@link PROBE_MAX_DIM} (only the final evaluation's R2 is recorded there).
 */
function probe(p: IdentifiabilityParams, law: LatentLaw, mixing: Mixing, seed: number) {
  if (p.dim > PROBE_MAX_DIM) return undefined;
  const n = Math.max(1000, PROBE_ROWS_PER_DIM * p.dim);
  const z = sampleLatents(law, n, p.dim, new Rng(seed, "probe"));
  const x = mixing.apply(z, n);
  const zg = p.dim === 2 ? gridLatents2D(30) : null;
  const xg = zg ? mixing.apply(zg, zg.length / 2) : null;
  return async (encoder: Encoder): Promise<Record<string, number>> => {
    const out: Record<string, number> = {
      r2_hz: r2Pooled(await encoder.encode(x, n), z, n, p.dim, p.dim),
    };
    if (zg && xg) {
      const ng = zg.length / 2;
      out.grid_r2_hz = gridR2(zg, await encoder.encode(xg, ng), ng, 2);
    }
    return out;
  };
}

/**
 * The identifiability suite (version 1).
 *
 * @example
 * ```ts
 * import { suite } from "./identifiability.ts";
 * console.log(suite.id, suite.version, Object.keys(suite.profiles));
 * ```
 */
export const suite: Suite = {
  ...definition,
  params: IDENTIFIABILITY_PARAMS,
  async runCase(spec, ctx): Promise<CaseOutput> {
    await prepareCaseRegulariser(spec.params); // a user regulariser (run --regulariser), if any
    const p = readParams(spec);
    const law = parseLaw(p.law);
    const mixing = makeMixing(p.mixing, p.dim, new Rng(ctx.seed, "mixing"), { layers: p.layers });
    // Views drawn one step ahead in a worker only where a core is free for it.
    const sampler = makeSampler(p, law, mixing, ctx.seed, ctx.spareCore ? ctx.backend : null);
    // And SIGReg's plain-JS pass and the large wasm matMuls split over two threads (same
    // numbers) on the same condition; the matMuls for an MLP wide enough to split (the
    // worker's own tfjs takes a moment to start), and not beside the prefetch worker (at
    // N = 1024 the two on one spare core gained nothing).
    const eppsPulley = ctx.spareCore && p.objective === "sigreg"
      ? openEppsPulleyHelper()
      : undefined;
    const wideMlp = p.encoder === "mlp" &&
      2 * p.batch * p.width * p.width >= THREADED_MATMUL_MIN_MACS;
    if (ctx.spareCore && ctx.backend === "wasm" && !sampler.inWorker && wideMlp) {
      await startThreadedMatMul();
    }
    let result;
    try {
      result = await trainLeJepa(
        {
          inputDim: p.dim,
          latentDim: p.dim,
          encoder: p.encoder === "mlp"
            ? { kind: "mlp", width: p.width, depth: p.depth }
            : { kind: "coupling", layers: p.layers },
          regulariser: p.objective,
          lambda: p.lambda,
          steps: p.steps,
          batch: p.batch,
          views: 2,
          lr: p.lr,
          weightDecay: p.weightDecay,
          slices: p.slices,
          seed: ctx.seed,
        },
        (step) => sampler.sample(step),
        {
          signal: ctx.signal,
          curveEvery: Math.max(1, Math.round(p.steps / 20)),
          evaluate: probe(p, law, mixing, ctx.seed),
          onProgress: (step, total, values) => ctx.progress({ step, totalSteps: total, values }),
          eppsPulley,
        },
      );
    } finally {
      sampler.close();
      eppsPulley?.close();
      stopThreadedMatMul();
    }
    try {
      const { metrics, flags } = await evaluate(result.encoder, p, law, mixing, ctx.seed);
      const loss = result.curves.loss;
      if (loss?.length) metrics.final_loss = loss[loss.length - 1][1];
      return {
        metrics,
        flags,
        curves: result.curves,
        steps: result.steps,
        trainSeconds: result.trainSeconds,
        peakTensorBytes: result.peakTensorBytes,
      };
    } finally {
      result.encoder.dispose();
      releaseCouplingWeights();
    }
  },
};
