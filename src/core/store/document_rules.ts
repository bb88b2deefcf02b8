/**
 * The rules a whole run document must follow beyond the shape of each field
 * (`validate.ts`): what an import, a submission or a baseline file may bring
 * into a store. A suite id is a plain name that is safe in a URL path and a
 * file name; the backend is one jepa-bench knows; every record belongs to the
 * header's suite, version, profile and backend and to one of its seeds; and
 * measurement names (metrics, curves, flags, params) are non-empty and never
 * `__proto__`.
 *
 * These rules are checked on documents only, not when a store reads back what
 * it holds, so a store written before they existed stays readable.
 *
 * Errors are `TypeError`s whose message starts with the field path; a record
 * that disagrees with its header says so with "the header's", e.g.
 * `records[2].seed: expected one of the header's seeds (0, 1), got 7`.
 *
 * @module
 */
import { BACKENDS } from "../engine/backends.ts";
import type { RunDocument } from "./record.ts";

/**
 * What a suite id looks like: lowercase letters, digits, `_`, `.` and `-`,
 * starting with a letter or digit (so it is safe as a path segment).
 *
 * @example
 * ```ts
 * import { SUITE_ID_PATTERN } from "./document_rules.ts";
 * console.log(SUITE_ID_PATTERN.test("identifiability"), SUITE_ID_PATTERN.test("a/b")); // true false
 * ```
 */
export const SUITE_ID_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * The backend of results computed outside jepa-bench (for example the paper's
 * PyTorch code, imported with `import --format klindt`); `tags.implementation`
 * names what computed them. A record may carry it, `--backend` never takes it.
 *
 * @example
 * ```ts
 * import { EXTERNAL_BACKEND } from "./document_rules.ts";
 * console.log(EXTERNAL_BACKEND); // "external"
 * ```
 */
export const EXTERNAL_BACKEND = "external";

/**
 * The backends a record may name: jepa-bench's own and {@link EXTERNAL_BACKEND}.
 *
 * @example
 * ```ts
 * import { RECORD_BACKENDS } from "./document_rules.ts";
 * console.log(RECORD_BACKENDS.at(-1)); // "external"
 * ```
 */
export const RECORD_BACKENDS: readonly string[] = [...BACKENDS, EXTERNAL_BACKEND];

/** Names that would reach an object's prototype when used as a key. */
const FORBIDDEN_NAMES = new Set(["__proto__"]);

function at(path: string, k: string): string {
  const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
  if (seg !== k) return `${path}[${seg}]`;
  return path === "" ? k : `${path}.${k}`;
}

function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function fail(path: string, msg: string): never {
  throw new TypeError(`${path}: ${msg}`);
}

/**
 * Throw a TypeError naming `path` when `name` is not a valid measurement name.
 *
 * @example
 * ```ts
 * import { checkName } from "./document_rules.ts";
 * checkName("r2_hz", "records[0].metrics");
 * ```
 */
export function checkName(name: string, path: string): void {
  if (name.length === 0) fail(at(path, name), "expected a non-empty name");
  if (FORBIDDEN_NAMES.has(name)) fail(at(path, name), `${quote(name)} is not allowed as a name`);
}

/**
 * Throw a TypeError naming `path` when `id` is not a valid suite id.
 *
 * @example
 * ```ts
 * import { checkSuiteId } from "./document_rules.ts";
 * checkSuiteId("planning", "header.suite.id");
 * ```
 */
export function checkSuiteId(id: string, path: string): void {
  if (!SUITE_ID_PATTERN.test(id)) {
    fail(path, `expected a suite id matching ${SUITE_ID_PATTERN.source}, got ${quote(id)}`);
  }
}

/**
 * Throw a TypeError naming `path` when `name` is not a backend a record may
 * name ({@link RECORD_BACKENDS}).
 *
 * @example
 * ```ts
 * import { checkBackend } from "./document_rules.ts";
 * checkBackend("wasm", "header.env.backend");
 * ```
 */
export function checkBackend(name: string, path: string): void {
  if (!RECORD_BACKENDS.includes(name)) {
    fail(path, `expected one of ${RECORD_BACKENDS.join(", ")}, got ${quote(name)}`);
  }
}

/**
 * Check the document rules on a document whose fields already have the right
 * shapes (see `validateRunDocument`). `path` prefixes every field path.
 *
 * @example
 * ```ts
 * import { checkDocumentRules } from "./document_rules.ts";
 * import type { RunDocument } from "./record.ts";
 * declare const doc: RunDocument;
 * checkDocumentRules(doc);
 * ```
 */
export function checkDocumentRules(doc: RunDocument, path = ""): void {
  const h = doc.header;
  const hp = at(path, "header");
  checkSuiteId(h.suite.id, at(at(hp, "suite"), "id"));
  checkBackend(h.env.backend, at(at(hp, "env"), "backend"));
  const seeds = new Set(h.seeds);
  const rp = at(path, "records");
  doc.records.forEach((r, i) => {
    const p = `${rp}[${i}]`;
    const same: Array<[string, unknown, unknown, string]> = [
      ["suite", r.suite, h.suite.id, "suite.id"],
      ["suiteVersion", r.suiteVersion, h.suite.version, "suite.version"],
      ["profile", r.profile, h.profile, "profile"],
      ["backend", r.backend, h.env.backend, "env.backend"],
    ];
    for (const [field, got, want, name] of same) {
      if (got !== want) {
        fail(at(p, field), `expected ${quote(want)} (the header's ${name}), got ${quote(got)}`);
      }
    }
    if (!seeds.has(r.seed)) {
      const list = h.seeds.length > 10
        ? `${h.seeds.slice(0, 10).join(", ")}, ...`
        : h.seeds.join(", ");
      fail(at(p, "seed"), `expected one of the header's seeds (${list}), got ${r.seed}`);
    }
    const maps: Array<[string, Record<string, unknown>]> = [["params", r.params]];
    if (r.status !== "skipped") maps.push(["metrics", r.metrics], ["curves", r.curves]);
    if (r.status === "completed") maps.push(["flags", r.flags]);
    for (const [field, map] of maps) {
      for (const name of Object.keys(map)) checkName(name, at(p, field));
    }
  });
}
