import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import {
  INFONCE_SIGMA,
  infoNceLoss,
  infoNceLossTensorOps,
  type RegulariserContext,
} from "../../../src/core/objectives/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

/**
 * The pre-fusion implementation, written with broadcasting for independence:
 * tfjs autodiff through logSumExp of the (B, B) logits, symmetric, mean over
 * view pairs.
 */
function autodiffReference(h: tf.Tensor2D, views: number, sigma: number): tf.Scalar {
  const parts = tf.split(h, views, 0) as tf.Tensor2D[];
  let total: tf.Tensor = tf.scalar(0);
  let pairs = 0;
  for (let i = 0; i < views; i++) {
    for (let j = i + 1; j < views; j++) {
      const [u, v] = [parts[i], parts[j]];
      const d = tf.sub(tf.expandDims(u, 1), tf.expandDims(v, 0)); // (B, B, N)
      const s = tf.div(tf.sum(tf.square(d), 2), -2 * sigma * sigma); // s[b, c] = s(u_b, v_c)
      const pos = tf.div(tf.sum(tf.square(tf.sub(u, v)), 1), -2 * sigma * sigma);
      const rows = tf.mean(tf.sub(tf.logSumExp(s, 1), pos));
      const cols = tf.mean(tf.sub(tf.logSumExp(s, 0), pos));
      total = tf.add(total, tf.mul(tf.add(rows, cols), 0.5));
      pairs++;
    }
  }
  return tf.div(total, pairs) as tf.Scalar;
}

/** The same loss in float64 plain JS, for finite differences. */
function float64Loss(x: Float64Array, views: number, b: number, n: number, sigma: number): number {
  let total = 0;
  let pairs = 0;
  const s = new Float64Array(b * b);
  for (let i = 0; i < views; i++) {
    for (let j = i + 1; j < views; j++) {
      for (let r = 0; r < b; r++) {
        for (let c = 0; c < b; c++) {
          let d2 = 0;
          for (let k = 0; k < n; k++) {
            const d = x[(i * b + r) * n + k] - x[(j * b + c) * n + k];
            d2 += d * d;
          }
          s[r * b + c] = -d2 / (2 * sigma * sigma);
        }
      }
      let acc = 0;
      for (let r = 0; r < b; r++) {
        let rowMax = -Infinity;
        let colMax = -Infinity;
        for (let c = 0; c < b; c++) {
          rowMax = Math.max(rowMax, s[r * b + c]);
          colMax = Math.max(colMax, s[c * b + r]);
        }
        let rowSum = 0;
        let colSum = 0;
        for (let c = 0; c < b; c++) {
          rowSum += Math.exp(s[r * b + c] - rowMax);
          colSum += Math.exp(s[c * b + r] - colMax);
        }
        acc += rowMax + Math.log(rowSum) + colMax + Math.log(colSum) - 2 * s[r * b + r];
      }
      total += acc / (2 * b);
      pairs++;
    }
  }
  return total / pairs;
}

function valueAndGrad(
  f: (h: tf.Tensor2D) => tf.Scalar,
  x: Float32Array,
  rows: number,
  n: number,
): { value: number; grad: Float32Array } {
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((h: tf.Tensor) => f(h as tf.Tensor2D))(
      tf.tensor2d(x, [rows, n]),
    );
    return { value: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
  });
}

/** Two views that agree up to noise, at scale `scale` (views * b rows). */
function stack(views: number, b: number, n: number, scale: number, seed: number): Float32Array {
  const rng = new Rng(seed, "infonce-test");
  const z = rng.split("z").normals(b * n);
  const e = rng.split("e").normals(views * b * n);
  return Float32Array.from(
    { length: views * b * n },
    (_, i) => scale * (z[i % (b * n)] + 0.3 * e[i]),
  );
}

function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

Deno.test("infoNceLoss() value and gradient equal the tfjs autodiff implementation", () => {
  const cases = [
    { views: 2, b: 24, n: 3, scale: 1, sigma: INFONCE_SIGMA },
    { views: 2, b: 128, n: 8, scale: 2, sigma: INFONCE_SIGMA },
    { views: 3, b: 40, n: 4, scale: 0.3, sigma: INFONCE_SIGMA },
    { views: 2, b: 64, n: 2, scale: 1, sigma: 0.5 },
    // Far-apart samples: most softmax weights underflow (and are flushed to 0).
    { views: 2, b: 96, n: 8, scale: 3, sigma: INFONCE_SIGMA },
  ];
  for (const [i, c] of cases.entries()) {
    const rows = c.views * c.b;
    const x = stack(c.views, c.b, c.n, c.scale, i);
    const ctx: RegulariserContext = { step: 0, seed: 0, views: c.views, batch: c.b };
    const fused = valueAndGrad((h) => infoNceLoss(h, ctx, c.sigma), x, rows, c.n);
    const ref = valueAndGrad((h) => autodiffReference(h, c.views, c.sigma), x, rows, c.n);
    const ops = valueAndGrad((h) => infoNceLossTensorOps(h, ctx, c.sigma), x, rows, c.n);
    const label = `views ${c.views}, B ${c.b}, N ${c.n}, scale ${c.scale}, sigma ${c.sigma}`;
    for (const other of [ref, ops]) {
      assert.ok(
        Math.abs(fused.value - other.value) <= 1e-5 * Math.abs(other.value),
        `${label}: value ${fused.value} vs ${other.value}`,
      );
      const err = relativeError(fused.grad, other.grad);
      assert.ok(err <= 1e-5, `${label}: gradient relative error ${err}`);
    }
  }
});

Deno.test("infoNceLoss() gradient matches float64 central differences", () => {
  const views = 2;
  const b = 16;
  const n = 3;
  const x = stack(views, b, n, 1.2, 9);
  const x64 = Float64Array.from(x);
  const ctx: RegulariserContext = { step: 0, seed: 0, views, batch: b };
  const { value, grad } = valueAndGrad((h) => infoNceLoss(h, ctx), x, views * b, n);
  assert.ok(Math.abs(value - float64Loss(x64, views, b, n, 1)) < 1e-5 * value);
  const eps = 1e-5;
  for (const j of [0, 7, 20, 47, 48, 70, 95]) {
    const up = Float64Array.from(x64);
    const down = Float64Array.from(x64);
    up[j] += eps;
    down[j] -= eps;
    const fd = (float64Loss(up, views, b, n, 1) - float64Loss(down, views, b, n, 1)) / (2 * eps);
    assert.ok(
      Math.abs(fd - grad[j]) <= 1e-4 * Math.max(Math.abs(fd), 1e-2),
      `d/dx[${j}]: op ${grad[j]} vs finite difference ${fd}`,
    );
  }
});

Deno.test("infoNceLoss() is log B when collapsed and near 0 for well-separated agreeing views", () => {
  const b = 32;
  const ctx: RegulariserContext = { step: 0, seed: 0, views: 2, batch: b };
  const collapsed = tf.tidy(() =>
    infoNceLoss(tf.fill([2 * b, 3], 0.7) as tf.Tensor2D, ctx).dataSync()[0]
  );
  assert.ok(Math.abs(collapsed - Math.log(b)) < 1e-6, `${collapsed} vs log ${b}`);
  // Identical views spread far apart: every positive wins by a wide margin.
  const z = new Rng(2, "spread").normals(b * 3);
  const x = Float32Array.from({ length: 2 * b * 3 }, (_, i) => 20 * z[i % (b * 3)]);
  const separated = tf.tidy(() => infoNceLoss(tf.tensor2d(x, [2 * b, 3]), ctx).dataSync()[0]);
  assert.ok(separated >= 0 && separated < 1e-3, `${separated}`);
});
