import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { getRegulariser, regulariserNames } from "../../../src/core/objectives/registry.ts";
import { lejepaLoss } from "../../../src/core/objectives/lejepa.ts";
import { none } from "../../../src/core/objectives/none.ts";

await initBackend("wasm");

Deno.test("the registry names sigreg, whitening and none, and rejects unknown names", () => {
  for (const name of ["sigreg", "whitening", "none"]) {
    assert.ok(regulariserNames().includes(name));
    assert.equal(getRegulariser(name).name, name);
  }
  assert.throws(() => getRegulariser("vicreg2"), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /unknown regulariser "vicreg2"; expected one of: /);
    for (const name of ["sigreg", "whitening", "none"]) assert.ok(e.message.includes(name));
    return true;
  });
});

Deno.test("lejepaLoss mixes lambda * reg + (1 - lambda) * align; none gives align alone", () => {
  tf.tidy(() => {
    const h = tf.tensor2d([[0, 0], [1, 1], [2, 2], [5, 5]]) as tf.Tensor2D;
    const ctx = { step: 0, seed: 1, views: 2, batch: 2 };
    const w = lejepaLoss(h, getRegulariser("whitening"), 0.25, ctx);
    const [loss, align, reg] = [w.loss, w.align, w.reg].map((t) => t.dataSync()[0]);
    assert.ok(Math.abs(align - 2.5) < 1e-6);
    assert.ok(Math.abs(loss - (0.25 * reg + 0.75 * align)) < 1e-5);
    const n = lejepaLoss(h, none, 0.9, ctx);
    assert.ok(Math.abs(n.loss.dataSync()[0] - 2.5) < 1e-6);
    assert.equal(n.reg.dataSync()[0], 0);
    assert.throws(() => lejepaLoss(h, none, 1.5, ctx), RangeError);
  });
});
