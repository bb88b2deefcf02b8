/**
 * InfoNCE with the negative squared distance as similarity,
 * `s(u, v) = -||u - v||^2 / (2 sigma^2)`, sigma = 1 (the contrastive
 * baseline of Klindt, LeCun & Balestriero 2026, arXiv 2605.26379, after
 * Zimmermann et al. 2021, arXiv 2102.08850; SPEC section 5). For two views u
 * (view 0) and v (view 1) of B samples: the symmetric cross-entropy of
 * identifying each positive pair among the B candidates,
 * `1/2 mean_b [lse_c s(u_b, v_c) - s(u_b, v_b)] + 1/2 mean_b [lse_c s(u_c, v_b) - s(u_b, v_b)]`.
 * log B when collapsed; near its minimum when the views agree and the
 * samples are spread out. More than two views: mean over view pairs.
 *
 * Implementation: one custom-gradient op per view pair. The cross products
 * u v^T and, in the backward pass, G v and G^T u are plain matMuls on the
 * tensor backend; everything on the (B x B) similarity matrix (row and column
 * log-sum-exps, the softmaxes, G = dLoss/ds) is one float64 plain-JS pass,
 * because tfjs-wasm's exp and logSumExp gradient on that matrix were the
 * bottleneck (12.6 s for fwd + bwd at M = 4096, N = 256). Backends without
 * synchronous reads (webgpu) use {@link infoNceLossTensorOps}, the same
 * quantity differentiated by tfjs.
 *
 * Combination with the loop: `L = lambda * InfoNCE + (1 - lambda) * align`.
 * The positive-pair term is InfoNCE's own alignment, so the default weight is
 * lambda = 1 (InfoNCE alone).
 *
 * @module
 */
import { readsSync, tf } from "../engine/backend.ts";
import { linear } from "../models/dense.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import { splitViews } from "./views.ts";

/** Temperature sigma of the similarity. */
export const INFONCE_SIGMA = 1;

/** Entries of G below this magnitude are set to 0 (float32 subnormals start at 1.2e-38). */
const FLUSH = 1e-30;

/** Row-major transpose of a (rows x cols) matrix. */
function transposed(a: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  }
  return t;
}

/**
 * Value of one view pair's symmetric InfoNCE from the similarities, and what
 * the backward pass needs: s (B x B, row b = u_b, column c = v_c) is
 * overwritten with the row softmax P = exp(s - rowLse); the column softmax
 * Q = exp(s - colLse) comes in a new array.
 */
function pairForward(
  s: Float64Array,
  b: number,
): { value: number; p: Float64Array; q: Float64Array } {
  const rowMax = new Float64Array(b).fill(-Infinity);
  const colMax = new Float64Array(b).fill(-Infinity);
  for (let r = 0; r < b; r++) {
    const o = r * b;
    let m = -Infinity;
    for (let c = 0; c < b; c++) {
      const x = s[o + c];
      if (x > m) m = x;
      if (x > colMax[c]) colMax[c] = x;
    }
    rowMax[r] = m;
  }
  const diag = new Float64Array(b);
  for (let r = 0; r < b; r++) diag[r] = s[r * b + r];
  const q = new Float64Array(b * b);
  const rowSum = new Float64Array(b);
  const colSum = new Float64Array(b);
  for (let r = 0; r < b; r++) {
    const o = r * b;
    const rm = rowMax[r];
    let acc = 0;
    for (let c = 0; c < b; c++) {
      const x = s[o + c];
      const er = Math.exp(x - rm);
      const ec = Math.exp(x - colMax[c]);
      acc += er;
      colSum[c] += ec;
      q[o + c] = ec;
      s[o + c] = er;
    }
    rowSum[r] = acc;
  }
  let value = 0;
  for (let r = 0; r < b; r++) {
    // lse over row r and over column r, minus twice the positive s_rr.
    value += rowMax[r] + Math.log(rowSum[r]) + colMax[r] + Math.log(colSum[r]) - 2 * diag[r];
  }
  value /= 2 * b;
  const invCol = colSum.map((x) => 1 / x);
  for (let r = 0; r < b; r++) {
    const o = r * b;
    const ir = 1 / rowSum[r];
    for (let c = 0; c < b; c++) {
      s[o + c] *= ir;
      q[o + c] *= invCol[c];
    }
  }
  return { value, p: s, q };
}

/**
 * One view pair's symmetric InfoNCE as a single op: value and gradient in one
 * float64 pass over the (B x B) similarities. With G = dLoss/ds =
 * (P + Q - 2 I) / (2 B): dL/du_b = -(sum_c G_bc u_b - (G v)_b) / sigma^2 and
 * dL/dv_c = ((G^T u)_c - sum_b G_bc v_c) / sigma^2.
 */
function pairOp(u: tf.Tensor2D, v: tf.Tensor2D, sigma: number): tf.Scalar {
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((ut: tf.Tensor2D, vt: tf.Tensor2D, save: any) => {
      const [b, n] = ut.shape;
      const uv = ut.dataSync();
      const vv = vt.dataSync();
      // Not through tf.tidy: tidy walks a returned typed array element by element.
      const vT = tf.tensor2d(transposed(vv, b, n), [n, b]);
      const crossT = tf.matMul(ut, vT);
      const cross = crossT.dataSync();
      vT.dispose();
      crossT.dispose();
      const nu = new Float64Array(b);
      const nv = new Float64Array(b);
      const pos = new Float64Array(b);
      for (let r = 0; r < b; r++) {
        let a = 0;
        let c = 0;
        let d = 0;
        for (let i = 0; i < n; i++) {
          const x = uv[r * n + i];
          const y = vv[r * n + i];
          a += x * x;
          c += y * y;
          d += (x - y) * (x - y);
        }
        nu[r] = a;
        nv[r] = c;
        pos[r] = d;
      }
      const k = -1 / (2 * sigma * sigma);
      const s = new Float64Array(b * b);
      for (let r = 0; r < b; r++) {
        for (let c = 0; c < b; c++) {
          // The diagonal (the positives, small distances) straight from the
          // difference: no cancellation.
          s[r * b + c] = r === c ? k * pos[r] : k * (nu[r] + nv[c] - 2 * cross[r * b + c]);
        }
      }
      const { value, p, q } = pairForward(s, b);
      save([ut, vt]);
      return {
        value: tf.scalar(value),
        gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
          const [us, vs] = saved as tf.Tensor2D[];
          const g = new Float32Array(b * b);
          const gt = new Float32Array(b * b);
          const rowG = new Float32Array(b);
          const colG = new Float32Array(b);
          const f = 1 / (2 * b);
          for (let r = 0; r < b; r++) {
            const o = r * b;
            let acc = 0;
            for (let c = 0; c < b; c++) {
              let x = (p[o + c] + q[o + c] - (r === c ? 2 : 0)) * f;
              // Flush what would be a float32 subnormal (exp(s) of far-apart
              // pairs) to 0: wasm matMul on subnormals is about 50x slower.
              if (x < FLUSH && x > -FLUSH) x = 0;
              g[o + c] = x;
              gt[c * b + r] = x;
              acc += x;
              colG[c] += x;
            }
            rowG[r] = acc;
          }
          const scale = tf.mul(dy, 1 / (sigma * sigma));
          const gv = tf.matMul(tf.tensor2d(g, [b, b]), vs);
          const gtu = tf.matMul(tf.tensor2d(gt, [b, b]), us);
          const du = tf.sub(gv, tf.mul(us, tf.tensor2d(rowG, [b, 1])));
          const dv = tf.sub(gtu, tf.mul(vs, tf.tensor2d(colG, [b, 1])));
          return [tf.mul(du, scale), tf.mul(dv, scale)];
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  ) as (u: tf.Tensor, v: tf.Tensor) => tf.Tensor;
  return op(u, v) as tf.Scalar;
}

/**
 * Logits s(x_b, y_c) = -||x_b - y_c||^2 / (2 sigma^2), (B, B), as ONE matmul
 * of augmented rows, [-2x, |x|^2, 1] . [y, 1, |y|^2]: no broadcast add, whose
 * gradient (a reduction over axis 0) is very slow on wasm.
 */
function logitsOf(x: tf.Tensor2D, y: tf.Tensor2D, sigma: number): tf.Tensor2D {
  const b = x.shape[0];
  const ones = tf.ones([b, 1]);
  const ax = tf.concat([tf.mul(x, -2), tf.sum(tf.square(x), 1, true), ones], 1) as tf.Tensor2D;
  const ay = tf.concat([y, ones, tf.sum(tf.square(y), 1, true)], 1) as tf.Tensor2D;
  return tf.div(linear(ax, tf.transpose(ay)), -2 * sigma * sigma) as tf.Tensor2D;
}

function pairTensorOps(u: tf.Tensor2D, v: tf.Tensor2D, sigma: number): tf.Scalar {
  // Row-wise reductions only (the column direction uses the transposed
  // logits built by their own product): on wasm a reduction over axis 0
  // transposes first.
  const pos = tf.div(tf.sum(tf.square(tf.sub(u, v)), 1), -2 * sigma * sigma); // (B,)
  const rows = tf.mean(tf.sub(tf.logSumExp(logitsOf(u, v, sigma), 1), pos));
  const cols = tf.mean(tf.sub(tf.logSumExp(logitsOf(v, u, sigma), 1), pos));
  return tf.mul(tf.add(rows, cols), 0.5) as tf.Scalar;
}

function meanOverPairs(
  h: tf.Tensor2D,
  ctx: RegulariserContext,
  sigma: number,
  pair: (u: tf.Tensor2D, v: tf.Tensor2D, sigma: number) => tf.Scalar,
): tf.Scalar {
  if (!(sigma > 0)) throw new RangeError(`infoNceLoss: sigma must be positive, got ${sigma}`);
  return tf.tidy(() => {
    const views = splitViews(h, ctx);
    let total: tf.Tensor = tf.scalar(0);
    let pairs = 0;
    for (let i = 0; i < views.length; i++) {
      for (let j = i + 1; j < views.length; j++) {
        total = tf.add(total, pair(views[i], views[j], sigma));
        pairs++;
      }
    }
    return tf.div(total, pairs) as tf.Scalar;
  });
}

/**
 * The symmetric InfoNCE loss of the view-major stack h (V * B, N), V >= 2:
 * the fused float64 op on backends with synchronous reads (wasm, cpu,
 * tensorflow), {@link infoNceLossTensorOps} otherwise.
 *
 * @example
 * ```ts
 * import { infoNceLoss } from "./infonce.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.zeros([8, 3]) as tf.Tensor2D; // collapsed: log 4
 * const v = infoNceLoss(h, { step: 0, seed: 0, views: 2, batch: 4 }).dataSync()[0];
 * ```
 */
export function infoNceLoss(
  h: tf.Tensor2D,
  ctx: RegulariserContext,
  sigma = INFONCE_SIGMA,
): tf.Scalar {
  return meanOverPairs(h, ctx, sigma, readsSync() ? pairOp : pairTensorOps);
}

/**
 * The same symmetric InfoNCE loss as {@link infoNceLoss} built from tfjs ops
 * only and differentiated by tfjs (float32 on the device, no read-back): the
 * path for backends without synchronous reads, and a cross-check of the
 * fused op.
 *
 * @example
 * ```ts
 * import { infoNceLossTensorOps } from "./infonce.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.zeros([8, 3]) as tf.Tensor2D; // collapsed: log 4
 * const v = infoNceLossTensorOps(h, { step: 0, seed: 0, views: 2, batch: 4 }).dataSync()[0];
 * ```
 */
export function infoNceLossTensorOps(
  h: tf.Tensor2D,
  ctx: RegulariserContext,
  sigma = INFONCE_SIGMA,
): tf.Scalar {
  return meanOverPairs(h, ctx, sigma, pairTensorOps);
}

/**
 * The InfoNCE regulariser (name "infonce", sigma 1, lambda 1: InfoNCE alone).
 *
 * @example
 * ```ts
 * import { infoNce } from "./infonce.ts";
 * console.assert(infoNce.defaultLambda === 1);
 * ```
 */
export const infoNce: Regulariser = {
  name: "infonce",
  description: "InfoNCE with similarity -||u - v||^2 / 2 (sigma = 1); own alignment term",
  defaultLambda: 1,
  apply: (h, ctx) => infoNceLoss(h, ctx),
};
