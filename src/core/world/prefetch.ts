/**
 * A view sampler that draws the next step's views in a Web Worker while the
 * current step trains: at N = 1024 drawing and mixing a batch (524 288
 * normals, four 512 x 512 x 512 matMuls) is a quarter of a wasm step, and on
 * a machine with a free core it need not be on the step's path at all.
 *
 * Same numbers as the in-thread sampler: the worker runs {@link viewSampler}
 * with the engine mixing on the same tfjs backend (its own instance of the
 * same wasm or cpu kernels), from the same seed and the same layer matrices,
 * so step s gives bit-identical views either way (tested). Where the worker
 * cannot start (the offline pack's single-file bundle has no worker module
 * beside it, or the module fails to load), the sampler runs in-thread, with
 * the same numbers; an error on a step after the start rejects that step.
 *
 * @module
 */
import { workerModuleExists } from "../worker_module.ts";
import { type NoiseKind } from "./transition.ts";
import type { LatentLaw } from "./laws.ts";
import { ENGINE_MIXING_MIN_DIM, viewSampler, type ViewSamplerOptions } from "./view_sampler.ts";

/**
 * What the worker needs to rebuild a sampler: plain data only.
 *
 * @example
 * ```ts
 * import type { PrefetchRecipe } from "./prefetch.ts";
 * const r: PrefetchRecipe = {
 *   backend: "wasm", law: { kind: "gaussian" }, weights: [new Float64Array(1024)], dim: 64,
 *   batch: 256, rho: 0.95, noise: "same", seed: 0, views: 2,
 * };
 * ```
 */
export interface PrefetchRecipe {
  /** tfjs backend of the worker: the training thread's (wasm or cpu). */
  backend: "wasm" | "cpu";
  law: LatentLaw;
  /** The coupling mixing's layer matrices (dim/2 x dim/2, row-major). */
  weights: Float64Array[];
  dim: number;
  batch: number;
  rho: number;
  noise: NoiseKind;
  seed: number;
  views: number;
}

/**
 * A sampler whose views come from a worker, one step ahead. `sample(step)`
 * resolves to the same arrays as `viewSampler(options)(step)`; `close()`
 * stops the worker (call it when training ends, also on failure).
 *
 * @example
 * ```ts
 * import type { PrefetchingSampler } from "./prefetch.ts";
 * async function first(s: PrefetchingSampler) {
 *   try {
 *     return await s.sample(0);
 *   } finally {
 *     s.close();
 *   }
 * }
 * ```
 */
export interface PrefetchingSampler {
  sample(step: number): Promise<Float32Array[]>;
  close(): void;
  /** True when the views come from a worker; false in-thread (not applicable, or the worker did not start). */
  readonly inWorker: boolean;
}

/**
 * Whether {@link prefetchingSampler} would use a worker for these options on
 * `backend`: a coupling mixing of dimension >= {@link ENGINE_MIXING_MIN_DIM}
 * (the engine-mixed case, where drawing a batch costs tens of milliseconds)
 * on wasm or cpu.
 *
 * @example
 * ```ts
 * import { prefetchApplies } from "./prefetch.ts";
 * import { makeMixing } from "./mixings.ts";
 * import { Rng } from "../random.ts";
 * const mixing = makeMixing("spiral", 2, new Rng(0));
 * const o = { law: { kind: "gaussian" } as const, mixing, batch: 8, dim: 2, rho: 0.9,
 *   noise: "same" as const, seed: 0 };
 * console.assert(!prefetchApplies(o, "wasm"));
 * ```
 */
export function prefetchApplies(o: ViewSamplerOptions, backend: string): boolean {
  return o.mixing.weights !== undefined && o.dim >= ENGINE_MIXING_MIN_DIM &&
    (o.engine ?? "auto") !== "never" && (backend === "wasm" || backend === "cpu");
}

const WORKER_URL = new URL("./prefetch_worker.ts", import.meta.url);

/**
 * The views of {@link viewSampler} drawn one step ahead in a Web Worker where
 * {@link prefetchApplies} (else in-thread, same numbers). Steps are expected
 * in order 0, 1, 2, ...; any other step is drawn on request.
 *
 * @example
 * ```ts
 * import { prefetchingSampler } from "./prefetch.ts";
 * import { makeMixing } from "./mixings.ts";
 * import { Rng } from "../random.ts";
 * const mixing = makeMixing("coupling", 64, new Rng(1, "mixing"), { layers: 4 });
 * const s = prefetchingSampler({ law: { kind: "gaussian" }, mixing, batch: 16, dim: 64,
 *   rho: 0.95, noise: "same", seed: 1 }, "wasm");
 * const [a, b] = await s.sample(0); // two Float32Array(16 * 64)
 * s.close();
 * ```
 */
export function prefetchingSampler(
  o: ViewSamplerOptions,
  /** The training thread's backend; null: draw in-thread. */
  backend: string | null,
  /** The worker module (tests give one that fails to load). */
  workerUrl: URL = WORKER_URL,
): PrefetchingSampler {
  const views = o.views ?? 2;
  const local = viewSampler(o);
  if (backend === null || !prefetchApplies(o, backend) || !workerModuleExists(workerUrl)) {
    return { sample: (step) => Promise.resolve(local(step)), close() {}, inWorker: false };
  }
  const recipe: PrefetchRecipe = {
    backend: backend as "wasm" | "cpu",
    law: o.law,
    weights: o.mixing.weights!,
    dim: o.dim,
    batch: o.batch,
    rho: o.rho,
    noise: o.noise,
    seed: o.seed,
    views,
  };
  const worker = new Worker(workerUrl, { type: "module" });
  let closed = false;
  let inThread = false;
  let failure: Error | null = null;
  /** Requested steps, answered or not: taken out by sample(). */
  const pending = new Map<number, PromiseWithResolvers<Float32Array[]>>();
  const fail = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
  };
  const ready = Promise.withResolvers<void>();
  worker.onmessage = (ev: MessageEvent) => {
    const m = ev.data as
      | { type: "ready" }
      | { type: "views"; step: number; buffer: ArrayBuffer }
      | { type: "error"; message: string };
    if (m.type === "ready") return ready.resolve();
    if (m.type === "error") {
      const e = new Error(`prefetch worker: ${m.message}`);
      ready.reject(e);
      return fail(e);
    }
    const all = new Float32Array(m.buffer);
    const size = all.length / views;
    pending.get(m.step)?.resolve(
      Array.from({ length: views }, (_, i) => all.subarray(i * size, (i + 1) * size)),
    );
  };
  worker.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    const e = new Error(`prefetch worker: ${ev.message}`);
    ready.reject(e);
    fail(e);
  };
  // Settled once: the worker started, or it did not and every step is drawn in-thread (same numbers).
  const started = ready.promise.then(() => true, () => {
    worker.terminate();
    inThread = true;
    return false;
  });
  worker.postMessage({ type: "init", recipe });
  const request = (step: number): Promise<Float32Array[]> => {
    let p = pending.get(step);
    if (p === undefined) {
      p = Promise.withResolvers<Float32Array[]>();
      p.promise.catch(() => {});
      pending.set(step, p);
      if (failure) p.reject(failure);
      else worker.postMessage({ type: "step", step });
    }
    return p.promise;
  };
  return {
    get inWorker() {
      return !inThread;
    },
    async sample(step) {
      if (closed) throw new Error("prefetching sampler: sample() after close()");
      if (!(await started)) return local(step);
      // Taken out once answered: the reply finds its entry even when it arrives after this call.
      const out = await request(step).finally(() => pending.delete(step));
      if (!closed) request(step + 1); // drawn while this step trains
      return out;
    },
    close() {
      if (closed) return;
      closed = true;
      worker.terminate();
      fail(new Error("prefetching sampler closed"));
    },
  };
}
