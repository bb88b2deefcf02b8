import assert from "node:assert/strict";
import {
  ALONE_DIRS,
  ALONE_SUFFIX,
  MIN_GROUP,
  planShards,
  shardSeconds,
} from "../../scripts/test_plan.ts";
import { findTestFiles, SHARD_DIR, shardModule } from "../../scripts/test.ts";

const ROOT = new URL("../../", import.meta.url);

Deno.test("the shard plan puts every test file of test/ in exactly one shard", async () => {
  const files = await findTestFiles("test");
  assert.ok(files.length > 100, `${files.length} test files`);
  assert.ok(files.includes("test/scripts/test_plan_test.ts"));
  const shards = planShards(files);
  const planned = shards.flatMap((s) => s.files);
  assert.deepEqual([...planned].sort(), files);
  assert.equal(new Set(shards.map((s) => s.name)).size, shards.length, "unique shard names");
  assert.ok(shards.length < files.length / 2, `${shards.length} modules for ${files.length} files`);
});

Deno.test("files that spawn processes or patch globals run alone; the others group by folder", () => {
  const files = [
    "test/e2e/a_test.ts",
    "test/cli/b_test.ts",
    "test/reliability/c_test.ts",
    ...["p", "q", "r", "s"].map((n) => `test/core/stats/${n}_test.ts`),
    "test/core/world/w_test.ts",
    "test/core/models/m_test.ts",
    "test/vectors_test.ts",
    "test/corpus/k_test.ts",
    ...["u", "x", "y", "z", "v_webgpu"].map((n) => `test/suites/${n}_test.ts`),
  ];
  const shards = planShards(files);
  for (const s of shards) {
    const lone = s.files.some((f) =>
      ALONE_DIRS.some((d) => f.startsWith(`${d}/`)) || f.endsWith(ALONE_SUFFIX)
    );
    if (lone) assert.ok(s.alone && s.files.length === 1, JSON.stringify(s));
    else assert.equal(s.alone, false);
  }
  const byName = Object.fromEntries(shards.map((s) => [s.name, s.files]));
  assert.equal(byName["core--stats"].length, MIN_GROUP);
  assert.deepEqual(byName["small--core"], [
    "test/core/models/m_test.ts",
    "test/core/world/w_test.ts",
  ]);
  assert.deepEqual(byName["small--root"], ["test/corpus/k_test.ts", "test/vectors_test.ts"]);
  assert.deepEqual(byName["e2e--a"], ["test/e2e/a_test.ts"]);
  // The webgpu file runs alone; the rest of its folder is that folder's shard.
  assert.ok(shards.some((s) => s.alone && s.files[0] === "test/suites/v_webgpu_test.ts"));
  assert.deepEqual(byName["suites"], ["u", "x", "y", "z"].map((n) => `test/suites/${n}_test.ts`));
});

Deno.test("shards are ordered heaviest first, so that no long one starts last", async () => {
  const shards = planShards(await findTestFiles("test"));
  const secs = shards.map(shardSeconds);
  assert.deepEqual(secs, [...secs].sort((a, b) => b - a));
  assert.ok(secs[0] >= 20, `heaviest shard ${shards[0].name}: ${secs[0]} s`);
});

Deno.test("a shard module imports each of its files by a path that resolves from its folder", async () => {
  const shard = {
    name: "x",
    files: ["test/vectors_test.ts", "test/core/stats/holm_test.ts"],
    alone: false,
  };
  const text = shardModule(shard);
  const specifiers = [...text.matchAll(/^import "([^"]+)";$/gm)].map((m) => m[1]);
  assert.equal(specifiers.length, 2);
  const base = new URL(`${SHARD_DIR}/x_test.ts`, ROOT);
  for (const [i, spec] of specifiers.entries()) {
    const target = new URL(spec, base);
    assert.equal(target.href, new URL(shard.files[i], ROOT).href);
    assert.ok((await Deno.stat(target)).isFile);
  }
});

Deno.test("a path that is not a test file under test/ is refused", () => {
  assert.throws(() => planShards(["src/core/random.ts"]), /not a test file under test\//);
  assert.throws(() => planShards(["test/fixtures/records.ts"]), RangeError);
});
