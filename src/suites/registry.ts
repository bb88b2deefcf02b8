/**
 * The suite registry: one line per suite. Suites load lazily so that a
 * command that needs one suite does not import the others.
 *
 * @module
 */
import type { Suite } from "../core/suite.ts";

const loaders: Record<string, () => Promise<Suite>> = {
  // identifiability: () => import("./identifiability.ts").then((m) => m.suite),
  // generalization: () => import("./generalization.ts").then((m) => m.suite),
};

/**
 * Names of all registered suites.
 *
 * @example
 * ```ts
 * import { suiteIds } from "./registry.ts";
 * console.log(suiteIds());
 * ```
 */
export function suiteIds(): string[] {
  return Object.keys(loaders);
}

/**
 * Load a suite by id; throws RangeError naming the known suites otherwise.
 *
 * @example
 * ```ts
 * import { loadSuite } from "./registry.ts";
 * const s = await loadSuite("identifiability");
 * ```
 */
export async function loadSuite(id: string): Promise<Suite> {
  const load = loaders[id];
  if (!load) {
    throw new RangeError(`unknown suite "${id}"; known suites: ${suiteIds().join(", ") || "(none)"}`);
  }
  return await load();
}
