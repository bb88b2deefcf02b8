/**
 * Statistics of the generalization suite's curves: Spearman rank correlation,
 * the power-law fit of the sample error, and the U-shape test of regret in k.
 *
 * @module
 */

/** Average ranks (ties share the mean rank). */
function ranks(x: number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let t = i; t <= j; t++) r[order[t][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/**
 * Spearman rank correlation (NaN when either side is constant).
 *
 * @example
 * ```ts
 * import { spearman } from "./generalization_stats.ts";
 * console.assert(spearman([1, 2, 3], [10, 20, 30]) === 1);
 * ```
 */
export function spearman(a: number[], b: number[]): number {
  if (a.length !== b.length) {
    throw new RangeError(`spearman needs equal lengths, got ${a.length} and ${b.length}`);
  }
  const ra = ranks(a);
  const rb = ranks(b);
  const ma = ra.reduce((s, v) => s + v, 0) / ra.length;
  const mb = rb.reduce((s, v) => s + v, 0) / rb.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * Least-squares fit `log y = c + a log k + b log n`; returns [a, b]
 * (NaN when the design is degenerate).
 *
 * @example
 * ```ts
 * import { fitExponents } from "./generalization_stats.ts";
 * const pts = [[1, 10], [2, 10], [1, 100], [4, 1000]].map(([k, n]) => ({ k, n, y: k / n }));
 * const [a, b] = fitExponents(pts);
 * console.assert(Math.abs(a - 1) < 1e-9 && Math.abs(b + 1) < 1e-9);
 * ```
 */
export function fitExponents(points: { k: number; n: number; y: number }[]): [number, number] {
  const rows = points.filter((p) => p.y > 0 && p.k > 0 && p.n > 0);
  // Normal equations of a 3-parameter linear model.
  const X = rows.map((p) => [1, Math.log(p.k), Math.log(p.n)]);
  const y = rows.map((p) => Math.log(p.y));
  const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const b = [0, 0, 0];
  X.forEach((x, i) => {
    for (let r = 0; r < 3; r++) {
      b[r] += x[r] * y[i];
      for (let c = 0; c < 3; c++) A[r][c] += x[r] * x[c];
    }
  });
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (!(Math.abs(A[piv][c]) > 1e-12)) return [NaN, NaN];
    [A[c], A[piv]] = [A[piv], A[c]];
    [b[c], b[piv]] = [b[piv], b[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = A[r][c] / A[c][c];
      for (let t = c; t < 3; t++) A[r][t] -= f * A[c][t];
      b[r] -= f * b[c];
    }
  }
  const beta = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = b[r];
    for (let t = r + 1; t < 3; t++) s -= A[r][t] * beta[t];
    beta[r] = s / A[r][r];
  }
  return [beta[1], beta[2]];
}

/**
 * Whether regret over k (ascending) is U-shaped: its minimum is strictly
 * inside the k grid and both ends exceed it by at least 50 % and by at least
 * `absMargin`.
 *
 * @example
 * ```ts
 * import { isUShaped } from "./generalization_stats.ts";
 * console.assert(isUShaped([0.6, 0.1, 0.02, 0.05], 0.01));
 * console.assert(!isUShaped([0.6, 0.1, 0.02, 0.021], 0.01));
 * ```
 */
export function isUShaped(regret: number[], absMargin: number): boolean {
  if (regret.length < 3) return false;
  let arg = 0;
  for (let i = 1; i < regret.length; i++) if (regret[i] < regret[arg]) arg = i;
  const min = regret[arg];
  const ends = [regret[0], regret[regret.length - 1]];
  return arg > 0 && arg < regret.length - 1 &&
    ends.every((e) => e >= 1.5 * min && e - min >= absMargin);
}
