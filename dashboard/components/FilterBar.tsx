/**
 * The shared filter controls: suite version, backend, profile, then one per
 * facet the suite declares (made from the declarations, never named here).
 *
 * @module
 */
import type { FacetInfo, Filters } from "../data/types.ts";
import { Select } from "./Select.tsx";

/** The values a filter bar offers. */
export interface Facets {
  versions: number[];
  backends: string[];
  profiles: string[];
  /** The suite's declared facets with their values. */
  facets: FacetInfo[];
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  facets: Facets;
  filters: Filters;
  onChange: (f: Filters) => void;
}

/**
 * Filter controls; "all" is the empty value. A facet with one value is left
 * out (it could only say "all"), unless the URL already keeps it.
 *
 * @example
 * ```tsx
 * import { FilterBar } from "./FilterBar.tsx";
 * // <FilterBar facets={facets} filters={state} onChange={(f) => update(f)} />
 * ```
 */
export function FilterBar({ facets, filters, onChange }: FilterBarProps) {
  const all: [string, string] = ["", "all"];
  const setFacet = (name: string, value: string) => {
    const next = { ...filters.facets };
    if (value === "") delete next[name];
    else next[name] = value;
    onChange({ ...filters, facets: next });
  };
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
      {facets.facets.filter((f) => f.values.length > 1 || filters.facets[f.name] !== undefined)
        .map((f) => (
          <Select
            key={f.name}
            label={f.label}
            name={f.name}
            value={filters.facets[f.name] ?? ""}
            options={[all, ...f.values.map((v) => [v, v] as [string, string])]}
            onChange={(v) => setFacet(f.name, v)}
          />
        ))}
    </>
  );
}

/**
 * The filter values of a dataset.
 *
 * @example
 * ```ts
 * import { facetsOf } from "./FilterBar.tsx";
 * // facetsOf(ds).facets.map((f) => f.name)
 * ```
 */
export function facetsOf(ds: Facets): Facets {
  return {
    versions: ds.versions,
    backends: ds.backends,
    profiles: ds.profiles,
    facets: ds.facets,
  };
}
