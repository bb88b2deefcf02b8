/**
 * Comparing what an import brings with what a store already holds, so an
 * import never destroys a stored record: the same content is a no-op, other
 * content is a conflict named by its first differing field.
 *
 * Values are compared as stored (JSON: a non-finite number is `null`), with
 * object keys in any order.
 *
 * @module
 */

/**
 * Where two JSON values first differ, and the two values there.
 *
 * @example
 * ```ts
 * import type { Difference } from "./conflicts.ts";
 * const d: Difference = { path: "metrics.r2_hz", stored: 0.36, incoming: 1e308 };
 * ```
 */
export interface Difference {
  /** Field path, e.g. `metrics.r2_hz`, or `(value)` for the values themselves. */
  path: string;
  stored: unknown;
  incoming: unknown;
}

function join(path: string, k: string | number): string {
  if (typeof k === "number") return `${path}[${k}]`;
  const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
  if (seg !== k) return `${path}[${seg}]`;
  return path === "" ? k : `${path}.${k}`;
}

/**
 * The first difference between two JSON values (depth first, keys sorted), or
 * null when they are equal.
 *
 * @example
 * ```ts
 * import { firstDifference } from "./conflicts.ts";
 * console.log(firstDifference({ m: { a: 1 } }, { m: { a: 2 } })?.path); // "m.a"
 * console.log(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })); // null
 * ```
 */
export function firstDifference(stored: unknown, incoming: unknown, path = ""): Difference | null {
  if (stored === incoming) return null;
  const here = { path: path === "" ? "(value)" : path, stored, incoming };
  if (
    typeof stored !== "object" || typeof incoming !== "object" || stored === null ||
    incoming === null || Array.isArray(stored) !== Array.isArray(incoming)
  ) {
    return here;
  }
  if (Array.isArray(stored)) {
    const b = incoming as unknown[];
    for (let i = 0; i < Math.max(stored.length, b.length); i++) {
      const d = firstDifference(stored[i], b[i], join(path, i));
      if (d !== null) return d;
    }
    return null;
  }
  const a = stored as Record<string, unknown>;
  const b = incoming as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const d = firstDifference(
      Object.hasOwn(a, k) ? a[k] : undefined,
      Object.hasOwn(b, k) ? b[k] : undefined,
      join(path, k),
    );
    if (d !== null) return d;
  }
  return null;
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * A difference as text: `metrics.r2_hz is 0.3627 in the store, 1.7e+308 in the import`.
 *
 * @example
 * ```ts
 * import { describeDifference } from "./conflicts.ts";
 * console.log(describeDifference({ path: "seed", stored: 1, incoming: 2 }));
 * // seed is 1 in the store, 2 in the import
 * ```
 */
export function describeDifference(d: Difference): string {
  return `${d.path} is ${show(d.stored)} in the store, ${show(d.incoming)} in the import`;
}
