/**
 * The suite registry: one line per suite. Suites load lazily so that a
 * command that needs one suite does not import the others.
 *
 * @module
 */
import type { Suite } from "../core/suite.ts";
import { SUITE_ID_PATTERN } from "../core/store/document_rules.ts";

const loaders: Record<string, () => Promise<Suite>> = {
  identifiability: () => import("./identifiability.ts").then((m) => m.suite),
  regularisers: () => import("./regularisers.ts").then((m) => m.suite),
  planning: () => import("./planning.ts").then((m) => m.suite),
  generalization: () => import("./generalization.ts").then((m) => m.suite),
  perf: () => import("./perf.ts").then((m) => m.suite),
};

/**
 * Where the committed suite fingerprints are (see `src/core/suite_fingerprint.ts`):
 * written by `deno task fingerprints`, checked by test/suites/versions_test.ts.
 *
 * @example
 * ```ts
 * import { FINGERPRINTS_URL } from "./registry.ts";
 * console.log(FINGERPRINTS_URL.pathname.endsWith("/fingerprints.json")); // true
 * ```
 */
export const FINGERPRINTS_URL: URL = new URL("./fingerprints.json", import.meta.url);

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
 * Whether a `--suite` value names a module file rather than a registered id:
 * it ends in .ts/.js/.mts/.mjs or starts with ./, ../, / or file:.
 *
 * @example
 * ```ts
 * import { isSuiteModulePath } from "./registry.ts";
 * console.log(isSuiteModulePath("./my_suite.ts")); // true
 * console.log(isSuiteModulePath("identifiability")); // false
 * ```
 */
export function isSuiteModulePath(id: string): boolean {
  return /\.(m?ts|m?js)$/.test(id) || /^(\.{1,2}\/|\/|file:)/.test(id);
}

/**
 * Absolute file URL of a suite module path, resolved against the working directory.
 *
 * @example
 * ```ts
 * import { suiteModuleUrl } from "./registry.ts";
 * console.log(suiteModuleUrl("./my_suite.ts").protocol); // "file:"
 * ```
 */
export function suiteModuleUrl(path: string): URL {
  if (path.startsWith("file:")) return new URL(path);
  return new URL(path, `file://${Deno.cwd().replace(/\/?$/, "/")}`);
}

async function loadSuiteModule(path: string): Promise<Suite> {
  const url = suiteModuleUrl(path);
  let mod: { suite?: Suite };
  try {
    mod = await import(url.href);
  } catch (e) {
    throw new RangeError(
      `cannot load suite module "${path}" (${(e as Error).message.split("\n")[0]})`,
    );
  }
  const s = mod.suite;
  if (
    typeof s !== "object" || s === null || typeof s.runCase !== "function" ||
    typeof s.id !== "string" || typeof s.profiles !== "object"
  ) {
    throw new RangeError(`suite module "${path}" does not export a \`suite\` (a Suite object)`);
  }
  // Its runs must be importable elsewhere and safe in the dashboard's paths.
  if (!SUITE_ID_PATTERN.test(s.id)) {
    throw new RangeError(
      `suite module "${path}" has id ${JSON.stringify(s.id)}; a suite id must match ` +
        SUITE_ID_PATTERN.source,
    );
  }
  return s;
}

/**
 * Load a suite by id, or by module path (a module exporting `suite`, see
 * {@link isSuiteModulePath}); throws RangeError naming the known suites otherwise.
 *
 * @example
 * ```ts
 * import { loadSuite } from "./registry.ts";
 * const s = await loadSuite("identifiability");
 * ```
 */
export async function loadSuite(id: string): Promise<Suite> {
  if (isSuiteModulePath(id)) return await loadSuiteModule(id);
  const load = loaders[id];
  if (!load) {
    throw new RangeError(
      `unknown suite "${id}"; known suites: ${suiteIds().join(", ") || "(none)"}`,
    );
  }
  return await load();
}
