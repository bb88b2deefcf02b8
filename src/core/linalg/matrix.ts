/**
 * Small dense float64 matrix helpers on row-major `Float64Array`s with
 * explicit shapes (the project's convention: `n x dim`, row-major).
 *
 * @module
 */

function checkShape(name: string, a: Float64Array, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`${name} shape must be non-negative integers, got ${rows} x ${cols}`);
  }
  if (a.length !== rows * cols) {
    throw new RangeError(`${name} has length ${a.length}, expected ${rows} x ${cols}`);
  }
}

/**
 * Matrix product `a (m x k) @ b (k x n)`, row-major.
 *
 * @example
 * ```ts
 * import { matmul } from "./matrix.ts";
 * const c = matmul(new Float64Array([1, 2]), new Float64Array([3, 4]), 1, 2, 1);
 * console.assert(c[0] === 11);
 * ```
 */
export function matmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  checkShape("a", a, m, k);
  checkShape("b", b, k, n);
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
  return c;
}

/**
 * Transpose of an `m x n` row-major matrix.
 *
 * @example
 * ```ts
 * import { transpose } from "./matrix.ts";
 * console.assert(transpose(new Float64Array([1, 2]), 1, 2)[1] === 2);
 * ```
 */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  checkShape("a", a, m, n);
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
  return t;
}

/**
 * c += a^T b over rows in blocks of 8 (each pass over c then carries 8 rows,
 * which keeps large outputs from being memory-bound); with `upper`, only
 * entries q >= p (a = b, a Gram matrix).
 */
function accumulateCross(
  a: Float64Array,
  b: Float64Array,
  n: number,
  da: number,
  db: number,
  c: Float64Array,
  upper: boolean,
): void {
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const a0 = i * da;
    const b0 = i * db;
    for (let p = 0; p < da; p++) {
      const v0 = a[a0 + p];
      const v1 = a[a0 + da + p];
      const v2 = a[a0 + 2 * da + p];
      const v3 = a[a0 + 3 * da + p];
      const v4 = a[a0 + 4 * da + p];
      const v5 = a[a0 + 5 * da + p];
      const v6 = a[a0 + 6 * da + p];
      const v7 = a[a0 + 7 * da + p];
      const cp = p * db;
      for (let q = upper ? p : 0; q < db; q++) {
        const o = b0 + q;
        c[cp + q] += v0 * b[o] + v1 * b[o + db] + v2 * b[o + 2 * db] + v3 * b[o + 3 * db] +
          v4 * b[o + 4 * db] + v5 * b[o + 5 * db] + v6 * b[o + 6 * db] + v7 * b[o + 7 * db];
      }
    }
  }
  for (; i < n; i++) {
    const ai = i * da;
    const bi = i * db;
    for (let p = 0; p < da; p++) {
      const v = a[ai + p];
      if (v === 0) continue;
      const cp = p * db;
      for (let q = upper ? p : 0; q < db; q++) c[cp + q] += v * b[bi + q];
    }
  }
}

/**
 * Cross product `a^T b` of `a (n x da)` and `b (n x db)`: a `da x db` matrix.
 *
 * @example
 * ```ts
 * import { crossProduct } from "./matrix.ts";
 * const g = crossProduct(new Float64Array([1, 2]), new Float64Array([3, 4]), 2, 1, 1);
 * console.assert(g[0] === 11);
 * ```
 */
export function crossProduct(
  a: Float64Array,
  b: Float64Array,
  n: number,
  da: number,
  db: number,
): Float64Array {
  checkShape("a", a, n, da);
  checkShape("b", b, n, db);
  const c = new Float64Array(da * db);
  accumulateCross(a, b, n, da, db, c, false);
  return c;
}

/**
 * Gram matrix `a^T a` of `a (n x d)`: `d x d`, symmetric (half the work of
 * {@link crossProduct}).
 *
 * @example
 * ```ts
 * import { gram } from "./matrix.ts";
 * const g = gram(new Float64Array([1, 2, 3, 4]), 2, 2);
 * console.assert(g[0] === 10 && g[1] === 14 && g[2] === 14 && g[3] === 20);
 * ```
 */
export function gram(a: Float64Array, n: number, d: number): Float64Array {
  checkShape("a", a, n, d);
  const c = new Float64Array(d * d);
  accumulateCross(a, a, n, d, d, c, true);
  for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) c[q * d + p] = c[p * d + q];
  return c;
}

/**
 * Column means of an `n x d` matrix.
 *
 * @example
 * ```ts
 * import { columnMeans } from "./matrix.ts";
 * console.assert(columnMeans(new Float64Array([1, 3]), 2, 1)[0] === 2);
 * ```
 */
export function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  checkShape("x", x, n, d);
  const m = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) m[j] += x[i * d + j];
  for (let j = 0; j < d; j++) m[j] /= n;
  return m;
}

/**
 * A copy of `x (n x d)` with its column means subtracted.
 *
 * @example
 * ```ts
 * import { centerColumns } from "./matrix.ts";
 * const c = centerColumns(new Float64Array([1, 3]), 2, 1);
 * console.assert(c[0] === -1 && c[1] === 1);
 * ```
 */
export function centerColumns(x: Float64Array, n: number, d: number): Float64Array {
  const m = columnMeans(x, n, d);
  const c = new Float64Array(x.length);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) c[i * d + j] = x[i * d + j] - m[j];
  return c;
}

/**
 * Like {@link centerColumns}, but a column whose centred norm is at rounding
 * level of its raw norm (`<= 8 n eps ||x_j||`, i.e. a constant column up to
 * the error of its mean) becomes exactly zero, so constant (collapsed)
 * columns carry no spurious variance.
 *
 * @example
 * ```ts
 * import { centerColumnsSnapped } from "./matrix.ts";
 * const c = centerColumnsSnapped(new Float64Array(3).fill(0.1), 3, 1);
 * console.assert(c.every((v) => v === 0));
 * ```
 */
export function centerColumnsSnapped(x: Float64Array, n: number, d: number): Float64Array {
  const c = centerColumns(x, n, d);
  const eps = 2.220446049250313e-16;
  for (let j = 0; j < d; j++) {
    let raw = 0;
    let cen = 0;
    for (let i = 0; i < n; i++) {
      raw += x[i * d + j] * x[i * d + j];
      cen += c[i * d + j] * c[i * d + j];
    }
    if (Math.sqrt(cen) <= 8 * n * eps * Math.sqrt(raw)) {
      for (let i = 0; i < n; i++) c[i * d + j] = 0;
    }
  }
  return c;
}

/**
 * The `d x d` identity matrix.
 *
 * @example
 * ```ts
 * import { identity } from "./matrix.ts";
 * console.assert(identity(2)[3] === 1);
 * ```
 */
export function identity(d: number): Float64Array {
  const e = new Float64Array(d * d);
  for (let i = 0; i < d; i++) e[i * d + i] = 1;
  return e;
}

/**
 * Frobenius norm of any matrix (the 2-norm of its entries), overflow-safe.
 *
 * @example
 * ```ts
 * import { frobeniusNorm } from "./matrix.ts";
 * console.assert(frobeniusNorm(new Float64Array([3, 4])) === 5);
 * ```
 */
export function frobeniusNorm(a: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}
