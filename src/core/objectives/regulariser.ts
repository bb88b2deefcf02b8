/**
 * The interface every regulariser of the LeJEPA-style loop implements.
 *
 * @module
 */
import type { tf } from "../engine/backend.ts";
import type { EppsPulleyHelper } from "./epps_pulley_helper.ts";

/**
 * What a regulariser is told about the current step.
 *
 * @example
 * ```ts
 * import type { RegulariserContext } from "./regulariser.ts";
 * const ctx: RegulariserContext = { step: 0, seed: 1337, views: 2, batch: 256, slices: 256 };
 * ```
 */
export interface RegulariserContext {
  /** Optimisation step (0-based); seeds per-step randomness such as slices. */
  step: number;
  /** Run seed. */
  seed: number;
  /** Number of views V in the stack. */
  views: number;
  /** Batch size B (the stack has V * B rows, view-major). */
  batch: number;
  /** Number of random slices K for sliced statistics (SIGReg: 256 by default). */
  slices?: number;
  /** Optional sink for phase timings in milliseconds (e.g. "sigreg.forward"). */
  phase?: (name: string, ms: number) => void;
  /**
   * What the regulariser's `prepare` resolved to for this step (set by the
   * training loops on backends without synchronous reads); absent otherwise.
   */
  prepared?: unknown;
  /**
   * SIGReg's plain-JS pass on a second thread (same numbers), where the run
   * leaves a core free; absent: one thread.
   */
  eppsPulley?: EppsPulleyHelper;
}

/**
 * A regulariser: maps the (V * B, N) view-major stack of embeddings to a
 * scalar penalty that is differentiable through tfjs.
 *
 * @example
 * ```ts
 * import type { Regulariser } from "./regulariser.ts";
 * import { tf } from "../engine/backend.ts";
 * const l2: Regulariser = {
 *   name: "l2", description: "mean squared embedding", defaultLambda: 0.1,
 *   apply: (h) => tf.mean(tf.square(h)) as tf.Scalar,
 * };
 * ```
 */
export interface Regulariser {
  /** Registry name (e.g. "sigreg"). */
  name: string;
  /** One line for readers. */
  description: string;
  /** The lambda the papers use with it. */
  defaultLambda: number;
  /** The penalty on the view-major stack h of shape (V * B, N). */
  apply(h: tf.Tensor2D, ctx: RegulariserContext): tf.Scalar;
  /**
   * True when `apply` reads tensor values synchronously (`dataSync`) to compute
   * its statistic in host JS; such a regulariser does not run on backends
   * without synchronous reads (webgpu). Absent means tensor ops only.
   */
  readsSync?: boolean;
  /**
   * The host work `apply` would read tensors synchronously for, done
   * asynchronously: on a backend without synchronous reads the training
   * loops call it before the gradient tape with the step's embeddings
   * (computed without a tape, so the values `apply` will see) and pass what
   * it resolves to as `ctx.prepared`. A `readsSync` regulariser with
   * `prepare` runs on every backend.
   */
  prepare?(h: tf.Tensor2D, ctx: RegulariserContext): Promise<unknown>;
}
