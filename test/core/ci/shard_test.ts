import assert from "node:assert/strict";
import { inShard, parseShard, shardFromEnv } from "../../../src/core/ci/shard.ts";

const envOf = (vars: Record<string, string>) => (k: string) => vars[k];

Deno.test("parseShard() reads i/n and rejects indices outside 1..n", () => {
  assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
  assert.deepEqual(parseShard(" 1 / 1 "), { index: 1, count: 1 });
  assert.throws(() => parseShard("0/3"), /outside 1\.\.3/);
  assert.throws(() => parseShard("4/3"), /outside 1\.\.3/);
  assert.throws(() => parseShard("2of3"), /malformed shard "2of3"/);
  assert.throws(() => parseShard("1/0"), /count must be >= 1/);
});

Deno.test("inShard() splits positions into disjoint slices that cover them all", () => {
  const n = 4;
  const seen = new Map<number, number>();
  for (let i = 1; i <= n; i++) {
    for (let p = 0; p < 23; p++) {
      if (inShard(p, { index: i, count: n })) seen.set(p, (seen.get(p) ?? 0) + 1);
    }
  }
  assert.equal(seen.size, 23);
  assert.ok([...seen.values()].every((c) => c === 1));
});

Deno.test("shardFromEnv() reads JEPA_SHARD_*, Slurm arrays and Kubernetes indexed jobs", () => {
  assert.deepEqual(
    shardFromEnv(envOf({ JEPA_SHARD_INDEX: "3", JEPA_SHARD_COUNT: "4" })),
    { index: 3, count: 4 },
  );
  // Slurm ids are relative to SLURM_ARRAY_TASK_MIN: --array=1-4 gives task 1 -> shard 1/4.
  assert.deepEqual(
    shardFromEnv(
      envOf({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "4" }),
    ),
    { index: 1, count: 4 },
  );
  assert.deepEqual(
    shardFromEnv(envOf({ SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "4" })),
    { index: 1, count: 4 },
  );
  // Kubernetes indices are 0-based and the count comes from --shards.
  assert.deepEqual(shardFromEnv(envOf({ JOB_COMPLETION_INDEX: "2" }), 3), { index: 3, count: 3 });
});

Deno.test("shardFromEnv() says what is missing or inconsistent", () => {
  assert.throws(
    () => shardFromEnv(envOf({})),
    /JEPA_SHARD_INDEX.*SLURM_ARRAY_TASK_ID.*JOB_COMPLETION_INDEX/,
  );
  assert.throws(() => shardFromEnv(envOf({ JOB_COMPLETION_INDEX: "0" })), /--shards/);
  assert.throws(
    () => shardFromEnv(envOf({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_COUNT: "4" })),
    /shard index 6 is outside 1\.\.4/,
  );
  assert.throws(
    () => shardFromEnv(envOf({ JEPA_SHARD_INDEX: "1", JEPA_SHARD_COUNT: "2" }), 3),
    /--shards 3 disagrees with JEPA_SHARD_COUNT=2/,
  );
  assert.throws(
    () => shardFromEnv(envOf({ JEPA_SHARD_INDEX: "x" }), 2),
    /JEPA_SHARD_INDEX must be an integer/,
  );
});
