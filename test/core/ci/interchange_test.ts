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

Deno.test("toBmf() gives the mean over seeds with its CI per suite/case and metric", () => {
  const bmf = toBmf(DOC);
  assert.deepEqual(Object.keys(bmf), ["toy/a,b"]); // failed records are not measures
  const score = bmf["toy/a,b"].score;
  assert.equal(score.value, 2);
  assert.ok(
    score.lower_value! >= 1 && score.upper_value! <= 3 && score.lower_value! < score.upper_value!,
  );
  assert.deepEqual(bmf["toy/a,b"].loss, { value: 0.5, lower_value: 0.5, upper_value: 0.5 }); // NaN dropped
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
