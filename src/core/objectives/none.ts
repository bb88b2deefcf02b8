/**
 * No regulariser (alignment only): the control that must collapse.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { Regulariser } from "./regulariser.ts";

/**
 * The zero regulariser; with it the LeJEPA loss is the alignment alone.
 *
 * @example
 * ```ts
 * import { none } from "./none.ts";
 * console.assert(none.name === "none");
 * ```
 */
export const none: Regulariser = {
  name: "none",
  description: "no regulariser: alignment only (collapses)",
  defaultLambda: 0,
  apply: () => tf.scalar(0),
};
