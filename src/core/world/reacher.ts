/**
 * The pixel observation of SPEC section 2: a two-link arm (reacher) drawn from
 * its two joint angles into a `size x size` grayscale image.
 *
 * Geometry (this project's choice; the SPEC fixes only "a two-link arm drawn
 * from its joint angles, angles = z"): the image spans [-1, 1]^2 with the base
 * at the centre; link 1 has length 0.45 and intensity 0.5, link 2 length 0.4
 * and intensity 1, both with half-width {@link REACHER_HALF_WIDTH}. Joint 1's
 * angle `theta1 = z0` is measured from the +x axis, joint 2's `theta2 = z1`
 * relative to link 1 (radians, unscaled: angles = z), so the image is an
 * injective function of z on (-pi, pi]^2 and wraps outside it. Lines are
 * antialiased by coverage `clamp(0.5 + (w - d) / p, 0, 1)` with `d` the
 * distance from the pixel centre to the segment, `w` the half-width and `p`
 * the pixel size; overlapping links take the maximum. Pure and deterministic.
 *
 * @module
 */

/** Length of the first link (image units; the image spans [-1, 1]). */
export const REACHER_LINK1 = 0.45;
/** Length of the second link. */
export const REACHER_LINK2 = 0.4;
/** Half-width of both links. */
export const REACHER_HALF_WIDTH = 0.06;

function drawSegment(
  img: Float64Array,
  o: number,
  size: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  intensity: number,
): void {
  const p = 2 / size;
  const w = REACHER_HALF_WIDTH;
  const reach = w + p;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  // Pixel bounds of the segment's box grown by the line width (+ one pixel).
  const toCol = (x: number) => (x + 1) / p - 0.5;
  const toRow = (y: number) => (1 - y) / p - 0.5;
  const c0 = Math.max(0, Math.floor(toCol(Math.min(x0, x1) - reach)));
  const c1 = Math.min(size - 1, Math.ceil(toCol(Math.max(x0, x1) + reach)));
  const r0 = Math.max(0, Math.floor(toRow(Math.max(y0, y1) + reach)));
  const r1 = Math.min(size - 1, Math.ceil(toRow(Math.min(y0, y1) - reach)));
  for (let r = r0; r <= r1; r++) {
    const py = 1 - (r + 0.5) * p;
    for (let c = c0; c <= c1; c++) {
      const px = -1 + (c + 0.5) * p;
      let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (x0 + t * dx);
      const ey = py - (y0 + t * dy);
      const d = Math.sqrt(ex * ex + ey * ey);
      let v = 0.5 + (w - d) / p;
      if (v <= 0) continue;
      if (v > 1) v = 1;
      v *= intensity;
      const k = o + r * size + c;
      if (v > img[k]) img[k] = v;
    }
  }
}

/**
 * Render `n` arms from row-major joint angles `z (n x 2)` into `n` row-major
 * `size x size` images (row 0 at the top), values in [0, 1].
 *
 * @throws {RangeError} on a bad size or a z of the wrong length.
 * @example
 * ```ts
 * import { renderReacher } from "./reacher.ts";
 * const img = renderReacher(new Float64Array([0, 0]), 1, 32);
 * console.assert(img.length === 32 * 32 && Math.max(...img) === 1);
 * ```
 */
export function renderReacher(z: Float64Array, n: number, size: number): Float64Array {
  if (!(Number.isInteger(size) && size >= 4)) {
    throw new RangeError(`reacher size must be an integer >= 4, got ${size}`);
  }
  if (!(Number.isInteger(n) && n >= 0) || z.length !== 2 * n) {
    throw new RangeError(`reacher: z has length ${z.length}, expected n x 2 with n = ${n}`);
  }
  const pixels = size * size;
  const out = new Float64Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const t1 = z[2 * i];
    const t2 = t1 + z[2 * i + 1];
    const ex = REACHER_LINK1 * Math.cos(t1);
    const ey = REACHER_LINK1 * Math.sin(t1);
    const tx = ex + REACHER_LINK2 * Math.cos(t2);
    const ty = ey + REACHER_LINK2 * Math.sin(t2);
    drawSegment(out, i * pixels, size, 0, 0, ex, ey, 0.5);
    drawSegment(out, i * pixels, size, ex, ey, tx, ty, 1);
  }
  return out;
}

/**
 * The reacher as an observation map `z (n x 2) -> x (n x size^2)`.
 *
 * @example
 * ```ts
 * import { reacherObservation } from "./reacher.ts";
 * const g = reacherObservation(32);
 * console.assert(g.obsDim === 1024 && g.apply(new Float64Array(4), 2).length === 2048);
 * ```
 */
export function reacherObservation(size: number): {
  name: string;
  dim: number;
  obsDim: number;
  apply(z: Float64Array, n: number): Float64Array;
} {
  if (!(Number.isInteger(size) && size >= 4)) {
    throw new RangeError(`reacher size must be an integer >= 4, got ${size}`);
  }
  return {
    name: `reacher${size}`,
    dim: 2,
    obsDim: size * size,
    apply: (z, n) => renderReacher(z, n, size),
  };
}
