import assert from "node:assert/strict";
import { facetValue, sortFacetValues } from "../../../src/core/analysis/facets.ts";

const rec = {
  caseId: "sigreg/banana/gaussian/N8/mlp",
  params: { regulariser: "sigreg", mixing: "banana", dim: 8, collapsed: false },
};

Deno.test("a parameter facet reads the case parameter as text", () => {
  assert.equal(facetValue({ name: "dim", label: "N", param: "dim" }, rec), "8");
  assert.equal(facetValue({ name: "m", label: "M", param: "mixing" }, rec), "banana");
  assert.equal(facetValue({ name: "c", label: "C", param: "collapsed" }, rec), "false");
  assert.equal(facetValue({ name: "law", label: "Law", param: "law" }, rec), null);
});

Deno.test("the task facet is the case id without the entry's segment", () => {
  assert.equal(
    facetValue({ name: "case", label: "Case", param: null }, rec),
    "banana/gaussian/N8/mlp",
  );
});

Deno.test("facet values sort numerically when all are numbers, else by text", () => {
  assert.deepEqual(sortFacetValues(["32", "2", "1024", "8", "2"]), ["2", "8", "32", "1024"]);
  assert.deepEqual(sortFacetValues(["gennorm(16)", "gaussian", "gennorm(0.25)"]), [
    "gaussian",
    "gennorm(0.25)",
    "gennorm(16)",
  ]);
  assert.deepEqual(sortFacetValues(["2", "x"]), ["2", "x"]);
  assert.deepEqual(sortFacetValues(["", "1"]), ["", "1"]);
});
