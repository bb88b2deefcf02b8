/**
 * Names of the tensor backends jepa-bench knows. `backend.ts` initialises
 * them; nothing else in the project needs to know which one runs.
 *
 * @module
 */

/** Every backend name accepted by `--backend`. `wasm` is the default. */
export const BACKENDS = ["wasm", "cpu", "webgpu", "tensorflow", "tensorflow-gpu"] as const;

/** A backend name. */
export type BackendName = typeof BACKENDS[number];

/** The default backend: fast SIMD CPU, available everywhere. */
export const DEFAULT_BACKEND: BackendName = "wasm";

/**
 * Narrow a string to a backend name, or throw a RangeError listing the valid ones.
 *
 * @example
 * ```ts
 * import { parseBackend } from "./backends.ts";
 * parseBackend("wasm"); // "wasm"
 * ```
 */
export function parseBackend(name: string): BackendName {
  if ((BACKENDS as readonly string[]).includes(name)) return name as BackendName;
  throw new RangeError(`unknown backend "${name}"; expected one of: ${BACKENDS.join(", ")}`);
}
