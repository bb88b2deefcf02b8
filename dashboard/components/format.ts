/**
 * Number and date formatting shared by pages and islands.
 *
 * @module
 */

/**
 * A number with four significant digits, "—" when not finite.
 *
 * @example
 * ```ts
 * import { fmt } from "./format.ts";
 * console.log(fmt(0.123456)); // "0.1235"
 * ```
 */
export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-4) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/**
 * A signed number ("+0.01", "−0.2").
 *
 * @example
 * ```ts
 * import { fmtSigned } from "./format.ts";
 * console.log(fmtSigned(0.5)); // "+0.5"
 * ```
 */
export function fmtSigned(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "—";
  return (x > 0 ? "+" : x < 0 ? "−" : "") + fmt(Math.abs(x), digits);
}

/**
 * A p-value in 3 significant digits ("<1e-6" below that): the core's formatter.
 *
 * @example
 * ```ts
 * import { fmtP } from "./format.ts";
 * console.log(fmtP(0.01234)); // "0.0123"
 * ```
 */
export { formatPValue as fmtP } from "../../src/core/stats/p_value.ts";

/**
 * An ISO timestamp as "2026-01-05 09:00".
 *
 * @example
 * ```ts
 * import { fmtDate } from "./format.ts";
 * console.log(fmtDate("2026-01-05T09:00:00.000Z")); // "2026-01-05 09:00"
 * ```
 */
export function fmtDate(iso: string | null): string {
  if (!iso) return "—";
  return iso.slice(0, 16).replace("T", " ");
}

/**
 * The short form of a commit hash.
 *
 * @example
 * ```ts
 * import { shortCommit } from "./format.ts";
 * console.log(shortCommit("1a2b3c4d5e6f")); // "1a2b3c4"
 * ```
 */
export function shortCommit(commit: string | null): string {
  return commit === null
    ? "(no commit)"
    : /^[0-9a-f]{8,}$/.test(commit)
    ? commit.slice(0, 7)
    : commit;
}
