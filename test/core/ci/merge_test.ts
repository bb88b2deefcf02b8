import assert from "node:assert/strict";
import { mergeShards } from "../../../src/core/ci/merge.ts";
import type { RunDocument } from "../../../src/core/store/record.ts";
import { validateRunDocument } from "../../../src/core/store/validate.ts";
import { makeCompleted, makeHeader } from "../../fixtures/records.ts";

function shard(
  runId: string,
  tag: string,
  keys: Array<[string, number]>,
  score = 0.5,
): RunDocument {
  return {
    schemaVersion: 1,
    header: makeHeader({
      runId,
      tags: { shard: tag },
      finishedAt: "2026-01-01T01:00:00.000Z",
      startedAt: `2026-01-01T00:00:0${tag[0]}.000Z`,
    }),
    records: keys.map(([c, s]) => makeCompleted(runId, c, s, { score: s + score })),
  };
}

const EXPECTED = ["a#0", "a#1", "b#0", "b#1"];

Deno.test("mergeShards() joins disjoint shards into one valid run with every task", () => {
  const { doc, missing, missingShards, duplicates } = mergeShards([
    shard("r1", "1/2", [["a", 0], ["b", 0]]),
    shard("r2", "2/2", [["a", 1], ["b", 1]]),
  ], EXPECTED);
  assert.deepEqual(missing, []);
  assert.deepEqual(missingShards, []);
  assert.deepEqual(duplicates, []);
  assert.deepEqual(doc.records.map((r) => `${r.caseId}#${r.seed}`), EXPECTED);
  assert.equal(doc.header.runId, "merged-r1");
  assert.equal(doc.header.tags.shard, undefined);
  assert.equal(doc.header.tags.merged_from, "r1,r2");
  assert.equal(doc.header.startedAt, "2026-01-01T00:00:01.000Z");
  validateRunDocument(JSON.parse(JSON.stringify(doc)));
});

Deno.test("mergeShards() reports missing tasks and shards", () => {
  const { missing, missingShards } = mergeShards(
    [shard("r1", "1/2", [["a", 0], ["b", 0]])],
    EXPECTED,
  );
  assert.deepEqual(missing, ["a#1", "b#1"]);
  assert.deepEqual(missingShards, ["2/2"]);
});

Deno.test("mergeShards() keeps identical duplicates once and refuses conflicting ones", () => {
  const ok = mergeShards([
    shard("r1", "1/2", [["a", 0], ["b", 0], ["a", 1]]),
    shard("r2", "2/2", [["a", 1], ["b", 1]]),
  ], EXPECTED);
  assert.deepEqual(ok.duplicates, ["a#1"]);
  assert.equal(ok.doc.records.length, 4);
  assert.throws(
    () =>
      mergeShards([
        shard("r1", "1/2", [["a", 0], ["b", 0], ["a", 1]], 0.5),
        shard("r2", "2/2", [["a", 1], ["b", 1]], 0.7),
      ], EXPECTED),
    /conflicting results for case a seed 1 in runs r1 and r2/,
  );
});

Deno.test("mergeShards() refuses runs of another configuration", () => {
  const other = shard("r2", "2/2", [["a", 1]]);
  other.header.configHash = "b".repeat(64);
  assert.throws(
    () => mergeShards([shard("r1", "1/2", [["a", 0]]), other]),
    /configHash.*not shards of one run/,
  );
  const commit = shard("r3", "2/2", [["a", 1]]);
  commit.header.git = { ...commit.header.git, commit: "feedface" };
  assert.throws(() => mergeShards([shard("r1", "1/2", [["a", 0]]), commit]), /git commit/);
});
