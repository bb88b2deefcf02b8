/**
 * Profiles of the generalization suite (src/suites/generalization.ts): the
 * environments, (k, n) grids and seeds of smoke, ci, standard and gpu. Part of
 * the suite's version: changing a case here means bumping it.
 *
 * @module
 */
import type { CaseSpec, Profile, SuiteDefinition } from "../core/suite.ts";
import { GENERALIZATION_METRICS } from "./generalization_metrics.ts";

const SMOKE_KS_PLANTED = "1,2,3,4,5,6,7,8,10,12,16,24,32,48,64";

/**
 * Cases of the ci profile (the gate of `deno task check`): the planted-rank MDP (bound, regret at
 * the best k and at the planted rank, gradient descent to L*) and the slippery gridworld (bound,
 * regret at the best k). Calibrated on seeds 0-5: bound_holds_fraction is 1 on every seed, regret
 * 0.0017-0.0048 (planted rank) and 0.0001-0.019 (gridworld) against margins 0.02 and 0.05, the GD
 * gap 4e-8-2.4e-7 against 1e-3; about a second per (case, seed).
 */
function ciCases(): CaseSpec[] {
  return [
    {
      id: "planted-rank-64-r6",
      params: {
        env: "planted-rank",
        size: 64,
        nA: 4,
        rank: 6,
        noise: 0.05,
        ks: "1,2,4,5,6,7,8,12,16,32,64",
        ns: "1000,10000,100000",
        reps: 2,
        gdSteps: 300,
      },
    },
    {
      id: "gridworld-6",
      params: {
        env: "gridworld",
        size: 6,
        ks: "1,2,4,8,16,full",
        ns: "1000,10000,100000",
        reps: 2,
      },
    },
  ];
}

/**
 * The generalization suite's profiles, by name.
 *
 * @example
 * ```ts
 * import { GENERALIZATION_PROFILES } from "./generalization_profiles.ts";
 * console.log(Object.keys(GENERALIZATION_PROFILES)); // ["smoke", "ci", "standard", "gpu"]
 * ```
 */
export const GENERALIZATION_PROFILES: Record<string, Profile> = {
  smoke: {
    name: "smoke",
    description: "Four environments of 16-64 states, exact SVD, CPU; under a minute on one core.",
    seeds: [0],
    intendedFor: "cpu",
    cases: [
      {
        id: "planted-rank-64-r6",
        params: {
          env: "planted-rank",
          size: 64,
          nA: 4,
          rank: 6,
          noise: 0.05,
          ks: SMOKE_KS_PLANTED,
          ns: "1000,3000,10000,30000,100000",
          reps: 3,
          uShapeN: 10000,
          gdSteps: 500,
        },
      },
      {
        id: "gridworld-6",
        params: {
          env: "gridworld",
          size: 6,
          ks: "1,2,4,8,12,16,24,full",
          ns: "1000,10000,100000",
          reps: 2,
          gdSteps: 500,
          gdK: 4,
        },
      },
      {
        id: "four-rooms-7",
        params: {
          env: "four-rooms",
          size: 7,
          ks: "1,2,4,8,16,24,32,full",
          ns: "1000,10000,100000",
          reps: 2,
          gdSteps: 500,
          gdK: 4,
        },
      },
      {
        id: "chain-16",
        params: {
          env: "chain",
          size: 16,
          ks: "1,2,3,4,6,8,12,full",
          ns: "1000,10000,100000",
          reps: 2,
          gdSteps: 500,
          gdK: 4,
        },
      },
    ],
  },
  ci: {
    name: "ci",
    description:
      "The CI gate of `deno task check`: planted-rank 64 states (r = 6, with 300 GD steps) and " +
      "gridworld 6 x 6, a smaller (k, n) grid, 3 seeds. Compared with " +
      "baselines/generalization@2/ci-wasm.json. Seconds.",
    seeds: [0, 1, 2],
    intendedFor: "cpu",
    cases: ciCases(),
  },
  standard: {
    name: "standard",
    description: "Up to 1024 states on CPU; randomized block-Krylov SVD above 256 states.",
    seeds: [0, 1, 2],
    intendedFor: "cpu",
    cases: [
      {
        id: "planted-rank-64-r6",
        params: {
          env: "planted-rank",
          size: 64,
          nA: 4,
          rank: 6,
          ks: SMOKE_KS_PLANTED,
          ns: "1000,3000,10000,30000,100000",
          reps: 5,
          uShapeN: 10000,
          gdSteps: 500,
        },
      },
      {
        id: "planted-rank-256-r8",
        params: {
          env: "planted-rank",
          size: 256,
          nA: 4,
          rank: 8,
          ks: "1,2,4,6,8,10,12,16,24,32,64",
          ns: "10000,30000,100000,300000,1000000",
          reps: 2,
          gdSteps: 500,
        },
      },
      {
        id: "planted-rank-1024-r16",
        params: {
          env: "planted-rank",
          size: 1024,
          nA: 4,
          rank: 16,
          ks: "4,8,12,16,24",
          ns: "100000,1000000",
          reps: 1,
        },
      },
      {
        id: "gridworld-12",
        params: {
          env: "gridworld",
          size: 12,
          ks: "4,8,16,32,64,full",
          ns: "10000,100000,1000000",
          reps: 1,
        },
      },
      {
        id: "four-rooms-13",
        params: {
          env: "four-rooms",
          size: 13,
          ks: "4,8,16,32,64,full",
          ns: "10000,100000,1000000",
          reps: 1,
        },
      },
      {
        id: "chain-64",
        params: {
          env: "chain",
          size: 64,
          ks: "2,4,8,16,32,full",
          ns: "10000,100000,1000000",
          reps: 1,
          gdSteps: 500,
          gdK: 8,
        },
      },
    ],
  },
  gpu: {
    name: "gpu",
    description: "Up to 4096 states; SVD products on the tfjs engine (randomized-tf).",
    seeds: [0, 1, 2],
    intendedFor: "gpu",
    cases: [
      {
        id: "planted-rank-2048-r16",
        params: {
          env: "planted-rank",
          size: 2048,
          nA: 4,
          rank: 16,
          ks: "8,16,32",
          ns: "1000000,4000000",
          reps: 1,
          svd: "randomized-tf",
        },
      },
      {
        id: "planted-rank-4096-r32",
        params: {
          env: "planted-rank",
          size: 4096,
          nA: 4,
          rank: 32,
          ks: "16,32,48",
          ns: "4000000",
          reps: 1,
          svd: "randomized-tf",
        },
      },
    ],
  },
};

/**
 * The generalization suite's definition (everything but the case body), loadable without tfjs.
 *
 * @example
 * ```ts
 * import { definition } from "./generalization_profiles.ts";
 * console.log(definition.id, definition.version, Object.keys(definition.profiles));
 * ```
 */
export const definition: SuiteDefinition = {
  id: "generalization",
  version: 2,
  title: "Co-occurrence bound and planning regret (discrete MDPs)",
  description: "Spectral JEPA loss on the action-conditioned co-occurrence of discrete MDPs: " +
    "Eckart-Young optimum, approximation and sample error over (k, n), planning regret of the " +
    "rebuilt rank-k model against the value-aware simulation-lemma bound. The matrix, loss and " +
    "bound are this project's operationalisation (SPEC section 3), not the paper's own code.",
  metrics: GENERALIZATION_METRICS,
  profiles: GENERALIZATION_PROFILES,
  usesTensors: true,
  facets: [
    { name: "env", label: "Environment", param: "env" },
    { name: "size", label: "States", param: "size" },
    { name: "rank", label: "Planted rank", param: "rank" },
    { name: "case", label: "Case", param: null },
  ],
};
