/**
 * Suite `generalization`: the co-occurrence bound and planning regret on
 * discrete MDPs (SPEC section 3; Cui, Zhang, Wen, Wang 2026, operationalised
 * by this project on the spectral contrastive framework of HaoChen et al. 2021).
 *
 * One case = one environment. For each seed it builds the environment, the
 * population co-occurrence and its spectrum, then over a (k, n) grid (with
 * `reps` independent samples of n transitions each) fits the rank-k spectral
 * loss from the empirical co-occurrence, measures the sample error under the
 * population loss, rebuilds a model, plans in it, and measures the regret in
 * the true MDP against the value-aware simulation-lemma bound. It also trains
 * the same loss by gradient descent (tfjs) and measures the gap to the
 * Eckart–Young optimum.
 *
 * @module
 */
import { Rng } from "../core/random.ts";
import type { Curve, ParamValue } from "../core/store/record.ts";
import type { CaseContext, CaseOutput, CaseSpec, Suite } from "../core/suite.ts";
import { chain, fourRooms, gridworld, plantedRank } from "../core/planning/envs.ts";
import type { Mdp } from "../core/planning/mdp.ts";
import { rebuildModel } from "../core/planning/model.ts";
import { planningOutcome, solve } from "../core/planning/regret.ts";
import {
  cooccurrence,
  normalizedCooccurrence,
  sampleCooccurrence,
} from "../core/spectral/cooccurrence.ts";
import { frobenius2 } from "../core/spectral/dense.ts";
import { fitFactorsAsync, type SvdMethod, truncateFit } from "../core/spectral/fit.ts";
import {
  approximationError,
  factorLoss,
  optimalLoss,
  toMatrixFactors,
} from "../core/spectral/loss.ts";
import { trainSpectral } from "../core/spectral/train.ts";
import { definition } from "./generalization_profiles.ts";
import { fitExponents, isUShaped, spearman } from "./generalization_stats.ts";
import { GENERALIZATION_PARAMS } from "./params.ts";

export { fitExponents, isUShaped, spearman } from "./generalization_stats.ts";

/** Parameters of one case, parsed from {@link CaseSpec.params}. */
export interface GeneralizationParams {
  env: "planted-rank" | "gridworld" | "four-rooms" | "chain";
  /** nS for planted-rank and chain; the grid side for gridworld and four-rooms. */
  size: number;
  /** Actions (planted-rank only; grids have 4, the chain 2). */
  nA: number;
  /** Planted rank (planted-rank only; 0 otherwise). */
  rank: number;
  noise: number;
  gamma: number;
  /** Latent dimensions k (values above nS are dropped; "full" means nS). */
  ks: number[];
  /** Sample sizes n (transitions). */
  ns: number[];
  /** Independent samples per n; regret, bound and sample error are averaged over them. */
  reps: number;
  /** The n at which the U-shape of regret in k is judged (0 = not judged). */
  uShapeN: number;
  /** Gradient-descent steps (0 = no training). */
  gdSteps: number;
  /** k for gradient-descent training (0 = the planted rank, or 4). */
  gdK: number;
  gdLr: number;
  svd: SvdMethod | "auto";
}

function num(params: Record<string, ParamValue>, key: string, fallback: number): number {
  const v = params[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`param ${key} must be a finite number, got ${v}`);
  }
  return v;
}

function list(params: Record<string, ParamValue>, key: string): string[] {
  const v = params[key];
  if (typeof v !== "string" || v.trim() === "") {
    throw new TypeError(`param ${key} must be a comma-separated list, got ${v}`);
  }
  return v.split(",").map((x) => x.trim());
}

/**
 * Parse and check a case's parameters.
 *
 * @example
 * ```ts
 * import { parseParams } from "./generalization.ts";
 * const p = parseParams({ env: "chain", size: 8, ks: "1,2,full", ns: "100" });
 * console.assert(p.ks.length === 3 && p.ks[2] === 0);
 * ```
 */
export function parseParams(params: Record<string, ParamValue>): GeneralizationParams {
  const env = params.env;
  if (env !== "planted-rank" && env !== "gridworld" && env !== "four-rooms" && env !== "chain") {
    throw new RangeError(
      `param env must be planted-rank, gridworld, four-rooms or chain, got ${env}`,
    );
  }
  const svd = params.svd ?? "auto";
  if (svd !== "auto" && svd !== "exact" && svd !== "randomized" && svd !== "randomized-tf") {
    throw new RangeError(`param svd must be auto, exact, randomized or randomized-tf, got ${svd}`);
  }
  const ks = list(params, "ks").map((x) => (x === "full" ? 0 : Number(x)));
  const ns = list(params, "ns").map(Number);
  for (const k of ks) {
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`param ks has a bad entry ${k}`);
  }
  for (const n of ns) {
    if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`param ns has a bad entry ${n}`);
  }
  return {
    env,
    size: num(params, "size", 16),
    nA: num(params, "nA", 4),
    rank: num(params, "rank", 0),
    noise: num(params, "noise", 0.05),
    gamma: num(params, "gamma", 0.9),
    ks,
    ns: [...ns].sort((a, b) => a - b),
    reps: num(params, "reps", 1),
    uShapeN: num(params, "uShapeN", 0),
    gdSteps: num(params, "gdSteps", 0),
    gdK: num(params, "gdK", 0),
    gdLr: num(params, "gdLr", 0.03),
    svd,
  };
}

/**
 * Build the case's environment, deterministic from the seed.
 *
 * @example
 * ```ts
 * import { makeEnv, parseParams } from "./generalization.ts";
 * const m = makeEnv(parseParams({ env: "chain", size: 8, ks: "1", ns: "10" }), 0);
 * console.assert(m.nS === 8);
 * ```
 */
export function makeEnv(p: GeneralizationParams, seed: number): Mdp {
  const rng = new Rng(seed, "generalization", "env", p.env);
  switch (p.env) {
    case "planted-rank":
      return plantedRank(
        { nS: p.size, nA: p.nA, rank: p.rank, noise: p.noise, gamma: p.gamma },
        rng,
      );
    case "gridworld":
      return gridworld({ side: p.size, gamma: p.gamma }, rng);
    case "four-rooms":
      return fourRooms({ side: p.size, gamma: p.gamma }, rng);
    case "chain":
      return chain({ nS: p.size, gamma: p.gamma });
  }
}

/**
 * Randomized-SVD tolerances: the population spectrum (eps_approx, L*) to 1e-9;
 * empirical fits to 1e-6 (their loss then moves by about 1e-10 relative, far
 * below the sample error they measure).
 */
const POP_TOL = 1e-9;
const FIT_TOL = 1e-6;

/** Slack allowed in `regret <= bound` for the solvers' 1e-12 tolerances. */
const BOUND_SLACK = 1e-8;

/**
 * The pieces of a case that turn a fitted spectrum into a verdict: the rank-k
 * truncation of the fit and the planning outcome (regret and bound) of the
 * rebuilt model. {@link runGeneralizationCase} takes them as a parameter so a
 * test can plant a bug in one of them and see the gate catch it.
 *
 * @example
 * ```ts
 * import { GENERALIZATION_PIECES, type GeneralizationPieces } from "./generalization.ts";
 * const offByOne: GeneralizationPieces = {
 *   ...GENERALIZATION_PIECES,
 *   truncateFit: (fit, k) => GENERALIZATION_PIECES.truncateFit(fit, Math.max(1, k - 1)),
 * };
 * ```
 */
export interface GeneralizationPieces {
  truncateFit: typeof truncateFit;
  planningOutcome: typeof planningOutcome;
}

/**
 * The real {@link GeneralizationPieces}.
 *
 * @example
 * ```ts
 * import { GENERALIZATION_PIECES } from "./generalization.ts";
 * console.assert(typeof GENERALIZATION_PIECES.planningOutcome === "function");
 * ```
 */
export const GENERALIZATION_PIECES: Readonly<GeneralizationPieces> = Object.freeze({
  truncateFit,
  planningOutcome,
});

/**
 * Run one case for one seed: the whole (k, n) grid plus gradient-descent
 * training; `pieces` replaces the truncation or the planning outcome (tests).
 *
 * @example
 * ```ts
 * import { runGeneralizationCase } from "./generalization.ts";
 * const ctx = { seed: 0, backend: "cpu", signal: new AbortController().signal, progress: () => {} };
 * const out = await runGeneralizationCase(
 *   { id: "chain-8", params: { env: "chain", size: 8, ks: "1,2,full", ns: "1000" } }, ctx);
 * console.assert(out.flags!.bound_holds_everywhere);
 * ```
 */
export async function runGeneralizationCase(
  spec: CaseSpec,
  ctx: CaseContext,
  pieces: GeneralizationPieces = GENERALIZATION_PIECES,
): Promise<CaseOutput> {
  const t0 = performance.now();
  const p = parseParams(spec.params);
  const mdp = makeEnv(p, ctx.seed);
  const nS = mdp.nS;
  const ks = [...new Set(p.ks.map((k) => (k === 0 ? nS : k)).filter((k) => k >= 1 && k <= nS))]
    .sort((a, b) => a - b);
  if (ks.length === 0) throw new RangeError(`no k in ${p.ks.join(",")} fits nS = ${nS}`);
  const kMax = ks[ks.length - 1];
  const method: SvdMethod | undefined = p.svd === "auto" ? undefined : p.svd;
  const rng = new Rng(ctx.seed, "generalization", spec.id);

  // Population: spectrum, optimum and approximation error.
  const co = cooccurrence(mdp);
  const Abar = normalizedCooccurrence(co);
  const frob2 = frobenius2(Abar);
  const pop = await fitFactorsAsync(co, kMax, { rng: rng.split("svd-pop"), method, tol: POP_TOL });
  const star = solve(mdp);
  const metrics: Record<string, number> = {
    n_states: nS,
    svd_ms: pop.svdMs,
    frobenius2: frob2,
  };
  const curves: Record<string, Curve> = {
    eps_approx: ks.map((k) => [k, approximationError(pop.s, frob2, k)]),
    singular_values: Array.from(pop.s, (s, i) => [i + 1, s] as [number, number]),
  };

  // The (k, n) grid.
  type Cell = { regret: number; bound: number; l1: number; epsSample: number };
  const grid = new Map<string, Cell>();
  let holds = 0;
  let total = 0;
  let worstRatio = 0;
  let fitMs = 0;
  let fits = 0;
  const totalSteps = p.ns.length * p.reps;
  let done = 0;
  for (const n of p.ns) {
    const acc = ks.map(() => ({ regret: 0, bound: 0, l1: 0, epsSample: 0 }));
    for (let rep = 0; rep < p.reps; rep++) {
      if (ctx.signal.aborted) throw new Error("generalization case aborted");
      const emp = sampleCooccurrence(mdp, n, rng.split("sample", n, rep));
      const fit = await fitFactorsAsync(emp, kMax, {
        rng: rng.split("svd", n, rep),
        method,
        tol: FIT_TOL,
      });
      fitMs += fit.svdMs;
      fits++;
      ks.forEach((k, i) => {
        const f = pieces.truncateFit(fit, k);
        const pf = toMatrixFactors(co, f.u, f.v);
        const epsSample = factorLoss(Abar, pf.U, pf.V) - optimalLoss(pop.s, k);
        const out = pieces.planningOutcome(mdp, star, rebuildModel(mdp, f.U, f.V, fit.dCol));
        total++;
        if (out.regret <= out.bound + BOUND_SLACK && out.maxRegret <= out.bound + BOUND_SLACK) {
          holds++;
        }
        if (out.bound > 0) worstRatio = Math.max(worstRatio, out.regret / out.bound);
        acc[i].regret += out.regret / p.reps;
        acc[i].bound += out.bound / p.reps;
        acc[i].l1 += out.l1Bound / p.reps;
        acc[i].epsSample += epsSample / p.reps;
      });
      ctx.progress({ step: ++done, totalSteps });
      await Promise.resolve();
    }
    ks.forEach((k, i) => grid.set(`${k}:${n}`, acc[i]));
    curves[`regret@n=${n}`] = ks.map((k, i) => [k, acc[i].regret]);
    curves[`bound@n=${n}`] = ks.map((k, i) => [k, acc[i].bound]);
    curves[`l1_bound@n=${n}`] = ks.map((k, i) => [k, acc[i].l1]);
    curves[`eps_sample@n=${n}`] = ks.map((k, i) => [k, acc[i].epsSample]);
  }

  const vacuousAt = (() => {
    let r = 0;
    for (const x of mdp.reward) r = Math.max(r, Math.abs(x));
    return r / (1 - mdp.gamma);
  })();
  const nMax = p.ns[p.ns.length - 1];
  const atLarge = ks.map((k) => grid.get(`${k}:${nMax}`)!);
  const argmin = (xs: number[]) => xs.reduce((b, x, i) => (x < xs[b] ? i : b), 0);
  const iReg = argmin(atLarge.map((c) => c.regret));
  const iBound = argmin(atLarge.map((c) => c.bound));
  const cells = [...grid.entries()].map(([key, c]) => {
    const [k, n] = key.split(":").map(Number);
    return { k, n, ...c, epsApprox: approximationError(pop.s, frob2, k) };
  });
  // k = 1 is the trivial constant component (sigma_1 = 1) and k = nS the
  // unrestricted model; the power law is fitted in between.
  const [expK, expN] = fitExponents(
    cells.filter((c) => c.k > 1 && c.k < nS).map((c) => ({ k: c.k, n: c.n, y: c.epsSample })),
  );
  Object.assign(metrics, {
    vacuous_at: vacuousAt,
    regret_at_best_k: atLarge[iReg].regret,
    min_regret_k: ks[iReg],
    min_bound_k: ks[iBound],
    min_bound_large_n: atLarge[iBound].bound,
    regret_over_vacuous_at_best_k: atLarge[iReg].regret / vacuousAt,
    bound_holds_fraction: holds / total,
    max_regret_to_bound_ratio: worstRatio,
    eps_sample_exp_k: expK,
    eps_sample_exp_n: expN,
    spearman_regret_vs_error: spearman(
      cells.map((c) => c.regret),
      cells.map((c) => c.epsApprox + c.epsSample),
    ),
    spearman_regret_vs_bound: spearman(cells.map((c) => c.regret), cells.map((c) => c.bound)),
    fit_svd_ms_mean: fitMs / fits,
  });
  if (p.env === "planted-rank" && ks.includes(p.rank)) {
    metrics.regret_at_planted_rank = grid.get(`${p.rank}:${nMax}`)!.regret;
  }
  const flags: Record<string, boolean> = {
    bound_holds_everywhere: holds === total,
    bound_nonvacuous_at_large_n: atLarge[iBound].bound < vacuousAt,
  };
  if (p.uShapeN > 0) {
    const row = ks.map((k) => grid.get(`${k}:${p.uShapeN}`));
    if (row.some((c) => c === undefined)) throw new RangeError(`uShapeN ${p.uShapeN} is not in ns`);
    const reg = row.map((c) => c!.regret);
    flags.regret_u_shaped = isUShaped(reg, 0.002 * vacuousAt);
    metrics.u_shape_argmin_k = ks[argmin(reg)];
  }

  // Gradient descent on the population loss.
  let steps = 0;
  let trainSeconds = 0;
  if (p.gdSteps > 0) {
    const k = Math.min(nS, p.gdK > 0 ? p.gdK : p.rank > 0 ? p.rank : 4);
    const Lstar = optimalLoss(pop.s, k);
    const gd = await trainSpectral(co, k, { rng: rng.split("gd"), steps: p.gdSteps, lr: p.gdLr });
    steps = p.gdSteps;
    trainSeconds = gd.seconds;
    curves.gd_gap = gd.curve.map(([s, l]) => [s, l - Lstar]);
    metrics.gd_gap_to_optimum = (gd.finalLoss - Lstar) / Math.abs(Lstar);
    metrics.gd_k = k;
    flags.gd_reaches_optimum_from_above = gd.curve.every(([, l]) =>
      l >= Lstar - 1e-12 * Math.abs(Lstar)
    ) &&
      metrics.gd_gap_to_optimum < 1e-3;
  }
  metrics.case_wall_ms = performance.now() - t0;
  return { metrics, curves, flags, steps, trainSeconds };
}

/** The suite. */
export const suite: Suite = {
  ...definition,
  params: GENERALIZATION_PARAMS,
  runCase: (spec, ctx) => runGeneralizationCase(spec, ctx),
};
