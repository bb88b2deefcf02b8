import assert from "node:assert/strict";
import { scalingCells, scalingSvg, scalingTable } from "../../benchmarks/scaling_report.ts";
import { makeCompleted, makeFailed } from "../fixtures/records.ts";
import type { CaseResult } from "../../src/core/store/record.ts";

function rec(dim: number, objective: string, seed: number, r2: number): CaseResult {
  const r = makeCompleted("r", `coupling/gaussian/N${dim}/${objective}/coupling`, seed);
  r.params = { dim, objective, steps: 100 * dim };
  r.metrics = { r2_hz: r2 };
  return r;
}

Deno.test("the scaling table has one row per N and a t-interval per objective, failures named", () => {
  const failed = makeFailed("r", "coupling/gaussian/N4/infonce/coupling", 2);
  failed.params = { dim: 4, objective: "infonce", steps: 400 };
  const records = [
    rec(2, "sigreg", 0, 0.99),
    rec(2, "sigreg", 1, 0.97),
    rec(2, "sigreg", 2, 0.98),
    rec(4, "infonce", 0, 0.5),
    rec(4, "infonce", 1, 0.7),
    failed,
  ];
  const cells = scalingCells(records);
  assert.deepEqual(cells.map((c) => [c.dim, c.objective, c.r2.n, c.failed]), [
    [2, "sigreg", 3, 0],
    [4, "infonce", 2, 1],
  ]);
  assert.ok(Math.abs(cells[0].r2.mean - 0.98) < 1e-12);
  // t(0.975, 2) = 4.303, sd 0.01, n 3: half-width 0.0248.
  assert.ok(Math.abs(cells[0].r2.ciHigh - cells[0].r2.mean - 0.02484) < 1e-4);
  const table = scalingTable(cells, new Map([[2, 0.76]])).split("\n");
  assert.equal(table[0], "| N | steps | R2(x->z) mixing | sigreg R2(h->z) | infonce R2(h->z) |");
  assert.match(table[2], /^\| 2 \| 200 \| 0\.760 \| 0\.980 \[0\.955, 1\.000\] \| - \|$/);
  assert.match(table[3], /^\| 4 \| 400 \| - \| - \| 0\.600 \[-0\.671, 1\.000\] \(1 failed\) \|$/);
  const svg = scalingSvg(cells, "a <title>");
  assert.ok(svg.startsWith("<svg") && svg.includes("a &lt;title&gt;"));
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
});
