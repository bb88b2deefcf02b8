/**
 * The project's seeded, splittable random number generator.
 *
 * Every random draw in jepa-bench goes through {@link Rng}. A generator is a
 * pure function of its key path (a seed plus any number of labels), so the
 * data of a seed is identical on every backend, in every process, and
 * independent of the order in which other streams are consumed.
 *
 * The core is xoshiro128** seeded through a splitmix32-style hash of the key
 * path; uniforms carry 53 bits; normals use Box–Muller in float64.
 *
 * @module
 */

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashKey(parts: readonly (string | number)[]): number[] {
  // Four independent 32-bit lanes hashed over the whole key path.
  const lanes = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x7f4a7c15];
  for (const part of parts) {
    const s = typeof part === "number" ? `#${part}` : `$${part}`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      for (let l = 0; l < 4; l++) {
        lanes[l] = mix32((lanes[l] ^ c) + Math.imul(l + 1, 0x27d4eb2d));
      }
    }
    for (let l = 0; l < 4; l++) lanes[l] = mix32(lanes[l] ^ 0x165667b1);
  }
  if ((lanes[0] | lanes[1] | lanes[2] | lanes[3]) === 0) lanes[0] = 1;
  return lanes;
}

/**
 * A seeded, splittable pseudo-random generator (xoshiro128**).
 *
 * @example
 * ```ts
 * import { Rng } from "./random.ts";
 * const rng = new Rng(1337).split("data");
 * const x = rng.normal();
 * const same = new Rng(1337).split("data").normal();
 * console.assert(x === same);
 * ```
 */
export class Rng {
  readonly #path: readonly (string | number)[];
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare: number | null = null;

  /** Create a generator from a seed and an optional key path. */
  constructor(seed: number | string, ...path: (string | number)[]) {
    if (typeof seed === "number" && !Number.isFinite(seed)) {
      throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    }
    this.#path = [seed, ...path];
    [this.#s0, this.#s1, this.#s2, this.#s3] = hashKey(this.#path);
  }

  /** The key path this generator was derived from. */
  get path(): readonly (string | number)[] {
    return this.#path;
  }

  /**
   * Derive an independent child generator; the same label always gives the
   * same child, whatever this generator has already drawn.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const a = new Rng(1).split("step", 7).uniform();
   * const b = new Rng(1).split("step", 7).uniform();
   * console.assert(a === b);
   * ```
   */
  split(...labels: (string | number)[]): Rng {
    const [seed, ...rest] = this.#path;
    return new Rng(seed, ...rest, ...labels);
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform float64 in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform float64 in (0, 1): never exactly zero. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(Number.isInteger(n) && n > 0)) {
      throw new RangeError(`Rng.int needs a positive integer, got ${n}`);
    }
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Box–Muller, float64). */
  normal(): number {
    if (this.#spare !== null) {
      const s = this.#spare;
      this.#spare = null;
      return s;
    }
    const u1 = this.uniformOpen();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.#spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /**
   * Fill (or allocate) an array with standard normal draws: the same values
   * as n calls of `normal()`, drawn in pairs with the generator state in a
   * local typed array (several times faster on large arrays).
   */
  normals(n: number, out: Float64Array = new Float64Array(n)): Float64Array {
    let i = 0;
    if (n > 0 && this.#spare !== null) {
      out[i++] = this.#spare;
      this.#spare = null;
    }
    const st = SCRATCH;
    st[0] = this.#s0;
    st[1] = this.#s1;
    st[2] = this.#s2;
    st[3] = this.#s3;
    for (; i + 1 < n; i += 2) {
      let u1 = uniformFrom(st);
      while (u1 === 0) u1 = uniformFrom(st);
      const u2 = uniformFrom(st);
      const r = Math.sqrt(-2 * Math.log(u1));
      const theta = 2 * Math.PI * u2;
      out[i] = r * Math.cos(theta);
      out[i + 1] = r * Math.sin(theta);
    }
    this.#s0 = st[0];
    this.#s1 = st[1];
    this.#s2 = st[2];
    this.#s3 = st[3];
    if (i < n) out[i] = this.normal();
    return out;
  }

  /**
   * Gamma(shape, 1) draw (Marsaglia–Tsang; shape < 1 by the u^(1/shape) boost).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const g = new Rng(3).gamma(0.5);
   * console.assert(g >= 0);
   * ```
   */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new RangeError(`gamma shape must be positive and finite, got ${shape}`);
    }
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      return g * Math.pow(this.uniformOpen(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Fisher–Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

/** Generator state for the bulk draws of `Rng.normals` (single-threaded, reused). */
const SCRATCH = new Uint32Array(4);

/** `Rng.nextU32` on a state held in `st`. */
function nextU32From(st: Uint32Array): number {
  const s1 = st[1];
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  st[2] ^= st[0];
  st[3] ^= s1;
  st[1] ^= st[2];
  st[0] ^= st[3];
  st[2] ^= t;
  st[3] = rotl(st[3], 11);
  return result;
}

/** `Rng.uniform` on a state held in `st`. */
function uniformFrom(st: Uint32Array): number {
  const hi = nextU32From(st) >>> 5;
  const lo = nextU32From(st) >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
