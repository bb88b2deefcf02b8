import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import {
  BARLOW_OFF_DIAGONAL,
  barlowTwinsLoss,
  type RegulariserContext,
  vicregLoss,
} from "../../../src/core/objectives/mod.ts";
import { AdamW } from "../../../src/core/train/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

/** Column means, unbiased variances and covariance of a (b x n) block of x. */
function stats(x: Float64Array, off: number, b: number, n: number) {
  const mean = new Float64Array(n);
  for (let r = 0; r < b; r++) for (let i = 0; i < n; i++) mean[i] += x[off + r * n + i] / b;
  const cov = new Float64Array(n * n);
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        cov[i * n + j] += (x[off + r * n + i] - mean[i]) * (x[off + r * n + j] - mean[j]) / (b - 1);
      }
    }
  }
  return { mean, cov };
}

/**
 * Float64 transcription of the official VICReg code (facebookresearch/vicreg,
 * main_vicreg.py): 25 * F.mse_loss(x, y) + 25 * (mean relu(1 - std_x) / 2 +
 * mean relu(1 - std_y) / 2) + 1 * (offdiag(cov_x)^2.sum / N + offdiag(cov_y)^2.sum / N).
 */
function vicregReference(x: Float64Array, b: number, n: number): number {
  let mse = 0;
  for (let i = 0; i < b * n; i++) mse += (x[i] - x[b * n + i]) ** 2 / (b * n);
  let std = 0;
  let cov = 0;
  for (const off of [0, b * n]) {
    const s = stats(x, off, b, n);
    for (let i = 0; i < n; i++) {
      std += Math.max(0, 1 - Math.sqrt(s.cov[i * n + i] + 1e-4)) / n / 2;
      for (let j = 0; j < n; j++) if (i !== j) cov += s.cov[i * n + j] ** 2 / n;
    }
  }
  return 25 * mse + 25 * std + cov;
}

/** Float64 Barlow Twins: batch-normalised (biased var + 1e-5) cross-correlation. */
function barlowReference(x: Float64Array, b: number, n: number): number {
  const norm = (off: number) => {
    const out = new Float64Array(b * n);
    for (let i = 0; i < n; i++) {
      let m = 0;
      for (let r = 0; r < b; r++) m += x[off + r * n + i] / b;
      let v = 0;
      for (let r = 0; r < b; r++) v += (x[off + r * n + i] - m) ** 2 / b;
      for (let r = 0; r < b; r++) out[r * n + i] = (x[off + r * n + i] - m) / Math.sqrt(v + 1e-5);
    }
    return out;
  };
  const [u, v] = [norm(0), norm(b * n)];
  let loss = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let r = 0; r < b; r++) c += u[r * n + i] * v[r * n + j] / b;
      loss += i === j ? (1 - c) ** 2 : BARLOW_OFF_DIAGONAL * c * c;
    }
  }
  return loss;
}

Deno.test("vicregLoss() and barlowTwinsLoss() equal float64 transcriptions of the papers' code", () => {
  const b = 64;
  const n = 5;
  const rng = new Rng(21, "vicreg-ref");
  const z = rng.split("z").normals(b * n);
  const e = rng.split("e").normals(2 * b * n);
  // Correlated columns with scales around 1, so the hinge is active on some
  // dimensions only and the covariance term is not negligible.
  const x = Float64Array.from({ length: 2 * b * n }, (_, i) => {
    const col = i % n;
    const r = i % (b * n);
    return (0.4 + 0.3 * col) * z[r] + 0.5 * z[r - col + ((col + 1) % n)] + 0.2 * e[i];
  });
  const ctx: RegulariserContext = { step: 0, seed: 0, views: 2, batch: b };
  const h = () => tf.tensor2d(Float32Array.from(x), [2 * b, n]);
  const vic = tf.tidy(() => vicregLoss(h(), ctx).dataSync()[0]);
  const bt = tf.tidy(() => barlowTwinsLoss(h(), ctx).dataSync()[0]);
  const vicRef = vicregReference(x, b, n);
  const btRef = barlowReference(x, b, n);
  assert.ok(Math.abs(vic - vicRef) <= 1e-5 * vicRef, `VICReg ${vic} vs reference ${vicRef}`);
  assert.ok(Math.abs(bt - btRef) <= 1e-4 * btRef, `Barlow Twins ${bt} vs reference ${btRef}`);
});

/** Initial weights whose two outputs are almost the same feature (correlation 0.9999). */
const NEAR_COLLINEAR = [[0.05, 0.0501], [0.02, 0.0199]];
/** Initial weights with two clearly different outputs (correlation about 0.2). */
const SPREAD = [[0.05, -0.02], [0.03, 0.04]];

/**
 * Train a linear encoder h = x W + c with `loss` (AdamW, lr 3e-3, weight
 * decay 0.01: the suite's optimiser) on OU views (rho 0.95) of 2D Gaussian
 * latents mixed linearly, from the small initial weights `init` (the MLP's
 * outputs start small too). Returns the correlation and the stds of the two
 * outputs on fresh latents (Cov(h) = I means h = Q z, Q orthogonal: identified).
 */
function trainLinear(
  loss: (h: tf.Tensor2D, ctx: RegulariserContext) => tf.Scalar,
  steps: number,
  init: number[][],
): { corr: number; std: number[] } {
  const b = 256;
  const mix = [1, 0.5, -0.3, 1.2]; // x = z A^T, A row-major
  const sample = (rng: Rng, views: number, rho: number) => {
    const z = rng.split("z").normals(b * 2);
    const out = new Float32Array(views * b * 2);
    for (let v = 0; v < views; v++) {
      const eta = rng.split("eta", v).normals(b * 2);
      for (let r = 0; r < b; r++) {
        const z0 = rho * z[2 * r] + Math.sqrt(1 - rho * rho) * eta[2 * r];
        const z1 = rho * z[2 * r + 1] + Math.sqrt(1 - rho * rho) * eta[2 * r + 1];
        out[(v * b + r) * 2] = mix[0] * z0 + mix[1] * z1;
        out[(v * b + r) * 2 + 1] = mix[2] * z0 + mix[3] * z1;
      }
    }
    return { z, x: out };
  };
  const w = tf.variable(tf.tensor2d(init));
  const c = tf.variable(tf.zeros([2]));
  const opt = new AdamW([w, c], { weightDecay: 0.01 });
  for (let step = 0; step < steps; step++) {
    const { x } = sample(new Rng(5, "train", step), 2, 0.95);
    tf.tidy(() => {
      const xt = tf.tensor2d(x, [2 * b, 2]);
      const { grads } = tf.variableGrads(
        () =>
          loss(tf.add(tf.matMul(xt, w), c) as tf.Tensor2D, { step, seed: 5, views: 2, batch: b }),
        [w, c],
      );
      opt.step([grads[w.name], grads[c.name]], 3e-3);
    });
  }
  // Evaluate on fresh latents observed without OU noise (rho = 1: x = z A^T).
  const { x } = sample(new Rng(6, "eval"), 1, 1);
  const h = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(x, [b, 2]), w), c).dataSync());
  opt.dispose();
  w.dispose();
  c.dispose();
  const hm = [0, 0];
  for (let r = 0; r < b; r++) for (let i = 0; i < 2; i++) hm[i] += h[2 * r + i] / b;
  const s = [0, 0, 0];
  for (let r = 0; r < b; r++) {
    const a0 = h[2 * r] - hm[0];
    const a1 = h[2 * r + 1] - hm[1];
    s[0] += a0 * a0;
    s[1] += a1 * a1;
    s[2] += a0 * a1;
  }
  const corr = s[2] / Math.sqrt(s[0] * s[1]);
  return { corr, std: [Math.sqrt(s[0] / (b - 1)), Math.sqrt(s[1] / (b - 1))] };
}

Deno.test("VICReg trained from distinct outputs identifies: unit stds, decorrelated, no dead dimension", () => {
  const { corr, std } = trainLinear(vicregLoss, 600, SPREAD);
  // The variance hinge brings both outputs to unit scale and the covariance
  // term decorrelates them; a wrong gradient, or an optimiser that shrinks one
  // output, would leave |corr| near 1 or a std near 0.
  assert.ok(Math.abs(corr) < 0.1, `correlation ${corr}`);
  for (const s of std) assert.ok(s > 0.9 && s < 1.15, `std ${std}`);
});

Deno.test("collinear outputs are a slow saddle for VICReg but not for Barlow Twins", () => {
  // Why VICReg stays rank 1 in the smoke runs (see src/suites/regularisers.ts):
  // at exactly collinear outputs the covariance term's gradient only shrinks
  // them (it is along the shared feature), and its rotating part is
  // proportional to the small angle between them, while AdamW's second moment
  // is dominated by the variance hinge and invariance terms. Barlow Twins is
  // scale-free, so nothing masks its decorrelating gradient.
  const vic = trainLinear(vicregLoss, 600, NEAR_COLLINEAR);
  const bt = trainLinear(barlowTwinsLoss, 600, NEAR_COLLINEAR);
  assert.ok(Math.abs(vic.corr) > 0.99, `VICReg correlation ${vic.corr} after 600 steps`);
  for (const s of vic.std) assert.ok(s > 0.9, `VICReg stds ${vic.std}: no output died`);
  assert.ok(Math.abs(bt.corr) < 0.1, `Barlow Twins correlation ${bt.corr} after 600 steps`);
});
