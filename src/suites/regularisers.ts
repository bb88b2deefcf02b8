/**
 * Suite `regularisers`: every registered regulariser head to head on the same
 * identifiability and planning cases and seeds (SPEC sections 2, 4, 5 and 6).
 * Each case is one (regulariser, task) cell; a task is an identifiability
 * world (mixing, latent law, dimension, encoder) trained with the LeJEPA loop
 * `L = lambda * reg + (1 - lambda) * align` at the regulariser's default
 * weight (see each module's doc comment), and scored with the
 * identifiability metrics (grid R2 and R2 as primary metrics), or a planning
 * task of the planning suite (src/suites/planning.ts) with the same
 * regulariser and weight, scored with the planning metrics as well.
 *
 * Tasks are those that discriminate between regularisers: the 2D mixings with
 * Gaussian latents (which a regulariser pulling to N(0, I) should identify),
 * the gennorm ablation (non-Gaussian latents, which it should not), and in the
 * standard profile a scaling slice (coupling mixing with the matched encoder,
 * N = 8 and 32) and one planning task (2D spiral, Gaussian latents, two-stage
 * training, LQR on the learned latent model, the planning smoke budget).
 * Alignment-only ("none") is the control that must collapse. Planning cases
 * run through the planning suite's case body, the others through the
 * identifiability suite's; the planning metrics (regret, cost ratio, success
 * rate) are listed but not primary, so the gate of the identifiability cases
 * is unchanged and planning cases are gated on grid R2 and R2 like the rest.
 *
 * A user regulariser (`run --regulariser ./my_reg.ts`) replaces the
 * regulariser of every case (see `src/core/objectives/user_module.ts`).
 *
 * @module
 */
import { prepareCaseRegulariser } from "../core/objectives/user_module.ts";
import type { Suite } from "../core/suite.ts";
import { suite as identifiability } from "./identifiability.ts";
import { suite as planning } from "./planning.ts";
import { REGULARISERS_PARAMS } from "./params.ts";

export {
  CI_REGULARISERS,
  CI_STEPS,
  CI_WIDTH,
  PLANNING_TASK,
  REGULARISER_LAMBDAS,
  type RegulariserPlanningTask,
  REGULARISERS,
  regularisersCase,
  regularisersPlanningCase,
  type RegulariserTask,
  SMOKE_MIXING,
  SMOKE_SLICES,
  SMOKE_STEPS,
  SMOKE_WIDTH,
} from "./regularisers_profiles.ts";
import { definition, isPlanningCase } from "./regularisers_profiles.ts";

/**
 * The regularisers suite (version 2).
 *
 * @example
 * ```ts
 * import { suite } from "./regularisers.ts";
 * console.log(suite.id, suite.version, suite.profiles.smoke.cases.length);
 * ```
 */
export const suite: Suite = {
  ...definition,
  params: REGULARISERS_PARAMS,
  async runCase(spec, ctx) {
    await prepareCaseRegulariser(spec.params); // a user regulariser (run --regulariser), if any
    if (isPlanningCase(spec)) return await planning.runCase(spec, ctx);
    return await identifiability.runCase(spec, ctx);
  },
};
