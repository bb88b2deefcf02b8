/**
 * Observation mixings `x = g(z)` of the identifiability world (SPEC section 2):
 * spiral, banana, sinusoid (2D) and additive coupling layers (any even dim).
 *
 * @module
 */

import type { Rng } from "../random.ts";
import { randomOrthogonal } from "../linalg/qr.ts";

/** A mixing `g`, applied row-wise to `n x dim` row-major latents. */
export interface Mixing {
  /** Mixing name (`"spiral"`, `"coupling"`, `"coupling^-1"`, ...). */
  name: string;
  /** Latent and observation dimension. */
  dim: number;
  /** Apply to `z (n x dim)`; returns a new array. */
  apply(z: Float64Array, n: number): Float64Array;
  /** Coupling only: the `dim/2 x dim/2` row-major layer matrices, in application order. */
  weights?: Float64Array[];
}

/** Names accepted by {@link makeMixing}. */
export type MixingName = "spiral" | "banana" | "sinusoid" | "coupling";

/** All mixing names, for case grids. */
export const MIXING_NAMES: readonly MixingName[] = ["spiral", "banana", "sinusoid", "coupling"];

function checkInput(name: string, z: Float64Array, n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0 || z.length !== n * dim) {
    throw new RangeError(`${name}: z has length ${z.length}, expected n * ${dim} with n = ${n}`);
  }
}

function mixing2D(
  name: string,
  f: (a: number, b: number, out: Float64Array, o: number) => void,
): Mixing {
  return {
    name,
    dim: 2,
    apply(z: Float64Array, n: number): Float64Array {
      checkInput(name, z, n, 2);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) f(z[2 * i], z[2 * i + 1], out, 2 * i);
      return out;
    },
  };
}

/** Spiral: rotate z counter-clockwise by the angle `pi * |z|`. */
const spiral = () =>
  mixing2D("spiral", (a, b, out, o) => {
    const t = Math.PI * Math.hypot(a, b);
    const c = Math.cos(t);
    const s = Math.sin(t);
    out[o] = c * a - s * b;
    out[o + 1] = s * a + c * b;
  });

/** Banana: `(z0, z1 + z0^2)`. */
const banana = () =>
  mixing2D("banana", (a, b, out, o) => {
    out[o] = a;
    out[o + 1] = b + a * a;
  });

/** Sinusoid: `(z0 + sin(1.5 z1), z1)`. */
const sinusoid = () =>
  mixing2D("sinusoid", (a, b, out, o) => {
    out[o] = a + Math.sin(1.5 * b);
    out[o + 1] = b;
  });

function couplingPass(
  ws: readonly Float64Array[],
  dim: number,
  z: Float64Array,
  n: number,
  inverse: boolean,
): Float64Array {
  const h = dim / 2;
  const x = Float64Array.from(z);
  const t = new Float64Array(h);
  const L = ws.length;
  for (let step = 0; step < L; step++) {
    const layer = inverse ? L - 1 - step : step;
    const w = ws[layer];
    const even = layer % 2 === 0;
    // even: second half += tanh(first @ W); odd: first half += tanh(second @ W).
    const src = even ? 0 : h;
    const dst = even ? h : 0;
    const sign = inverse ? -1 : 1;
    for (let i = 0; i < n; i++) {
      const r = i * dim;
      t.fill(0);
      for (let k = 0; k < h; k++) {
        const v = x[r + src + k];
        const wk = k * h;
        for (let j = 0; j < h; j++) t[j] += v * w[wk + j];
      }
      for (let j = 0; j < h; j++) x[r + dst + j] += sign * Math.tanh(t[j]);
    }
  }
  return x;
}

function checkWeights(ws: readonly Float64Array[], dim: number): void {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) {
    throw new RangeError(`coupling dim must be a positive even integer, got ${dim}`);
  }
  const h = dim / 2;
  ws.forEach((w, i) => {
    if (w.length !== h * h) {
      throw new RangeError(`coupling weight ${i} has length ${w.length}, expected ${h} x ${h}`);
    }
  });
}

/**
 * A coupling mixing with given layer matrices (`dim/2 x dim/2`, row-major):
 * layer i even: second half += tanh(first half @ W_i); odd: first half +=
 * tanh(second half @ W_i).
 *
 * @example
 * ```ts
 * import { couplingFromWeights } from "./mixings.ts";
 * const g = couplingFromWeights([new Float64Array([1])], 2);
 * const x = g.apply(new Float64Array([0.5, 0]), 1);
 * console.assert(Math.abs(x[1] - Math.tanh(0.5)) < 1e-15);
 * ```
 */
export function couplingFromWeights(ws: readonly Float64Array[], dim: number): Mixing {
  checkWeights(ws, dim);
  const weights = ws.map((w) => Float64Array.from(w));
  return {
    name: "coupling",
    dim,
    weights,
    apply(z: Float64Array, n: number): Float64Array {
      checkInput("coupling", z, n, dim);
      return couplingPass(weights, dim, z, n, false);
    },
  };
}

/**
 * The exact inverse of a coupling mixing: layers in reverse order, subtracting.
 *
 * @throws {TypeError} if `mixing` has no coupling weights.
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { invertCoupling, makeMixing } from "./mixings.ts";
 * const g = makeMixing("coupling", 4, new Rng(0));
 * const z = new Float64Array([0.1, -0.2, 0.3, 0.4]);
 * const back = invertCoupling(g).apply(g.apply(z, 1), 1);
 * console.assert(Math.abs(back[2] - 0.3) < 1e-12);
 * ```
 */
export function invertCoupling(mixing: Mixing): Mixing {
  const ws = mixing.weights;
  if (!ws) throw new TypeError(`invertCoupling needs a coupling mixing, got "${mixing.name}"`);
  const dim = mixing.dim;
  checkWeights(ws, dim);
  const weights = ws.map((w) => Float64Array.from(w));
  return {
    name: `${mixing.name}^-1`,
    dim,
    apply(x: Float64Array, n: number): Float64Array {
      checkInput(`${mixing.name}^-1`, x, n, dim);
      return couplingPass(weights, dim, x, n, true);
    },
  };
}

/**
 * Build a mixing. spiral, banana and sinusoid are 2D only; coupling takes any
 * even `dim`, with `opts.layers` layers (default 8 for dim 2, else 4), layer i
 * using `W_i = 2 * randomOrthogonal(dim/2, rng.split("coupling", i))`.
 *
 * @throws {RangeError} on an unknown name, a wrong dim or a bad layer count.
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { makeMixing } from "./mixings.ts";
 * const g = makeMixing("banana", 2, new Rng(0));
 * console.assert(g.apply(new Float64Array([2, 1]), 1)[1] === 5);
 * ```
 */
export function makeMixing(
  name: MixingName,
  dim: number,
  rng: Rng,
  opts: { layers?: number } = {},
): Mixing {
  if (name === "spiral" || name === "banana" || name === "sinusoid") {
    if (dim !== 2) throw new RangeError(`mixing "${name}" is 2D only, got dim ${dim}`);
    return name === "spiral" ? spiral() : name === "banana" ? banana() : sinusoid();
  }
  if (name !== "coupling") {
    throw new RangeError(
      `mixing must be one of ${MIXING_NAMES.join(", ")}, got ${JSON.stringify(name)}`,
    );
  }
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) {
    throw new RangeError(`coupling dim must be a positive even integer, got ${dim}`);
  }
  const layers = opts.layers ?? (dim === 2 ? 8 : 4);
  if (!Number.isInteger(layers) || layers < 1) {
    throw new RangeError(`coupling layers must be a positive integer, got ${layers}`);
  }
  const ws: Float64Array[] = [];
  for (let i = 0; i < layers; i++) {
    const q = randomOrthogonal(dim / 2, rng.split("coupling", i));
    for (let j = 0; j < q.length; j++) q[j] *= 2;
    ws.push(q);
  }
  return couplingFromWeights(ws, dim);
}
