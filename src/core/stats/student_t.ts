/**
 * Student's t distribution: the regularized incomplete beta function, the t
 * CDF and the t quantile (any real degrees of freedom > 0, so Welch's
 * fractional degrees of freedom work too).
 *
 * @module
 */
import { logGamma } from "../world/laws.ts";
import { normalQuantile } from "../objectives/normal.ts";

/** Continued fraction of the incomplete beta (modified Lentz, Numerical Recipes 6.4). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1].
 *
 * @example
 * ```ts
 * import { incompleteBeta } from "./student_t.ts";
 * console.assert(Math.abs(incompleteBeta(0.5, 2, 2) - 0.5) < 1e-12);
 * ```
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`incompleteBeta needs a, b > 0 and finite, got a = ${a}, b = ${b}`);
  }
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incompleteBeta needs x in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

function checkDf(df: number, what: string): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`${what} needs degrees of freedom > 0 and finite, got ${df}`);
  }
}

/**
 * CDF of Student's t with `df` degrees of freedom at `t`.
 *
 * @example
 * ```ts
 * import { studentTCdf } from "./student_t.ts";
 * console.assert(Math.abs(studentTCdf(12.7062047, 1) - 0.975) < 1e-9);
 * ```
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, "studentTCdf");
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5); // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

function studentTPdf(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile of Student's t: the `t` with `P(T <= t) = p`, for p in (0, 1) and
 * real `df > 0`. Exact closed forms for df = 1 and 2; otherwise Newton's
 * method on {@link studentTCdf}, kept inside a bracket (bisection when a step
 * leaves it), to about 1e-12 relative.
 *
 * @example
 * ```ts
 * import { studentTQuantile } from "./student_t.ts";
 * console.assert(Math.abs(studentTQuantile(0.975, 4) - 2.7764451) < 1e-6);
 * ```
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, "studentTQuantile");
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs p in (0, 1), got ${p}`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // For df >= 1 the quantile lies between the normal's and the Cauchy's; for df < 1 grow a bracket.
  let lo = normalQuantile(p);
  let hi = df >= 1 ? Math.tan(Math.PI * (p - 0.5)) : Math.max(1, 2 * lo);
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  // Start from the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5), clamped to the bracket.
  const z = normalQuantile(p);
  const z2 = z * z;
  let t = z + (z * (z2 + 1)) / (4 * df) + (z * ((5 * z2 + 16) * z2 + 3)) / (96 * df * df);
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const f = studentTCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-13 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}
