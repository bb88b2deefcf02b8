/**
 * Objectives: the LeJEPA alignment, the regularisers and their registry.
 *
 * @example
 * ```ts
 * import { getRegulariser, regulariserNames } from "./mod.ts";
 * console.assert(regulariserNames().includes(getRegulariser("sigreg").name));
 * ```
 *
 * @module
 */
export * from "./regulariser.ts";
export * from "./alignment.ts";
export * from "./sigreg.ts";
export * from "./epps_pulley_helper.ts";
export * from "./whitening.ts";
export * from "./none.ts";
export * from "./normal.ts";
export * from "./sliced.ts";
export * from "./views.ts";
export * from "./cramer_von_mises.ts";
export * from "./anderson_darling.ts";
export * from "./moments.ts";
export * from "./sliced_wasserstein.ts";
export * from "./vicreg.ts";
export * from "./barlow_twins.ts";
export * from "./infonce.ts";
export * from "./registry.ts";
export * from "./user_module.ts";
export * from "./lejepa.ts";
