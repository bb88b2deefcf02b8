import assert from "node:assert/strict";
import { gitState, newRunId, runEnvironment } from "../../../src/core/runner/environment.ts";

Deno.test("newRunId() is a UTC timestamp plus 6 hex digits, sortable by time", () => {
  const a = newRunId(new Date("2026-11-22T01:51:00.123Z"));
  assert.match(a, /^20261122T015100Z-[0-9a-f]{6}$/);
  const b = newRunId(new Date("2026-11-22T01:51:01Z"));
  assert.ok(a < b);
  assert.notEqual(newRunId(), newRunId());
});

Deno.test("gitState() is all null outside a repository", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-nogit-" });
  assert.deepEqual(await gitState(dir), { commit: null, dirty: null, branch: null });
  await Deno.remove(dir);
});

Deno.test("gitState() reports the commit, dirty flag and branch of a repository", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-git-" });
  const git = (...args: string[]) =>
    new Deno.Command("git", { args: ["-C", dir, ...args], stdout: "null", stderr: "null" })
      .output();
  await git("init", "-q", "-b", "trunk");
  await Deno.writeTextFile(`${dir}/a.txt`, "a");
  await git("add", "a.txt");
  await git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a");
  const clean = await gitState(dir);
  assert.match(clean.commit!, /^[0-9a-f]{40}$/);
  assert.equal(clean.dirty, false);
  assert.equal(clean.branch, "trunk");
  await Deno.writeTextFile(`${dir}/a.txt`, "b");
  assert.equal((await gitState(dir)).dirty, true);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("runEnvironment() records versions, machine and the backend's facts", () => {
  const none = runEnvironment("wasm", null);
  assert.equal(none.tfjs, "n/a");
  assert.equal(none.backend, "wasm");
  assert.equal(none.gpu, null);
  assert.equal(none.deno, Deno.version.deno);
  assert.ok(none.cpuCount >= 1);
  assert.notEqual(none.cpu, "");
  const gpu = runEnvironment("webgpu", {
    name: "webgpu",
    tfjsVersion: "4.22.0",
    gpu: "nvidia hopper",
  });
  assert.equal(gpu.tfjs, "4.22.0");
  assert.equal(gpu.gpu, "nvidia hopper");
});
