/**
 * The value of a declared facet (src/core/suite.ts `FacetDef`) for one
 * record, and the order facet values are listed in: once for every reader.
 *
 * @module
 */
import type { FacetDef } from "../suite.ts";
import { taskOf } from "./entries.ts";

/**
 * The value of `facet` for a record with `caseId` and `params`, as text: the
 * parameter's value, or the task for a task facet (`param: null`); null when
 * the record has no such parameter.
 *
 * @example
 * ```ts
 * import { facetValue } from "./facets.ts";
 * const rec = { caseId: "spiral/gaussian/N2/sigreg/mlp", params: { dim: 2, objective: "sigreg" } };
 * console.assert(facetValue({ name: "dim", label: "N", param: "dim" }, rec) === "2");
 * console.assert(facetValue({ name: "case", label: "Case", param: null }, rec) === "spiral/gaussian/N2/mlp");
 * console.assert(facetValue({ name: "law", label: "Law", param: "law" }, rec) === null);
 * ```
 */
export function facetValue(
  facet: FacetDef,
  record: { caseId: string; params: Record<string, unknown> },
): string | null {
  if (facet.param === null) return taskOf(record.caseId, record.params);
  const v = record.params[facet.param];
  return v === undefined || v === null ? null : String(v);
}

/**
 * Facet values in reading order: numerically when every value is a number
 * ("2" < "8" < "32"), else alphabetically; duplicates dropped.
 *
 * @example
 * ```ts
 * import { sortFacetValues } from "./facets.ts";
 * console.assert(sortFacetValues(["32", "2", "8", "2"]).join() === "2,8,32");
 * console.assert(sortFacetValues(["lqr", "cem"]).join() === "cem,lqr");
 * ```
 */
export function sortFacetValues(values: Iterable<string>): string[] {
  const unique = [...new Set(values)];
  const numeric = unique.every((v) => v.trim() !== "" && Number.isFinite(Number(v)));
  return numeric
    ? unique.sort((a, b) => Number(a) - Number(b))
    : unique.sort((a, b) => a.localeCompare(b));
}
