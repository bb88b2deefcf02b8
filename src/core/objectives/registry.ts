/**
 * Name -> regulariser. Adding a regulariser: one file in this folder and one
 * line in REGULARISERS below.
 *
 * @module
 */
import { readsSync, tf } from "../engine/backend.ts";
import { andersonDarlingRegulariser } from "./anderson_darling.ts";
import { barlowTwins } from "./barlow_twins.ts";
import { cramerVonMisesRegulariser } from "./cramer_von_mises.ts";
import { infoNce } from "./infonce.ts";
import { momentsRegulariser } from "./moments.ts";
import { none } from "./none.ts";
import type { Regulariser } from "./regulariser.ts";
import { sigregRegulariser } from "./sigreg.ts";
import { slicedWassersteinRegulariser } from "./sliced_wasserstein.ts";
import { vicreg } from "./vicreg.ts";
import { whitening } from "./whitening.ts";

const REGULARISERS: readonly Regulariser[] = [
  sigregRegulariser,
  whitening,
  none,
  cramerVonMisesRegulariser,
  andersonDarlingRegulariser,
  momentsRegulariser,
  slicedWassersteinRegulariser,
  vicreg,
  barlowTwins,
  infoNce,
];

/** Regularisers loaded at run time from user modules (names "user:<name>@<hash>"). */
const USER_REGULARISERS = new Map<string, Regulariser>();

/**
 * The registered regulariser names, in registry order.
 *
 * @example
 * ```ts
 * import { regulariserNames } from "./registry.ts";
 * regulariserNames(); // ["sigreg", "whitening", "none", ...]
 * ```
 */
export function regulariserNames(): string[] {
  return REGULARISERS.map((r) => r.name);
}

/**
 * Make a user regulariser findable by {@link getRegulariser} under its own
 * name (which must start with "user:"); registering the same name again
 * replaces it. Used by the user-module loader (user_module.ts).
 *
 * @example
 * ```ts
 * import { getRegulariser, registerUserRegulariser } from "./registry.ts";
 * import { tf } from "../engine/backend.ts";
 * registerUserRegulariser({
 *   name: "user:l2@0123456789ab", description: "l2", defaultLambda: 0.1,
 *   apply: (h) => tf.mean(tf.square(h)) as tf.Scalar,
 * });
 * getRegulariser("user:l2@0123456789ab");
 * ```
 */
export function registerUserRegulariser(reg: Regulariser): void {
  if (!reg.name.startsWith("user:")) {
    throw new RangeError(
      `registerUserRegulariser: name must start with "user:", got "${reg.name}"`,
    );
  }
  USER_REGULARISERS.set(reg.name, reg);
}

/**
 * Look a regulariser up by name; RangeError listing the valid names otherwise.
 *
 * @example
 * ```ts
 * import { getRegulariser } from "./registry.ts";
 * const reg = getRegulariser("sigreg");
 * ```
 */
export function getRegulariser(name: string): Regulariser {
  const found = REGULARISERS.find((r) => r.name === name) ?? USER_REGULARISERS.get(name);
  if (!found) {
    throw new RangeError(
      `unknown regulariser "${name}"; expected one of: ${regulariserNames().join(", ")}`,
    );
  }
  return found;
}

/**
 * Throw a one-line Error when `reg` cannot run on the active backend: a
 * regulariser that reads tensors synchronously (`readsSync: true`) and has no
 * asynchronous `prepare` does not run on backends without synchronous reads
 * (webgpu). The training loops call it where they obtain the regulariser.
 *
 * @example
 * ```ts
 * import { assertRegulariserRuns, getRegulariser } from "./registry.ts";
 * import { initBackend } from "../engine/backend.ts";
 * await initBackend("wasm");
 * assertRegulariserRuns(getRegulariser("cvm")); // fine on wasm
 * ```
 */
export function assertRegulariserRuns(reg: Regulariser): void {
  if (reg.readsSync === true && reg.prepare === undefined && !readsSync()) {
    throw new Error(
      `regulariser ${reg.name} reads tensors synchronously and does not run on ${tf.getBackend()} yet`,
    );
  }
}
