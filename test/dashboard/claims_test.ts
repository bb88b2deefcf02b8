import assert from "node:assert/strict";
import { DashboardData } from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";
import { buildStaticSite } from "../../dashboard/build.ts";
import { claimInputFromDocuments, evaluateClaims } from "../../src/core/analysis/mod.ts";
import { openStore } from "../../src/core/store/sqlite.ts";
import {
  identifiabilityCase as ident,
  planningCase,
  seeds,
  syntheticRun,
} from "../fixtures/claim_records.ts";

/** Synthetic (not measured) records: claim 1 holds, claim 7 fails, a case id carries markup. */
const docs = [
  syntheticRun(
    "identifiability",
    2,
    ["spiral", "banana", "sinusoid"].flatMap((m) => [
      ident(m, "gaussian", "sigreg", seeds({ grid_r2_hz: [0.95, 0.96, 0.97] })),
      ident(m, "gennorm(0.25)", "sigreg", seeds({ grid_r2_hz: [0.5, 0.55, 0.6] })),
    ]),
  ),
  syntheticRun("planning", 3, [
    planningCase("spiral", "gaussian", "lqr", [1.05, 1.07, 1.1]),
    planningCase("spiral", "gennorm(0.25)", "lqr", [1.2, 1.25, 1.3]),
    { ...planningCase("spiral", "gaussian", "cem", [1.1, 1.1, 1.2]), caseId: "<b>x</b>/cem" },
  ]),
  syntheticRun("planning", 3, [planningCase("spiral", "gaussian", "lqr", [9, 9, 9])], {
    git: { commit: null, dirty: null, branch: null },
  }),
];

function dashboard() {
  const store = openStore(":memory:");
  store.importDocuments(docs);
  return new DashboardData(store, { recheckMs: 0 });
}

Deno.test("the claims page shows each claim's verdict, reason and evidence, as the analysis layer computes them", async () => {
  const data = dashboard();
  const handler = createHandler({ data, bundle: "" });
  const res = await handler(new Request("http://dash.test/claims/"));
  assert.equal(res.status, 200);
  const html = await res.text();
  const shown = [...html.matchAll(/data-claim="([^"]+)" data-verdict="([^"]+)"/g)]
    .map((m) => [m[1], m[2]]);
  const expected = evaluateClaims(claimInputFromDocuments(docs)).map((r) => [r.id, r.verdict]);
  assert.deepEqual(shown, expected);
  assert.deepEqual(Object.fromEntries(shown)["identifiability.gaussian-identified"], "holds");
  assert.deepEqual(Object.fromEntries(shown)["planning.identified-near-optimal"], "fails");
  assert.match(html, /<code>identifiability\.gaussian-identified@1<\/code>/);
  assert.match(html, /fails in smoke on wasm: gennorm\(0\.25\) far: spiral\/gennorm\(0\.25\)/);
  assert.match(html, /9 records used of 12 read; ignored 3 unverified/);
  assert.match(html, /0\.96 \[0\.9352, 0\.9848\]/);
  assert.ok(html.includes("&lt;b>x&lt;/b>/cem") || html.includes("&lt;b&gt;x&lt;/b&gt;/cem"));
  assert.ok(!html.includes("<b>x</b>"), "a case id is text, never markup");
  assert.match(html, /<a href="\.\.\/claims\/" aria-current="page">Claims<\/a>/);
});

Deno.test("the claims page follows the store and is part of the static build", async () => {
  const data = dashboard();
  const before = data.claims().find((r) => r.id === "planning.identified-near-optimal")!;
  assert.equal(before.verdict, "fails");
  data.store.importDocument(
    syntheticRun("planning", 3, [planningCase("spiral", "gennorm(0.25)", "lqr", [20, 22, 24])]),
  );
  const after = data.claims().find((r) => r.id === "planning.identified-near-optimal")!;
  assert.equal(after.verdict, "holds", after.reason);
  const out = await Deno.makeTempDir({ prefix: "jepa-bench-claims-site-" });
  try {
    await buildStaticSite({ data, outDir: out, bundle: "/* test */", warn: () => {} });
    const page = await Deno.readTextFile(`${out}/claims/index.html`);
    assert.match(page, /data-claim="planning\.identified-near-optimal" data-verdict="holds"/);
    assert.match(page, /href="\.\.\/static\/style\.css\?v=[0-9a-f]{32}"/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
