/**
 * The shared filter controls (suite version, backend, profile, dimension, law).
 *
 * @module
 */
import type { Filters } from "../data/types.ts";
import { Select } from "./Select.tsx";

/** The facet values a filter bar offers. */
export interface Facets {
  versions: number[];
  backends: string[];
  profiles: string[];
  dims: number[];
  laws: string[];
  dimKey: string | null;
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  facets: Facets;
  filters: Filters;
  onChange: (f: Filters) => void;
}

/**
 * Filter controls; "all" is the empty value.
 *
 * @example
 * ```tsx
 * import { FilterBar } from "./FilterBar.tsx";
 * // <FilterBar facets={facets} filters={state} onChange={(f) => update(f)} />
 * ```
 */
export function FilterBar({ facets, filters, onChange }: FilterBarProps) {
  const all: [string, string] = ["", "all"];
  return (
    <>
      <Select
        label="Suite version"
        name="v"
        value={filters.version === null ? "" : String(filters.version)}
        options={[all, ...facets.versions.map((v) => [String(v), `v${v}`] as [string, string])]}
        onChange={(v) => onChange({ ...filters, version: v === "" ? null : Number(v) })}
      />
      <Select
        label="Backend"
        name="backend"
        value={filters.backend ?? ""}
        options={[all, ...facets.backends.map((b) => [b, b] as [string, string])]}
        onChange={(v) => onChange({ ...filters, backend: v || null })}
      />
      {facets.profiles.length > 1 && (
        <Select
          label="Profile"
          name="profile"
          value={filters.profile ?? ""}
          options={[all, ...facets.profiles.map((p) => [p, p] as [string, string])]}
          onChange={(v) => onChange({ ...filters, profile: v || null })}
        />
      )}
      {facets.dims.length > 0 && (
        <Select
          label={`Dimension${facets.dimKey ? ` (${facets.dimKey})` : ""}`}
          name="dim"
          value={filters.dim === null ? "" : String(filters.dim)}
          options={[all, ...facets.dims.map((d) => [String(d), String(d)] as [string, string])]}
          onChange={(v) => onChange({ ...filters, dim: v === "" ? null : Number(v) })}
        />
      )}
      {facets.laws.length > 0 && (
        <Select
          label="Latent law"
          name="law"
          value={filters.law ?? ""}
          options={[all, ...facets.laws.map((l) => [l, l] as [string, string])]}
          onChange={(v) => onChange({ ...filters, law: v || null })}
        />
      )}
    </>
  );
}

/**
 * The facets of a dataset.
 *
 * @example
 * ```ts
 * import { facetsOf } from "./FilterBar.tsx";
 * // facetsOf(ds).backends
 * ```
 */
export function facetsOf(ds: Facets): Facets {
  return {
    versions: ds.versions,
    backends: ds.backends,
    profiles: ds.profiles,
    dims: ds.dims,
    laws: ds.laws,
    dimKey: ds.dimKey,
  };
}
