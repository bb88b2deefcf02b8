/**
 * The filters every page shares: suite version, backend and profile (what a
 * run records), and one for each facet its suite declares (mixing, latent
 * law, N, planner, case, …; `src/core/suite.ts` `FacetDef`), read from and
 * written to the URL so that a view can be shared. Nothing here names a facet:
 * they all come from the suite's declarations.
 *
 * @module
 */
import type { Cell, Filters, SuiteDataset } from "./types.ts";

/**
 * URL parameters of the pages themselves; a facet with one of these names is
 * left out of the dataset (it could not be set from the URL).
 *
 * @example
 * ```ts
 * import { RESERVED_PARAMS } from "./filters.ts";
 * console.log(RESERVED_PARAMS.includes("metric")); // true
 * ```
 */
export const RESERVED_PARAMS: readonly string[] = [
  "suite",
  "metric",
  "sort",
  "dir",
  "v",
  "backend",
  "profile",
  "a",
  "b",
  "group",
  "q",
  "log",
  "view",
];

/**
 * Read filters from URL parameters; the version defaults to the newest one,
 * the others to "all". Values the dataset does not know fall back to defaults.
 *
 * @example
 * ```ts
 * import { parseFilters } from "./filters.ts";
 * // parseFilters(new URLSearchParams("backend=wasm&dim=8"), ds)
 * ```
 */
export function parseFilters(params: URLSearchParams, ds: SuiteDataset): Filters {
  const vRaw = params.get("v");
  const newest = ds.versions.at(-1) ?? null;
  const version = vRaw === "all"
    ? null
    : vRaw !== null && ds.versions.includes(Number(vRaw))
    ? Number(vRaw)
    : newest;
  const pick = (name: string, known: string[]) => {
    const x = params.get(name);
    return x !== null && known.includes(x) ? x : null;
  };
  const facets: Record<string, string> = {};
  for (const f of ds.facets) {
    const x = pick(f.name, f.values);
    if (x !== null) facets[f.name] = x;
  }
  return {
    version,
    backend: pick("backend", ds.backends),
    profile: pick("profile", ds.profiles),
    facets,
  };
}

/**
 * Write filters into URL parameters (only those that differ from defaults).
 *
 * @example
 * ```ts
 * import { writeFilters } from "./filters.ts";
 * const p = new URLSearchParams();
 * writeFilters(p, { version: null, backend: "wasm", profile: null, facets: { law: "gaussian" } }, 2);
 * console.log(p.toString()); // "v=all&backend=wasm&law=gaussian"
 * ```
 */
export function writeFilters(params: URLSearchParams, f: Filters, newest: number | null): void {
  if (f.version === null) params.set("v", "all");
  else if (f.version !== newest) params.set("v", String(f.version));
  if (f.backend !== null) params.set("backend", f.backend);
  if (f.profile !== null) params.set("profile", f.profile);
  for (const [name, value] of Object.entries(f.facets)) params.set(name, value);
}

/**
 * The filters without the facets that read one of `params` (e.g. the
 * dimension and the law, when a chart spreads them out itself).
 *
 * @example
 * ```ts
 * import { withoutFacets } from "./filters.ts";
 * // withoutFacets(ds, filters, ["N", "dim", "law"])
 * ```
 */
export function withoutFacets(ds: SuiteDataset, f: Filters, params: readonly string[]): Filters {
  const drop = new Set(
    ds.facets.filter((x) => x.param !== null && params.includes(x.param)).map((x) => x.name),
  );
  return {
    ...f,
    facets: Object.fromEntries(Object.entries(f.facets).filter(([name]) => !drop.has(name))),
  };
}

/**
 * A predicate selecting the cells (or history points) that pass the filters.
 *
 * @example
 * ```ts
 * import { cellFilter } from "./filters.ts";
 * // ds.cells.filter(cellFilter(ds, filters))
 * ```
 */
export function cellFilter(
  ds: SuiteDataset,
  f: Filters,
): (c: Pick<Cell, "x"> & { v?: number; b?: number; p?: number; r?: number }) => boolean {
  const b = f.backend === null ? -1 : ds.backends.indexOf(f.backend);
  const p = f.profile === null ? -1 : ds.profiles.indexOf(f.profile);
  // [facet index, value index] of every facet kept to one value.
  const facets = Object.entries(f.facets).map(([name, value]) => {
    const i = ds.facets.findIndex((x) => x.name === name);
    return [i, i < 0 ? -1 : ds.facets[i].values.indexOf(value)] as const;
  });
  return (c) => {
    const run = c.r !== undefined ? ds.runs[c.r] : undefined;
    const v = c.v ?? run?.version;
    const bb = c.b ?? (run ? ds.backends.indexOf(run.backend) : undefined);
    const pp = c.p ?? (run ? ds.profiles.indexOf(run.profile) : undefined);
    return (f.version === null || v === f.version) &&
      (b < 0 || bb === b) &&
      (p < 0 || pp === p) &&
      facets.every(([i, j]) => i >= 0 && c.x[i] === j);
  };
}
