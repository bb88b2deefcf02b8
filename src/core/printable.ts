/**
 * Text from outside (imported runs, submissions, parser messages) made safe
 * to print on a terminal: control characters become visible escapes, so an
 * imported string can never move the cursor, recolour, retitle or clear the
 * terminal of whoever reads it.
 *
 * @module
 */

// C0 controls (including ESC, CR and LF), DEL, and the C1 controls (U+0080-U+009F: CSI and
// friends, which some terminals act on in UTF-8 too).
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character written as a `\uXXXX` escape (the
 * escape JSON uses), so it prints as one plain line.
 *
 * @example
 * ```ts
 * import { printable } from "./printable.ts";
 * console.log(printable("ok\u001b[2J\n")); // ok\u001b[2J\u000a
 * ```
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `text` as a double-quoted one-line string with control characters escaped
 * (JSON string syntax: quotes and backslashes are escaped too).
 *
 * @example
 * ```ts
 * import { quoted } from "./printable.ts";
 * console.log(quoted('a "b"\u009b')); // "a \"b\"\u009b"
 * ```
 */
export function quoted(text: string): string {
  return printable(JSON.stringify(text));
}

// DEL and the C1 controls: JSON.stringify leaves them raw inside strings.
const JSON_RAW = /[\u007f-\u009f]/g;

/**
 * JSON text (from `JSON.stringify`, which escapes C0 controls itself) with DEL
 * and the C1 controls escaped too; still valid JSON for the same value, and
 * its formatting newlines are kept.
 *
 * @example
 * ```ts
 * import { printableJson } from "./printable.ts";
 * console.log(printableJson(JSON.stringify({ a: "\u009b" }, null, 1))); // {\n "a": "\u009b"\n}
 * ```
 */
export function printableJson(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A deep copy of a JSON-like value with {@link printable} applied to every
 * string and every object key, for printing data that came from outside.
 *
 * @example
 * ```ts
 * import { printableDeep } from "./printable.ts";
 * console.log(printableDeep({ "m\u001b": ["x\u0007"] })); // { "m\\u001b": [ "x\\u0007" ] }
 * ```
 */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, printable(k), {
        value: printableDeep(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}
