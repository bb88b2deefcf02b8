/**
 * The suite registry: one entry per suite, its module's URL and the literal
 * import of that module (test/suites/registry_test.ts checks they agree). Suites load lazily so that a command that needs one suite does not
 * import the others; the literal imports keep every registered suite inside a
 * compiled or bundled CLI.
 *
 * @module
 */
import type { Suite, SuiteDefinition } from "../core/suite.ts";
import { importSuite, type ResolvedSuite } from "../core/suite_module.ts";

const here = (path: string) => new URL(path, import.meta.url).href;

const registered: Record<
  string,
  {
    module: string;
    load: () => Promise<unknown>;
    definition: () => Promise<{ definition: SuiteDefinition }>;
  }
> = {
  identifiability: {
    module: here("./identifiability.ts"),
    load: () => import("./identifiability.ts"),
    definition: () => import("./identifiability_profiles.ts"),
  },
  regularisers: {
    module: here("./regularisers.ts"),
    load: () => import("./regularisers.ts"),
    definition: () => import("./regularisers_profiles.ts"),
  },
  planning: {
    module: here("./planning.ts"),
    load: () => import("./planning.ts"),
    definition: () => import("./planning_profiles.ts"),
  },
  generalization: {
    module: here("./generalization.ts"),
    load: () => import("./generalization.ts"),
    definition: () => import("./generalization_profiles.ts"),
  },
  perf: {
    module: here("./perf.ts"),
    load: () => import("./perf.ts"),
    definition: () => import("./perf_profiles.ts"),
  },
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
  return Object.keys(registered);
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

/**
 * Import the module at `url`: a registered suite's through its literal import
 * (in a bundled or compiled CLI the registered suites are not separate
 * files), any other with `import()`. What the CLI's worker processes import
 * suite modules with.
 *
 * @example
 * ```ts
 * import { importRegistered } from "./registry.ts";
 * const mod = await importRegistered(new URL("./planning.ts", import.meta.url).href);
 * ```
 */
export function importRegistered(url: string): Promise<unknown> {
  for (const entry of Object.values(registered)) {
    if (entry.module === url) return entry.load();
  }
  return import(url);
}

/**
 * Resolve a `--suite` value, a registered id or a module path (a module
 * exporting `suite`, see {@link isSuiteModulePath}), to the suite and the URL
 * of its module (what the runner hands its workers); throws RangeError naming
 * the known suites for an unknown id, or the module's problem.
 *
 * @example
 * ```ts
 * import { resolveSuite } from "./registry.ts";
 * const { suite, module } = await resolveSuite("identifiability");
 * console.log(suite.version, module.endsWith("/identifiability.ts")); // 2 true
 * ```
 */
export async function resolveSuite(id: string): Promise<ResolvedSuite> {
  if (isSuiteModulePath(id)) return await importSuite(suiteModuleUrl(id), { label: id });
  const entry = Object.hasOwn(registered, id) ? registered[id] : undefined;
  if (entry === undefined) {
    throw new RangeError(
      `unknown suite "${id}"; known suites: ${suiteIds().join(", ") || "(none)"}`,
    );
  }
  return await importSuite(entry.module, { label: id, importModule: importRegistered });
}

/**
 * Load a suite by id or by module path (see {@link resolveSuite}).
 *
 * @example
 * ```ts
 * import { loadSuite } from "./registry.ts";
 * const s = await loadSuite("identifiability");
 * ```
 */
export async function loadSuite(id: string): Promise<Suite> {
  return (await resolveSuite(id)).suite;
}

/**
 * A registered suite's definition (id, version, metrics, profiles) without its case body: its
 * module graph has no tfjs (test/suites/definitions_test.ts), so the dashboard and `list` read
 * every suite cheaply. A suite module path loads the whole module.
 *
 * @example
 * ```ts
 * import { loadDefinition } from "./registry.ts";
 * const d = await loadDefinition("planning");
 * console.log(d.id, Object.keys(d.profiles));
 * ```
 */
export async function loadDefinition(id: string): Promise<SuiteDefinition> {
  if (isSuiteModulePath(id) || !Object.hasOwn(registered, id)) return await loadSuite(id);
  return (await registered[id].definition()).definition;
}

/**
 * The module URL of a registered suite's definition (for tooling that inspects its imports).
 *
 * @example
 * ```ts
 * import { definitionModuleUrl } from "./registry.ts";
 * console.log(definitionModuleUrl("perf")); // file:///.../src/suites/perf_profiles.ts
 * ```
 */
export function definitionModuleUrl(id: string): string {
  if (!Object.hasOwn(registered, id)) throw new RangeError(`unknown suite "${id}"`);
  return here(`./${id}_profiles.ts`);
}
