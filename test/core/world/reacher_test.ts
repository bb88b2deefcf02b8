import assert from "node:assert/strict";
import { REACHER_LINK1, REACHER_LINK2, renderReacher } from "../../../src/core/world/reacher.ts";

function centroid(img: Float64Array, size: number, minValue: number): [number, number] {
  let sx = 0;
  let sy = 0;
  let s = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = img[r * size + c];
      if (v < minValue) continue;
      sx += v * (-1 + (c + 0.5) * 2 / size);
      sy += v * (1 - (r + 0.5) * 2 / size);
      s += v;
    }
  }
  return [sx / s, sy / s];
}

Deno.test("renderReacher() is deterministic, antialiased and in [0, 1]", () => {
  const z = new Float64Array([0.3, -1.1, 2.0, 0.5]);
  const a = renderReacher(z, 2, 32);
  const b = renderReacher(z, 2, 32);
  assert.deepEqual(Array.from(a), Array.from(b));
  assert.ok(a.every((v) => v >= 0 && v <= 1));
  // Antialiasing: some pixels strictly between 0 and the link intensities.
  assert.ok(a.some((v) => v > 0 && v < 0.5));
  // Each image draws the arm: lit pixels of the bright second link exist.
  for (let i = 0; i < 2; i++) assert.ok(a.subarray(i * 1024, (i + 1) * 1024).some((v) => v === 1));
  assert.throws(() => renderReacher(z, 3, 32), RangeError);
  assert.throws(() => renderReacher(z, 2, 2), RangeError);
});

Deno.test("renderReacher() changes with each joint angle and draws the links where they are", () => {
  const size = 64;
  const base = renderReacher(new Float64Array([0.5, 0.7]), 1, size);
  const moved1 = renderReacher(new Float64Array([0.6, 0.7]), 1, size);
  const moved2 = renderReacher(new Float64Array([0.5, 0.8]), 1, size);
  const diff = (x: Float64Array, y: Float64Array) =>
    x.reduce((s, v, i) => s + Math.abs(v - y[i]), 0);
  assert.ok(diff(base, moved1) > 1);
  assert.ok(diff(base, moved2) > 1);
  // Straight arm along +x (angles 0, 0): the bright second link's centroid is at x ~ l1 + l2 / 2, y ~ 0.
  const straight = renderReacher(new Float64Array([0, 0]), 1, size);
  const [cx, cy] = centroid(straight, size, 0.75);
  assert.ok(Math.abs(cx - (REACHER_LINK1 + REACHER_LINK2 / 2)) < 0.05, `cx ${cx}`);
  assert.ok(Math.abs(cy) < 0.05, `cy ${cy}`);
  // Joint 1 at +pi/2 rotates the whole arm to +y.
  const up = renderReacher(new Float64Array([Math.PI / 2, 0]), 1, size);
  const [ux, uy] = centroid(up, size, 0.75);
  assert.ok(
    Math.abs(ux) < 0.05 && Math.abs(uy - (REACHER_LINK1 + REACHER_LINK2 / 2)) < 0.05,
    `${ux}, ${uy}`,
  );
});
