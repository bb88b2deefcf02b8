/**
 * Encoders: the MLP, the matched coupling encoder, and their custom-gradient
 * building blocks.
 *
 * @example
 * ```ts
 * import { createMlp } from "./mod.ts";
 * import { Rng } from "../random.ts";
 * const enc = createMlp(2, 2, { width: 8, depth: 1 }, new Rng(0));
 * enc.dispose();
 * ```
 *
 * @module
 */
export * from "./encoder.ts";
export * from "./dense.ts";
export * from "./gelu.ts";
export * from "./mlp.ts";
export * from "./coupling.ts";
export * from "./cnn.ts";
