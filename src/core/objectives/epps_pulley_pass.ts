/**
 * The plain-JS pass of SIGReg's fast op: per-slice Epps–Pulley statistics of
 * projections (M x K) on the 17-knot quadrature, and their gradient.
 *
 * Both loops run slice-major (slice outer, sample inner) with the slice's
 * per-knot accumulators or coefficients in a 17-entry array that stays in L1,
 * and get cos(t_j y), sin(t_j y) for t_j = j dt from cos(dt y), sin(dt y)
 * (computed once, by a fast polynomial, and kept for the backward pass) as
 * the powers of e^(i dt y) by a product tree of depth 5 (z_2j = z_j^2,
 * z_2j+1 = z_2j z_1) instead of a chain of 15 dependent products, so the
 * multiplications overlap.
 *
 * @module
 */

/**
 * Number of quadrature knots on [0, SIGREG_T_MAX].
 *
 * @example
 * ```ts
 * import { SIGREG_KNOTS } from "./epps_pulley_pass.ts";
 * console.assert(SIGREG_KNOTS === 17);
 * ```
 */
export const SIGREG_KNOTS = 17;
/**
 * Upper end of the quadrature interval.
 *
 * @example
 * ```ts
 * import { SIGREG_T_MAX } from "./epps_pulley_pass.ts";
 * console.assert(SIGREG_T_MAX === 3);
 * ```
 */
export const SIGREG_T_MAX = 3;

const J = SIGREG_KNOTS;
const DT = SIGREG_T_MAX / (J - 1);
/** t_j, exp(-t_j^2/2) and the trapezoid-times-weight W_j. */
const KNOT_T = new Float64Array(J);
const KNOT_TARGET = new Float64Array(J);
const KNOT_W = new Float64Array(J);
for (let j = 0; j < J; j++) {
  const t = j * DT;
  KNOT_T[j] = t;
  KNOT_TARGET[j] = Math.exp(-t * t / 2);
  const trap = j === 0 || j === J - 1 ? DT : 2 * DT;
  KNOT_W[j] = trap * Math.exp(-t * t / 2);
}

/**
 * The quadrature: knots t_j, targets exp(-t_j^2/2), weights W_j (fresh copies).
 *
 * @example
 * ```ts
 * import { knotTables } from "./epps_pulley_pass.ts";
 * const { t, target, weights } = knotTables(); // 17 knots on [0, 3]
 * ```
 */
export function knotTables(): { t: Float64Array; target: Float64Array; weights: Float64Array } {
  return { t: KNOT_T.slice(), target: KNOT_TARGET.slice(), weights: KNOT_W.slice() };
}

// Cody–Waite split of pi/2 and Taylor coefficients: sinCosInto is accurate to
// about 2e-16 absolute, about twice as fast as Math.cos + Math.sin.
const HALF_PI_HI = 1.5707963267341256;
const HALF_PI_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;

/** cos and sin of th into cosOut[i], sinOut[i]. */
function sinCosInto(th: number, cosOut: Float64Array, sinOut: Float64Array, i: number): void {
  const q = Math.round(th * TWO_OVER_PI);
  const r = (th - q * HALF_PI_HI) - q * HALF_PI_LO;
  const r2 = r * r;
  const sn = r * (1 + r2 * (-1 / 6 + r2 * (1 / 120 + r2 * (-1 / 5040 + r2 * (1 / 362880 +
                    r2 * (-1 / 39916800 + r2 * (1 / 6227020800 + r2 * (-1 / 1307674368000))))))));
  const cs = 1 + r2 * (-0.5 + r2 * (1 / 24 + r2 * (-1 / 720 + r2 * (1 / 40320 + r2 * (-1 / 3628800 +
                        r2 * (1 / 479001600 + r2 * (-1 / 87178291200 + r2 / 20922789888000)))))));
  switch (q & 3) {
    case 0:
      cosOut[i] = cs;
      sinOut[i] = sn;
      break;
    case 1:
      cosOut[i] = -sn;
      sinOut[i] = cs;
      break;
    case 2:
      cosOut[i] = -cs;
      sinOut[i] = -sn;
      break;
    default:
      cosOut[i] = sn;
      sinOut[i] = -cs;
  }
}

/**
 * What the forward pass keeps for the gradient: per-slice statistics, the
 * mean characteristic function parts (K x J, knot 0 unused) and the base
 * angles cos(dt y), sin(dt y) slice-major (K x M).
 *
 * @example
 * ```ts
 * import { eppsPulleyForward, type EppsPulleyPass } from "./epps_pulley_pass.ts";
 * const pass: EppsPulleyPass = eppsPulleyForward(new Float32Array([0.5, -0.5]), 2, 1);
 * ```
 */
export interface EppsPulleyPass {
  m: number;
  k: number;
  perSlice: Float64Array;
  cosMean: Float64Array;
  sinMean: Float64Array;
  cos1: Float64Array;
  sin1: Float64Array;
}

/**
 * Per-slice Epps–Pulley statistics M sum_j W_j |phi_k(t_j) - e^(-t_j^2/2)|^2
 * of projections y (M x K row-major), phi_k the empirical characteristic
 * function of column k.
 *
 * @example
 * ```ts
 * import { eppsPulleyForward } from "./epps_pulley_pass.ts";
 * const { perSlice } = eppsPulleyForward(new Float32Array([0.5, -0.5]), 2, 1);
 * console.assert(perSlice.length === 1 && perSlice[0] > 0);
 * ```
 */
export function eppsPulleyForward(y: ArrayLike<number>, m: number, k: number): EppsPulleyPass {
  if (y.length !== m * k) {
    throw new RangeError(`eppsPulleyForward: y has ${y.length} values, expected M*K = ${m * k}`);
  }
  const pass = emptyPass(m, k, (n) => new Float64Array(n));
  forwardSlices(y, pass, 0, k);
  return pass;
}

/**
 * A pass with zeroed tables of the right sizes, allocated by `alloc` (plain or
 * shared memory), for {@link forwardSlices} to fill.
 *
 * @example
 * ```ts
 * import { emptyPass } from "./epps_pulley_pass.ts";
 * const pass = emptyPass(3, 2, (n) => new Float64Array(n));
 * ```
 */
export function emptyPass(
  m: number,
  k: number,
  alloc: (length: number) => Float64Array,
): EppsPulleyPass {
  return {
    m,
    k,
    perSlice: alloc(k),
    cosMean: alloc(k * J),
    sinMean: alloc(k * J),
    cos1: alloc(m * k),
    sin1: alloc(m * k),
  };
}

/**
 * The forward pass for slices from <= s < to only, into `pass`'s tables: each
 * slice's numbers depend on its own column of y alone, so any split of the
 * slices gives the same tables as one pass over all of them.
 *
 * @example
 * ```ts
 * import { emptyPass, forwardSlices } from "./epps_pulley_pass.ts";
 * const y = new Float32Array([0.5, -0.5]);
 * const pass = emptyPass(2, 1, (n) => new Float64Array(n));
 * forwardSlices(y, pass, 0, 1);
 * ```
 */
export function forwardSlices(
  y: ArrayLike<number>,
  pass: EppsPulleyPass,
  from: number,
  to: number,
): void {
  const { m, k, perSlice, cosMean, sinMean, cos1, sin1 } = pass;
  for (let s = from; s < to; s++) {
    const o = s * m;
    for (let r = 0; r < m; r++) sinCosInto(DT * y[r * k + s], cos1, sin1, o + r);
  }
  const ac = new Float64Array(J);
  const as = new Float64Array(J);
  for (let s = from; s < to; s++) {
    ac.fill(0);
    as.fill(0);
    const o = s * m;
    for (let r = 0; r < m; r++) {
      const c1 = cos1[o + r];
      const s1 = sin1[o + r];
      // Powers of e^(i dt y) by a product tree (see the module doc).
      const c2 = c1 * c1 - s1 * s1, s2 = 2 * (s1 * c1);
      const c3 = c2 * c1 - s2 * s1, s3 = s2 * c1 + c2 * s1;
      const c4 = c2 * c2 - s2 * s2, s4 = 2 * (s2 * c2);
      const c5 = c4 * c1 - s4 * s1, s5 = s4 * c1 + c4 * s1;
      const c6 = c3 * c3 - s3 * s3, s6 = 2 * (s3 * c3);
      const c7 = c4 * c3 - s4 * s3, s7 = s4 * c3 + c4 * s3;
      const c8 = c4 * c4 - s4 * s4, s8 = 2 * (s4 * c4);
      const c9 = c8 * c1 - s8 * s1, s9 = s8 * c1 + c8 * s1;
      const c10 = c5 * c5 - s5 * s5, s10 = 2 * (s5 * c5);
      const c11 = c10 * c1 - s10 * s1, s11 = s10 * c1 + c10 * s1;
      const c12 = c6 * c6 - s6 * s6, s12 = 2 * (s6 * c6);
      const c13 = c12 * c1 - s12 * s1, s13 = s12 * c1 + c12 * s1;
      const c14 = c7 * c7 - s7 * s7, s14 = 2 * (s7 * c7);
      const c15 = c14 * c1 - s14 * s1, s15 = s14 * c1 + c14 * s1;
      const c16 = c8 * c8 - s8 * s8, s16 = 2 * (s8 * c8);
      ac[1] += c1, as[1] += s1, ac[2] += c2, as[2] += s2, ac[3] += c3, as[3] += s3;
      ac[4] += c4, as[4] += s4, ac[5] += c5, as[5] += s5, ac[6] += c6, as[6] += s6;
      ac[7] += c7, as[7] += s7, ac[8] += c8, as[8] += s8, ac[9] += c9, as[9] += s9;
      ac[10] += c10, as[10] += s10, ac[11] += c11, as[11] += s11, ac[12] += c12, as[12] += s12;
      ac[13] += c13, as[13] += s13, ac[14] += c14, as[14] += s14, ac[15] += c15, as[15] += s15;
      ac[16] += c16, as[16] += s16;
    }
    let acc = 0;
    for (let j = 1; j < J; j++) {
      const cm = ac[j] / m;
      const sm = as[j] / m;
      cosMean[s * J + j] = cm;
      sinMean[s * J + j] = sm;
      const d = cm - KNOT_TARGET[j];
      acc += KNOT_W[j] * (d * d + sm * sm);
    }
    perSlice[s] = m * acc;
  }
}

/**
 * d mean_k EP_k / d y (M x K row-major, float32), from the forward pass:
 * dEP_k/dy = sum_j 2 W_j t_j [sinMean_kj cos(t_j y) - (cosMean_kj - e_j) sin(t_j y)].
 *
 * @example
 * ```ts
 * import { eppsPulleyForward, eppsPulleyGradY } from "./epps_pulley_pass.ts";
 * const g = eppsPulleyGradY(eppsPulleyForward(new Float32Array([0.5, -0.5]), 2, 1));
 * console.assert(g.length === 2);
 * ```
 */
export function eppsPulleyGradY(pass: EppsPulleyPass): Float32Array {
  const g = new Float32Array(pass.m * pass.k);
  gradSlices(pass, 0, pass.k, g);
  return g;
}

/**
 * The gradient's columns from <= s < to only, into g (M x K row-major): as
 * with {@link forwardSlices}, any split of the slices gives the same values.
 *
 * @example
 * ```ts
 * import { eppsPulleyForward, gradSlices } from "./epps_pulley_pass.ts";
 * const pass = eppsPulleyForward(new Float32Array([0.5, -0.5]), 2, 1);
 * const g = new Float32Array(2);
 * gradSlices(pass, 0, 1, g);
 * ```
 */
export function gradSlices(pass: EppsPulleyPass, from: number, to: number, g: Float32Array): void {
  const { m, k, cos1, sin1, cosMean, sinMean } = pass;
  const a = new Float64Array(J); // coefficient of sin(t_j y)
  const b = new Float64Array(J); // coefficient of cos(t_j y)
  for (let s = from; s < to; s++) {
    for (let j = 1; j < J; j++) {
      const f = 2 * KNOT_W[j] * KNOT_T[j] / k;
      a[j] = -f * (cosMean[s * J + j] - KNOT_TARGET[j]);
      b[j] = f * sinMean[s * J + j];
    }
    const o = s * m;
    for (let r = 0; r < m; r++) {
      const c1 = cos1[o + r];
      const s1 = sin1[o + r];
      const c2 = c1 * c1 - s1 * s1, s2 = 2 * (s1 * c1);
      const c3 = c2 * c1 - s2 * s1, s3 = s2 * c1 + c2 * s1;
      const c4 = c2 * c2 - s2 * s2, s4 = 2 * (s2 * c2);
      const c5 = c4 * c1 - s4 * s1, s5 = s4 * c1 + c4 * s1;
      const c6 = c3 * c3 - s3 * s3, s6 = 2 * (s3 * c3);
      const c7 = c4 * c3 - s4 * s3, s7 = s4 * c3 + c4 * s3;
      const c8 = c4 * c4 - s4 * s4, s8 = 2 * (s4 * c4);
      const c9 = c8 * c1 - s8 * s1, s9 = s8 * c1 + c8 * s1;
      const c10 = c5 * c5 - s5 * s5, s10 = 2 * (s5 * c5);
      const c11 = c10 * c1 - s10 * s1, s11 = s10 * c1 + c10 * s1;
      const c12 = c6 * c6 - s6 * s6, s12 = 2 * (s6 * c6);
      const c13 = c12 * c1 - s12 * s1, s13 = s12 * c1 + c12 * s1;
      const c14 = c7 * c7 - s7 * s7, s14 = 2 * (s7 * c7);
      const c15 = c14 * c1 - s14 * s1, s15 = s14 * c1 + c14 * s1;
      const c16 = c8 * c8 - s8 * s8, s16 = 2 * (s8 * c8);
      // Four independent partial sums, so the additions overlap too.
      const g1 = a[1] * s1 + b[1] * c1 + a[2] * s2 + b[2] * c2 + a[3] * s3 + b[3] * c3 +
        a[4] * s4 + b[4] * c4;
      const g2 = a[5] * s5 + b[5] * c5 + a[6] * s6 + b[6] * c6 + a[7] * s7 + b[7] * c7 +
        a[8] * s8 + b[8] * c8;
      const g3 = a[9] * s9 + b[9] * c9 + a[10] * s10 + b[10] * c10 + a[11] * s11 + b[11] * c11 +
        a[12] * s12 + b[12] * c12;
      const g4 = a[13] * s13 + b[13] * c13 + a[14] * s14 + b[14] * c14 + a[15] * s15 +
        b[15] * c15 + a[16] * s16 + b[16] * c16;
      g[r * k + s] = (g1 + g2) + (g3 + g4);
    }
  }
}
