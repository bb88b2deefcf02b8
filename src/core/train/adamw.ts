/**
 * AdamW (decoupled weight decay, Loshchilov & Hutter), as PyTorch's
 * torch.optim.AdamW: p <- p (1 - lr wd); m, v moments; p <- p - lr m_hat /
 * (sqrt(v_hat) + eps).
 *
 * @module
 */
import { tf } from "../engine/backend.ts";

/**
 * AdamW hyper-parameters (PyTorch defaults when left out).
 *
 * @example
 * ```ts
 * import type { AdamWOptions } from "./adamw.ts";
 * const opts: AdamWOptions = { weightDecay: 0.01 };
 * ```
 */
export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay (PyTorch default 0.01). */
  weightDecay?: number;
}

/**
 * AdamW over a fixed list of variables; moments live on the backend, as one
 * flat vector over all parameters.
 *
 * @example
 * ```ts
 * import { AdamW } from "./adamw.ts";
 * import { tf } from "../engine/backend.ts";
 * const p = tf.variable(tf.scalar(1));
 * const opt = new AdamW([p], { weightDecay: 0 });
 * opt.step([tf.scalar(2)], 0.1); // p = 0.9
 * opt.dispose();
 * ```
 */
export class AdamW {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  #params: tf.Variable[];
  /** First and second moments of all parameters, flattened and concatenated. */
  #m: tf.Variable;
  #v: tf.Variable;
  #sizes: number[];
  #t = 0;

  constructor(params: tf.Variable[], options: AdamWOptions = {}) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    for (const [k, v] of Object.entries({ beta1: this.beta1, beta2: this.beta2 })) {
      if (!(v >= 0 && v < 1)) throw new RangeError(`AdamW: ${k} must lie in [0, 1), got ${v}`);
    }
    if (!(this.eps > 0)) throw new RangeError(`AdamW: eps must be positive, got ${this.eps}`);
    if (!(this.weightDecay >= 0)) {
      throw new RangeError(`AdamW: weightDecay must be >= 0, got ${this.weightDecay}`);
    }
    this.#params = params;
    this.#sizes = params.map((x) => x.size);
    const total = this.#sizes.reduce((a, b) => a + b, 0);
    this.#m = zeroVariable(total);
    this.#v = zeroVariable(total);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.#t;
  }

  /** Apply one update with gradients in the parameters' order, at learning rate lr. */
  step(grads: tf.Tensor[], lr: number): void {
    if (grads.length !== this.#params.length) {
      throw new RangeError(
        `AdamW.step: got ${grads.length} gradients for ${this.#params.length} params`,
      );
    }
    grads.forEach((x, i) => {
      if (x.size !== this.#sizes[i]) {
        throw new RangeError(
          `AdamW.step: gradient ${i} has ${x.size} values, its parameter ${this.#sizes[i]}`,
        );
      }
    });
    this.#t += 1;
    if (this.#params.length === 0) return;
    const t = this.#t;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const bc1 = 1 - Math.pow(b1, t);
    const bc2 = 1 - Math.pow(b2, t);
    // p - (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps), with the constants folded:
    // p - m (lr sqrt(bc2) / bc1) / (sqrt(v) + eps sqrt(bc2)), one op fewer.
    const sqrtBc2 = Math.sqrt(bc2);
    const stepScale = lr * sqrtBc2 / bc1;
    const epsScaled = this.eps * sqrtBc2;
    const decay = 1 - lr * this.weightDecay;
    tf.tidy(() => {
      // One flat vector for all parameters: the update is elementwise, so
      // this is the same arithmetic in 13 ops per step instead of 13 per
      // parameter (most of a small model's optimiser time was op overhead).
      const g = this.#params.length === 1
        ? tf.reshape(grads[0], [-1])
        : tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      const p = this.#params.length === 1
        ? tf.reshape(this.#params[0], [-1])
        : tf.concat(this.#params.map((x) => tf.reshape(x, [-1])));
      const m = tf.add(tf.mul(this.#m, b1), tf.mul(g, 1 - b1));
      const v = tf.add(tf.mul(this.#v, b2), tf.mul(tf.square(g), 1 - b2));
      const denom = tf.add(tf.sqrt(v), epsScaled);
      const next = tf.sub(tf.mul(p, decay), tf.div(tf.mul(m, stepScale), denom));
      this.#m.assign(m);
      this.#v.assign(v);
      const parts = this.#params.length === 1 ? [next] : tf.split(next, this.#sizes);
      this.#params.forEach((x, i) => x.assign(tf.reshape(parts[i], x.shape)));
    });
  }

  /** Free the moment buffers (not the parameters). */
  dispose(): void {
    this.#m.dispose();
    this.#v.dispose();
  }
}

function zeroVariable(size: number): tf.Variable {
  const z = tf.zeros([size]);
  const v = tf.variable(z, false);
  z.dispose();
  return v;
}
