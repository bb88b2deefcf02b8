import assert from "node:assert/strict";
import {
  assertBackendSet,
  currentBackend,
  initBackend,
  tensorMemory,
  tf,
} from "../../../src/core/engine/mod.ts";

Deno.test("initBackend('wasm') activates wasm and is idempotent", async () => {
  const info = await initBackend("wasm");
  assert.equal(info.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.equal(info.tfjsVersion, "4.22.0");
  assert.equal(info.gpu, null);
  assert.equal(await initBackend("wasm"), info);
  assert.equal(currentBackend(), info);
});

Deno.test("initBackend rejects an unknown name with a RangeError listing the valid ones", async () => {
  await assert.rejects(() => initBackend("tpu"), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /unknown backend "tpu".*wasm, cpu, webgpu, tensorflow, tensorflow-gpu/);
    return true;
  });
});

Deno.test("initBackend('tensorflow') explains how to install libtensorflow offline", async () => {
  await initBackend("wasm");
  for (const name of ["tensorflow", "tensorflow-gpu"]) {
    await assert.rejects(() => initBackend(name), (e: unknown) => {
      assert.ok(e instanceof Error && !(e instanceof RangeError));
      assert.match(e.message, /TFJS_NODE_BASE_URI/);
      assert.match(e.message, /TFJS_NODE_CDN_STORAGE/);
      assert.match(e.message, /@tensorflow\/tfjs-node/);
      return true;
    });
  }
  // A failed initialisation leaves the previous backend active.
  assert.equal(tf.getBackend(), "wasm");
});

Deno.test("assertBackendSet detects tf.setBackend resolving to false", () => {
  assert.doesNotThrow(() => assertBackendSet("wasm", true, "wasm"));
  assert.throws(
    () => assertBackendSet("webgpu", false, "wasm"),
    /setBackend returned false.*"wasm"/,
  );
  assert.throws(() => assertBackendSet("webgpu", true, "wasm"), /active backend is "wasm"/);
});

Deno.test("tensorMemory counts live tensors and bytes", async () => {
  await initBackend("wasm");
  const before = tensorMemory();
  const t = tf.zeros([10, 10]);
  const during = tensorMemory();
  assert.equal(during.numTensors, before.numTensors + 1);
  assert.equal(during.numBytes, before.numBytes + 400);
  t.dispose();
  assert.deepEqual(tensorMemory(), before);
});

Deno.test("initBackend switches to cpu and back", async () => {
  assert.equal((await initBackend("cpu")).name, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.equal((await initBackend("wasm")).name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
});

Deno.test("concurrent initBackend calls are served in order and all succeed", async () => {
  // Unserialised, the second tf.setBackend of a pair resolves false while the first initialises.
  const infos = await Promise.all([
    initBackend("cpu"),
    initBackend("wasm"),
    initBackend("cpu"),
    initBackend("wasm"),
  ]);
  assert.deepEqual(infos.map((i) => i.name), ["cpu", "wasm", "cpu", "wasm"]);
  assert.equal(tf.getBackend(), "wasm");
  await assert.rejects(Promise.all([initBackend("wasm"), initBackend("cuda")]), RangeError);
  assert.equal((await initBackend("wasm")).name, "wasm", "a rejected call does not block the next");
});
