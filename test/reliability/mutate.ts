/**
 * Single-point mutations of JSON values for the fuzz tests, with field paths
 * written the way the validators write them (`records[0].metrics.r2`,
 * `tags["a b"]`), so a test can check that an error names the mutated field.
 *
 * @module
 */
import fc from "fast-check";

/** A path segment: an object key or an array index. */
export type Segment = string | number;

/**
 * A path as the validators print it: identifiers joined with dots, other keys
 * as `["key"]`, indices as `[i]`; the empty path is `(document)`.
 *
 * @example
 * ```ts
 * import { formatPath } from "./mutate.ts";
 * console.log(formatPath(["records", 0, "metrics", "a b"])); // records[0].metrics["a b"]
 * ```
 */
export function formatPath(path: readonly Segment[]): string {
  let out = "";
  for (const s of path) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "(document)" : out;
}

/** Every node below the root, as [path, value], depth first. */
export function nodes(value: unknown, at: Segment[] = []): Array<[Segment[], unknown]> {
  const out: Array<[Segment[], unknown]> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([[...at, i], v], ...nodes(v, [...at, i]));
    });
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push([[...at, k], v], ...nodes(v, [...at, k]));
  }
  return out;
}

/** One mutation: replace a node, delete an object key, or add a key to an object. */
export type Mutation =
  | { op: "replace"; target: number; value: unknown }
  | { op: "delete"; target: number }
  | { op: "add"; target: number; key: string; value: unknown };

/** What {@link applyMutation} did: the mutated copy and the path it touched. */
export interface Mutated {
  value: unknown;
  path: Segment[];
  op: Mutation["op"];
}

const clone = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function parentOf(root: unknown, path: Segment[]): Record<string | number, unknown> {
  let cur = root as Record<string | number, unknown>;
  for (const s of path.slice(0, -1)) cur = cur[s] as Record<string | number, unknown>;
  return cur;
}

/**
 * Apply a mutation to a deep copy of `doc`. `target` picks a node (modulo
 * their number); `delete` falls back to `replace` on array elements, and
 * `add` targets the nearest object (the root when needed).
 *
 * @example
 * ```ts
 * import { applyMutation } from "./mutate.ts";
 * const m = applyMutation({ a: { b: 1 } }, { op: "replace", target: 1, value: "x" });
 * console.log(m.value); // { a: { b: "x" } }
 * ```
 */
export function applyMutation(doc: unknown, m: Mutation): Mutated {
  const copy = clone(doc);
  const all = nodes(copy);
  const [path, node] = all[m.target % all.length];
  if (m.op === "add") {
    const objects = all.filter(([, v]) => typeof v === "object" && v !== null && !Array.isArray(v));
    const [opath, obj] = objects.length > 0 && typeof node === "object" && node !== null &&
        !Array.isArray(node)
      ? [path, node]
      : objects.length > 0
      ? objects[m.target % objects.length]
      : [[], copy];
    // defineProperty, so that "__proto__" becomes an own key as JSON.parse makes it.
    Object.defineProperty(obj, m.key, {
      value: clone(m.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { value: copy, path: [...opath, m.key], op: "add" };
  }
  const parent = parentOf(copy, path);
  const last = path[path.length - 1];
  if (m.op === "delete" && !Array.isArray(parent)) {
    delete parent[last];
    return { value: copy, path, op: "delete" };
  }
  parent[last] = clone(m.op === "replace" ? m.value : null);
  return { value: copy, path, op: "replace" };
}

/** JSON values that are wrong for most fields, plus random JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    "",
    " ",
    "x",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u0000",
    "\ud800",
    -1,
    0,
    -0.5,
    1.5,
    1e308,
    -1e308,
    2 ** 53 + 2,
    true,
    false,
    [],
    {},
    [[1, 2, 3]],
    { kind: "nan" },
    "2026-13-45T99:99:99Z",
    "x".repeat(5000),
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A random mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("replace" as const), target: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant("delete" as const), target: fc.nat() }),
  fc.record({
    op: fc.constant("add" as const),
    target: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("__proto__", "constructor", "toString", "extra"),
    ),
    value: hostileValue,
  }),
);

/**
 * Whether a one-line error message names the field at `path`, or a field
 * inside it (optionally after a `source: ` prefix).
 *
 * @example
 * ```ts
 * import { namesField } from "./mutate.ts";
 * console.log(namesField("header.runId: expected a string", ["header", "runId"])); // true
 * ```
 */
export function namesField(message: string, path: readonly Segment[], source = ""): boolean {
  const rest = source !== "" && message.startsWith(`${source}: `)
    ? message.slice(source.length + 2)
    : message;
  const at = formatPath(path);
  // The field itself, or (when a container was replaced) the first bad field inside it.
  return rest.startsWith(`${at}: `) || rest.startsWith(`${at}.`) || rest.startsWith(`${at}[`);
}
