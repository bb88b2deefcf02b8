import assert from "node:assert/strict";
import { CSV_COLUMNS, toBmf, toCsv } from "../../../src/core/ci/interchange.ts";
import type { RunDocument } from "../../../src/core/store/record.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";

const DOC: RunDocument = {
  schemaVersion: 1,
  header: makeHeader({ runId: "r1" }),
  records: [
    makeCompleted("r1", "a,b", 0, { score: 1, loss: NaN }),
    makeCompleted("r1", "a,b", 1, { score: 3, loss: 0.5 }),
    makeFailed("r1", "nan", 0),
  ],
};

Deno.test("toBmf() gives the mean over seeds with its t-interval per suite/case and metric", () => {
  const bmf = toBmf(DOC);
  assert.deepEqual(Object.keys(bmf), ["toy/a,b"]); // failed records are not measures
  const score = bmf["toy/a,b"].score;
  assert.equal(score.value, 2);
  // Seeds 1 and 3: mean 2, sd sqrt(2), t_{0.975,1} = 12.7062: 2 -+ 12.7062.
  assert.ok(Math.abs(score.lower_value! - (2 - 12.706204736)) < 1e-6, `${score.lower_value}`);
  assert.ok(Math.abs(score.upper_value! - (2 + 12.706204736)) < 1e-6, `${score.upper_value}`);
  // NaN dropped; one seed left: no interval, never a zero-width one.
  assert.deepEqual(bmf["toy/a,b"].loss, { value: 0.5 });
  assert.deepEqual(Object.keys(toBmf(DOC, ["score"])["toy/a,b"]), ["score"]);
});

Deno.test("toCsv() writes one quoted row per record and metric", () => {
  const lines = toCsv([DOC]).trimEnd().split("\n");
  assert.equal(lines[0], CSV_COLUMNS.join(","));
  assert.equal(lines.length, 1 + 2 + 2 + 1);
  assert.equal(lines[1], 'r1,toy,1,smoke,wasm,0123456789abcdef,"a,b",0,completed,loss,NaN');
  assert.equal(lines[2], 'r1,toy,1,smoke,wasm,0123456789abcdef,"a,b",0,completed,score,1');
  assert.equal(lines[5], "r1,toy,1,smoke,wasm,0123456789abcdef,nan,0,failed,loss,0.5");
});
