/**
 * Bring your own regulariser: load a user module that exports a
 * {@link Regulariser} (as `regulariser` or as the default export), check it,
 * and register it as `user:<name>@<hash>`, hash = the first 12 hex digits of
 * the sha-256 of the file's bytes, so two different files never share a name
 * in the store or on the leaderboard.
 *
 * Across processes the module travels as two case params,
 * `regulariser_module` (absolute path) and `regulariser_hash`; a suite's
 * case body calls {@link prepareCaseRegulariser} before training, which loads
 * and registers the module in the worker and refuses a file whose content
 * changed since the run began.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { sha256Hex } from "../canonical.ts";
import { Rng } from "../random.ts";
import type { CaseSpec } from "../suite.ts";
import type { ParamValue } from "../store/record.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import { registerUserRegulariser } from "./registry.ts";

/** A loaded, checked and registered user regulariser. */
export interface UserRegulariser {
  /** The registered regulariser; its name is `user:<name>@<hash>`. */
  regulariser: Regulariser;
  /** The name the module gave it. */
  moduleName: string;
  /** Absolute path of the module file. */
  path: string;
  /** First 12 hex digits of the sha-256 of the file's bytes. */
  hash: string;
}

/**
 * What re-targeting cases at a user regulariser needs (a {@link UserRegulariser}
 * is one): its registered name and default weight, the module path and hash.
 *
 * @example
 * ```ts
 * import type { UserRegulariserRef } from "./user_module.ts";
 * const ref: UserRegulariserRef = {
 *   regulariser: { name: "user:l2@1a2b3c4d5e6f", defaultLambda: 0.25 },
 *   path: "/abs/l2.ts",
 *   hash: "1a2b3c4d5e6f",
 * };
 * ```
 */
export interface UserRegulariserRef {
  regulariser: Pick<Regulariser, "name" | "defaultLambda">;
  path: string;
  hash: string;
}

/**
 * First 12 hex digits of the sha-256 of `bytes`.
 *
 * @example
 * ```ts
 * import { contentHash } from "./user_module.ts";
 * const h = await contentHash(new TextEncoder().encode("abc")); // "ba7816bf8f01"
 * ```
 */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  return (await sha256Hex(bytes)).slice(0, 12);
}

function absolutePath(path: string): string {
  if (path.startsWith("file:")) return decodeURIComponent(new URL(path).pathname);
  if (path.startsWith("/")) return path;
  return `${Deno.cwd().replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/**
 * The check call: a small random (2 * 16, 4) stack, finite value and gradient.
 * Reads back with `await data()`, so it also runs on webgpu.
 */
async function probe(reg: Regulariser, fail: (why: string) => never): Promise<void> {
  const views = 2;
  const batch = 16;
  const n = 4;
  const x = Float32Array.from(new Rng(0, "user-regulariser-probe").normals(views * batch * n));
  const ctx: RegulariserContext = { step: 0, seed: 0, views, batch, slices: 16 };
  const h = tf.tensor2d(x, [views * batch, n]);
  try {
    const t = tf.tidy(() => {
      let out: unknown;
      try {
        out = reg.apply(h, ctx);
      } catch (e) {
        fail(`apply() threw on a (32, 4) random stack: ${message(e)}`);
      }
      const t = out as tf.Tensor;
      const isTensor = typeof t === "object" && t !== null && typeof t.data === "function";
      if (!isTensor || t.size !== 1) {
        fail(
          `apply() must return a scalar tf.Tensor, got ${
            isTensor ? `shape [${t.shape}]` : typeof out
          }`,
        );
      }
      return tf.clone(t); // ours to dispose, whatever apply() returned
    });
    const value = (await t.data())[0];
    t.dispose();
    if (!Number.isFinite(value)) fail(`apply() returned ${value} on a (32, 4) random stack`);
    let g: tf.Tensor;
    try {
      g = tf.tidy(() =>
        tf.grad((t: tf.Tensor) => tf.reshape(reg.apply(t as tf.Tensor2D, ctx), []))(h)
      );
    } catch (e) {
      fail(`apply() is not differentiable with tfjs: ${message(e)}`);
    }
    const grad = await g!.data();
    g!.dispose();
    if (!grad.every(Number.isFinite)) {
      fail("apply() has a non-finite gradient on a (32, 4) random stack");
    }
  } finally {
    h.dispose();
  }
}

const loaded = new Map<string, UserRegulariser>();

/**
 * Load, check and register the regulariser exported by the module at `path`
 * (relative to the working directory, absolute, or a file: URL). Throws an
 * Error naming the module and what is wrong when the file is missing, does
 * not load, exports no regulariser, has a bad field, or whose apply() throws
 * or returns a non-finite value (or gradient) on a small random stack; and
 * when `expectedHash` is given and the file's hash differs.
 *
 * @example
 * ```ts
 * import { loadUserRegulariser } from "./user_module.ts";
 * // const byo = await loadUserRegulariser("./my_reg.ts");
 * // byo.regulariser.name === "user:my_reg@1a2b3c4d5e6f"
 * ```
 */
export async function loadUserRegulariser(
  path: string,
  expectedHash?: string,
): Promise<UserRegulariser> {
  const abs = absolutePath(path);
  const fail = (why: string): never => {
    throw new Error(`regulariser module "${path}": ${why}`);
  };
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(abs);
  } catch (e) {
    return fail(`cannot be read (${message(e)})`);
  }
  const hash = await contentHash(bytes);
  if (expectedHash !== undefined && hash !== expectedHash) {
    fail(`content changed: its hash is ${hash}, the run was started with ${expectedHash}`);
  }
  const cached = loaded.get(`${abs}#${hash}`);
  if (cached !== undefined) return cached;
  let mod: Record<string, unknown>;
  try {
    mod = await import(new URL(`file://${abs}`).href);
  } catch (e) {
    return fail(`cannot be loaded (${message(e)})`);
  }
  const raw = (mod.regulariser ?? mod.default) as Record<string, unknown> | undefined;
  if (typeof raw !== "object" || raw === null) {
    fail(
      "exports no regulariser (export `regulariser` or a default object with name, description, defaultLambda, apply)",
    );
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(r.name)) {
    fail(
      `name must be a non-empty string of letters, digits, _ . -; got ${JSON.stringify(r.name)}`,
    );
  }
  if (typeof r.description !== "string") fail("description must be a string");
  if (typeof r.defaultLambda !== "number" || !(r.defaultLambda >= 0 && r.defaultLambda <= 1)) {
    fail(`defaultLambda must be a finite number in [0, 1], got ${String(r.defaultLambda)}`);
  }
  if (typeof r.apply !== "function") fail("apply must be a function (h, ctx) => tf.Scalar");
  if (r.readsSync !== undefined && typeof r.readsSync !== "boolean") {
    fail(`readsSync must be a boolean when given, got ${JSON.stringify(r.readsSync)}`);
  }
  if (r.prepare !== undefined && typeof r.prepare !== "function") {
    fail("prepare must be a function (h, ctx) => Promise when given");
  }
  const user = r as unknown as Regulariser;
  await probe(user, fail);
  const name = `user:${user.name}@${hash}`;
  const regulariser: Regulariser = {
    name,
    description: user.description,
    defaultLambda: user.defaultLambda,
    apply: (h, ctx) => user.apply(h, ctx),
    // What decides where it runs (webgpu has no synchronous reads).
    ...(user.readsSync === undefined ? {} : { readsSync: user.readsSync }),
    ...(user.prepare === undefined ? {} : { prepare: (h, ctx) => user.prepare!(h, ctx) }),
  };
  registerUserRegulariser(regulariser);
  const out = { regulariser, moduleName: user.name, path: abs, hash };
  loaded.set(`${abs}#${hash}`, out);
  return out;
}

/**
 * In a case body: when the case params carry `regulariser_module` and
 * `regulariser_hash`, load and register that module (once per process) so
 * that `getRegulariser(params.objective)` finds it; otherwise do nothing.
 *
 * @example
 * ```ts
 * import { prepareCaseRegulariser } from "./user_module.ts";
 * await prepareCaseRegulariser({ objective: "sigreg" }); // nothing to do
 * ```
 */
export async function prepareCaseRegulariser(params: Record<string, ParamValue>): Promise<void> {
  const path = params.regulariser_module;
  if (path === undefined) return;
  const hash = params.regulariser_hash;
  if (typeof path !== "string" || typeof hash !== "string") {
    throw new TypeError("case params regulariser_module and regulariser_hash must be strings");
  }
  const byo = await loadUserRegulariser(path, hash);
  if (params.objective !== undefined && params.objective !== byo.regulariser.name) {
    throw new RangeError(
      `case objective "${params.objective}" does not match the module's name "${byo.regulariser.name}"`,
    );
  }
}

/**
 * Whether a list of cases takes a regulariser: some case has a string
 * `objective` param (the identifiability-style cases).
 *
 * @example
 * ```ts
 * import { takesRegulariser } from "./user_module.ts";
 * console.assert(takesRegulariser([{ id: "a", params: { objective: "sigreg" } }]));
 * ```
 */
export function takesRegulariser(cases: readonly CaseSpec[]): boolean {
  return cases.some((c) => typeof c.params.objective === "string");
}

/**
 * The cases re-targeted at a user regulariser: every case with a string
 * `objective` param gets objective = the user name, lambda = its default
 * weight, `regulariser_module` and `regulariser_hash`, and an id whose
 * objective segment is replaced by the user name; cases that become
 * identical (same new id) are kept once; cases without an objective are
 * dropped.
 *
 * @example
 * ```ts
 * import { userRegulariserCases } from "./user_module.ts";
 * import type { UserRegulariserRef } from "./user_module.ts";
 * declare const byo: UserRegulariserRef;
 * const cases = userRegulariserCases([{ id: "spiral/gaussian/N2/sigreg/mlp", params: { objective: "sigreg" } }], byo);
 * ```
 */
export function userRegulariserCases(
  cases: readonly CaseSpec[],
  byo: UserRegulariserRef,
): CaseSpec[] {
  const name = byo.regulariser.name;
  const out: CaseSpec[] = [];
  const seen = new Set<string>();
  for (const c of cases) {
    const objective = c.params.objective;
    if (typeof objective !== "string") continue;
    const parts = c.id.split("/");
    const at = parts.indexOf(objective);
    if (at >= 0) parts[at] = name;
    else parts.push(name);
    const id = parts.join("/");
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      params: {
        ...c.params,
        objective: name,
        lambda: byo.regulariser.defaultLambda,
        regulariser_module: byo.path,
        regulariser_hash: byo.hash,
      },
    });
  }
  return out;
}
