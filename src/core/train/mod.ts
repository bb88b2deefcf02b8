/**
 * Training: AdamW, the learning-rate schedule and the LeJEPA loop.
 *
 * @example
 * ```ts
 * import { learningRate } from "./mod.ts";
 * learningRate(0, 10, 1e-3); // 1e-3
 * ```
 *
 * @module
 */
export * from "./adamw.ts";
export * from "./schedule.ts";
export * from "./lejepa.ts";
export * from "./action_jepa.ts";
export * from "./prepare.ts";
