/**
 * A suite comes from a module: the module at a URL exports it as `suite`.
 * The CLI resolves a `--suite` value (a registered id or a module path) to a
 * {@link ResolvedSuite}, the definition and its module's URL; the runner
 * reads the definition and hands the URL to its worker processes, which
 * import the module again for the case body. Registered suites and user
 * suite modules (`run --suite ./my_suite.ts`) travel the same way.
 *
 * @module
 */
import { SUITE_ID_PATTERN } from "./store/document_rules.ts";
import type { Suite } from "./suite.ts";

/**
 * A suite definition and the module it came from.
 *
 * @example
 * ```ts
 * import type { ResolvedSuite } from "./suite_module.ts";
 * const where = (r: ResolvedSuite) => `${r.suite.id}@${r.suite.version} from ${r.module}`;
 * ```
 */
export interface ResolvedSuite {
  /** The definition: plain data plus `runCase`. */
  suite: Suite;
  /** Absolute URL of the module that exports it as `suite`. */
  module: string;
}

/**
 * How a module is imported by URL: `import()`, unless the host knows better
 * (a bundled or compiled CLI, whose registered suites are not separate files;
 * see `importRegistered` in `src/suites/registry.ts`).
 *
 * @example
 * ```ts
 * import type { ModuleImporter } from "./suite_module.ts";
 * const plain: ModuleImporter = (url) => import(url);
 * ```
 */
export type ModuleImporter = (url: string) => Promise<unknown>;

/** What {@link importSuite} takes besides the URL. */
export interface ImportSuiteOptions {
  /** How the module is named in errors (default: its URL). */
  label?: string;
  /** How the module is imported (default `import()`). */
  importModule?: ModuleImporter;
}

/**
 * Import the module at `module` (an absolute URL) and return the `suite` it
 * exports with the module's URL. Throws a RangeError naming the module when
 * it cannot be imported, exports no Suite object, or its id is not a plain
 * suite id (runs must be importable elsewhere and safe in the dashboard's paths).
 *
 * @example
 * ```ts
 * import { importSuite } from "./suite_module.ts";
 * const { suite, module } = await importSuite(new URL("file:///work/my_suite.ts"));
 * console.log(suite.id, module); // the suite's id, file:///work/my_suite.ts
 * ```
 */
export async function importSuite(
  module: string | URL,
  options: ImportSuiteOptions = {},
): Promise<ResolvedSuite> {
  const url = new URL(module).href;
  const label = options.label ?? url;
  const importModule = options.importModule ?? ((u: string) => import(u));
  let mod: { suite?: Suite };
  try {
    mod = await importModule(url) as { suite?: Suite };
  } catch (e) {
    throw new RangeError(
      `cannot load suite module "${label}" (${(e as Error).message.split("\n")[0]})`,
    );
  }
  const s = typeof mod === "object" && mod !== null ? mod.suite : undefined;
  if (
    typeof s !== "object" || s === null || typeof s.runCase !== "function" ||
    typeof s.id !== "string" || typeof s.profiles !== "object"
  ) {
    throw new RangeError(`suite module "${label}" does not export a \`suite\` (a Suite object)`);
  }
  if (!SUITE_ID_PATTERN.test(s.id)) {
    throw new RangeError(
      `suite module "${label}" has id ${JSON.stringify(s.id)}; a suite id must match ` +
        SUITE_ID_PATTERN.source,
    );
  }
  return { suite: s, module: url };
}
