/**
 * A fixture suite of numerical faults, trained with the real LeJEPA loop
 * (`trainLeJepa`, tfjs) on a small MLP: NaN and Inf planted in the data at a
 * given step, a diverging learning rate (1e3), alignment-only training that
 * collapses, and a healthy case last (the run must reach it).
 *
 * @module
 */
import { Rng } from "../../src/core/random.ts";
import type { CaseOutput, CaseSpec, Suite } from "../../src/core/suite.ts";
import { trainLeJepa } from "../../src/core/train/lejepa.ts";
import { collapsed, effectiveRank } from "../../src/core/metrics/collapse.ts";

const DIM = 2;
const BATCH = 64;

function sampler(seed: number, plant: string, plantStep: number) {
  return (step: number): Float32Array[] => {
    const rng = new Rng(seed, "fault-data", step);
    const z = rng.normals(BATCH * DIM);
    const views = [0, 1].map((v) =>
      Float32Array.from(z, (x) => x + 0.1 * rng.split(`view${v}`).normal())
    );
    if (step === plantStep && plant !== "none") {
      views[0][3] = plant === "nan" ? NaN : Infinity;
    }
    return views;
  };
}

async function runCase(
  spec: CaseSpec,
  ctx: {
    seed: number;
    signal: AbortSignal;
    progress(p: { step: number; totalSteps: number }): void;
  },
): Promise<CaseOutput> {
  const p = spec.params;
  const steps = Number(p.steps);
  const res = await trainLeJepa(
    {
      inputDim: DIM,
      latentDim: DIM,
      encoder: { kind: "mlp", width: 32, depth: 2 },
      regulariser: String(p.objective),
      lambda: Number(p.lambda),
      steps,
      batch: BATCH,
      views: 2,
      lr: Number(p.lr),
      weightDecay: 0,
      slices: 16,
      seed: ctx.seed,
    },
    sampler(ctx.seed, String(p.plant), Number(p.plantStep)),
    {
      signal: ctx.signal,
      onProgress: (step, totalSteps) => ctx.progress({ step, totalSteps }),
    },
  );
  try {
    const n = 2000;
    const x = Float32Array.from(new Rng(ctx.seed, "fault-eval").normals(n * DIM));
    const h = await res.encoder.encode(x, n);
    return {
      metrics: { effective_rank: effectiveRank(h, n, DIM) },
      flags: { collapsed: collapsed(h, n, DIM) },
      curves: res.curves,
      steps: res.steps,
      trainSeconds: res.trainSeconds,
    };
  } finally {
    res.encoder.dispose();
  }
}

const base = {
  objective: "sigreg",
  lambda: 0.1,
  lr: 3e-3,
  steps: 40,
  plant: "none",
  plantStep: -1,
};

/**
 * The fault fixture suite (profile "faults", seed 0).
 *
 * @example
 * ```ts
 * import { suite } from "./fault_suite.ts";
 * console.log(suite.profiles.faults.cases.map((c) => c.id));
 * ```
 */
export const suite: Suite = {
  id: "fault-fixture",
  version: 1,
  title: "Numerical faults",
  description: "NaN/Inf data, divergence and collapse through the real training loop.",
  usesTensors: true,
  metrics: [
    {
      name: "effective_rank",
      description: "effective rank of held-out embeddings",
      direction: "higher",
      margin: 0,
      primary: true,
    },
  ],
  profiles: {
    faults: {
      name: "faults",
      description: "one case per fault, then a healthy one",
      seeds: [0],
      intendedFor: "cpu",
      cases: [
        { id: "nan-data", params: { ...base, plant: "nan", plantStep: 7 } },
        { id: "inf-data", params: { ...base, plant: "inf", plantStep: 11 } },
        { id: "diverging-lr", params: { ...base, lr: 1e3 } },
        {
          id: "alignment-only",
          params: { ...base, objective: "none", lambda: 0, lr: 1e-2, steps: 300 },
        },
        { id: "healthy", params: { ...base, lambda: 0.5, lr: 1e-2, steps: 150 } },
      ],
    },
  },
  runCase,
};
