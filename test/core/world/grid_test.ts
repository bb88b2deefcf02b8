import assert from "node:assert/strict";
import { gridLatents2D } from "../../../src/core/world/grid.ts";

Deno.test("gridLatents2D() is the fixed 100 x 100 grid over [-3, 3]^2", () => {
  const g = gridLatents2D();
  assert.equal(g.length, 100 * 100 * 2);
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (let i = 0; i < g.length; i += 2) {
    xs.add(g[i]);
    ys.add(g[i + 1]);
    assert.ok(g[i] >= -3 && g[i] <= 3 && g[i + 1] >= -3 && g[i + 1] <= 3);
  }
  assert.equal(xs.size, 100);
  assert.equal(ys.size, 100);
  assert.deepEqual([g[0], g[1]], [-3, -3]);
  assert.deepEqual([g[g.length - 2], g[g.length - 1]], [3, 3]);
  // Spacing 6 / 99 along the second coordinate first.
  assert.ok(Math.abs(g[3] - g[1] - 6 / 99) < 1e-15);
  assert.equal(g[2], -3);
  assert.deepEqual(gridLatents2D(), g);
  assert.throws(() => gridLatents2D(1), RangeError);
  assert.throws(() => gridLatents2D(10, 1, 1), RangeError);
});
