/**
 * The filters every page shares (suite version, backend, profile, dimension,
 * latent law), read from and written to the URL so that a view can be shared.
 *
 * @module
 */
import type { Cell, Filters, SuiteDataset } from "./types.ts";

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
  const dRaw = params.get("dim");
  return {
    version,
    backend: pick("backend", ds.backends),
    profile: pick("profile", ds.profiles),
    dim: dRaw !== null && ds.dims.includes(Number(dRaw)) ? Number(dRaw) : null,
    law: pick("law", ds.laws),
  };
}

/**
 * Write filters into URL parameters (only those that differ from defaults).
 *
 * @example
 * ```ts
 * import { writeFilters } from "./filters.ts";
 * const p = new URLSearchParams();
 * writeFilters(p, { version: null, backend: "wasm", profile: null, dim: null, law: null }, 2);
 * console.log(p.toString()); // "v=all&backend=wasm"
 * ```
 */
export function writeFilters(params: URLSearchParams, f: Filters, newest: number | null): void {
  if (f.version === null) params.set("v", "all");
  else if (f.version !== newest) params.set("v", String(f.version));
  if (f.backend !== null) params.set("backend", f.backend);
  if (f.profile !== null) params.set("profile", f.profile);
  if (f.dim !== null) params.set("dim", String(f.dim));
  if (f.law !== null) params.set("law", f.law);
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
): (c: Pick<Cell, "d" | "l"> & { v?: number; b?: number; p?: number; r?: number }) => boolean {
  const b = f.backend === null ? -1 : ds.backends.indexOf(f.backend);
  const p = f.profile === null ? -1 : ds.profiles.indexOf(f.profile);
  const l = f.law === null ? -1 : ds.laws.indexOf(f.law);
  return (c) => {
    const run = c.r !== undefined ? ds.runs[c.r] : undefined;
    const v = c.v ?? run?.version;
    const bb = c.b ?? (run ? ds.backends.indexOf(run.backend) : undefined);
    const pp = c.p ?? (run ? ds.profiles.indexOf(run.profile) : undefined);
    return (f.version === null || v === f.version) &&
      (b < 0 || bb === b) &&
      (p < 0 || pp === p) &&
      (f.dim === null || c.d === f.dim) &&
      (l < 0 || c.l === l);
  };
}
