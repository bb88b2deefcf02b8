/**
 * Curve coarsening for the results corpus: a committed document keeps at most
 * {@link MAX_CURVE_POINTS} points per curve, evenly spaced over the curve's
 * points with the first and the last always kept, so that the whole corpus
 * stays small. Metrics, flags and every other field are left as they are.
 *
 * @module
 */
import type { CaseResult, Curve } from "../store/record.ts";

/**
 * The most points a curve of a corpus document keeps.
 *
 * @example
 * ```ts
 * import { MAX_CURVE_POINTS } from "./coarsen.ts";
 * console.log(MAX_CURVE_POINTS); // 50
 * ```
 */
export const MAX_CURVE_POINTS = 50;

/**
 * `curve` with at most `maxPoints` points: point `round(i * (n - 1) / (maxPoints - 1))` for
 * `i = 0 .. maxPoints - 1`, so the first and last points are kept and the rest are evenly
 * spaced over the curve's points. A curve that is short enough comes back as a copy.
 * Throws a RangeError for `maxPoints` below 2 or not an integer.
 *
 * @example
 * ```ts
 * import { coarsenCurve } from "./coarsen.ts";
 * const curve: Array<[number, number]> = [[1, 9], [2, 8], [3, 7], [4, 6], [5, 5]];
 * console.log(coarsenCurve(curve, 3)); // [[1, 9], [3, 7], [5, 5]]
 * ```
 */
export function coarsenCurve(curve: Curve, maxPoints: number = MAX_CURVE_POINTS): Curve {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
  }
  const n = curve.length;
  if (n <= maxPoints) return curve.map(([step, value]) => [step, value]);
  const out: Curve = [];
  for (let i = 0; i < maxPoints; i++) {
    const [step, value] = curve[Math.round((i * (n - 1)) / (maxPoints - 1))];
    out.push([step, value]);
  }
  return out;
}

/**
 * A record with every curve coarsened by {@link coarsenCurve} (skipped records have none);
 * the input is not changed.
 *
 * @example
 * ```ts
 * import { coarsenRecord } from "./coarsen.ts";
 * import type { CaseResult } from "../store/record.ts";
 * declare const record: CaseResult;
 * const small = coarsenRecord(record, 50);
 * ```
 */
export function coarsenRecord(
  record: CaseResult,
  maxPoints: number = MAX_CURVE_POINTS,
): CaseResult {
  if (record.status === "skipped") return { ...record };
  const curves: Record<string, Curve> = {};
  for (const [name, curve] of Object.entries(record.curves)) {
    curves[name] = coarsenCurve(curve, maxPoints);
  }
  return { ...record, curves };
}

/**
 * The longest curve of a record (name "" and 0 points when it has none): what a corpus check
 * compares with the document's declared maximum.
 *
 * @example
 * ```ts
 * import { longestCurve } from "./coarsen.ts";
 * import type { CaseResult } from "../store/record.ts";
 * declare const record: CaseResult;
 * console.log(longestCurve(record).points <= 50);
 * ```
 */
export function longestCurve(record: CaseResult): { name: string; points: number } {
  let best = { name: "", points: 0 };
  if (record.status === "skipped") return best;
  for (const [name, curve] of Object.entries(record.curves)) {
    if (curve.length > best.points) best = { name, points: curve.length };
  }
  return best;
}
