/**
 * The Web Worker of {@link ./prefetch.ts}: rebuilds a coupling mixing from
 * its layer matrices, initialises the same tfjs backend as the training
 * thread, and answers `{ step }` with that step's views from
 * {@link viewSampler} (engine mixing forced on), the buffer transferred.
 *
 * Messages in: `{ type: "init", recipe }`, then `{ type: "step", step }`.
 * Messages out: `{ type: "ready" }`, `{ type: "views", step, buffer }`, or
 * `{ type: "error", message }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { initBackend } from "../engine/backend.ts";
import { couplingFromWeights } from "./mixings.ts";
import type { PrefetchRecipe } from "./prefetch.ts";
import { viewSampler } from "./view_sampler.ts";

let sample: ((step: number) => Float32Array[]) | null = null;

function fail(e: unknown): void {
  self.postMessage({ type: "error", message: (e as Error)?.message ?? String(e) });
}

self.onmessage = async (ev: MessageEvent) => {
  const msg = ev.data as { type: "init"; recipe: PrefetchRecipe } | { type: "step"; step: number };
  try {
    if (msg.type === "init") {
      const r = msg.recipe;
      await initBackend(r.backend);
      const mixing = couplingFromWeights(r.weights, r.dim);
      sample = viewSampler({
        law: r.law,
        mixing,
        batch: r.batch,
        dim: r.dim,
        rho: r.rho,
        noise: r.noise,
        seed: r.seed,
        views: r.views,
        engine: "always",
      });
      self.postMessage({ type: "ready" });
      return;
    }
    if (sample === null) throw new Error("prefetch worker: step before init");
    const views = sample(msg.step);
    // The views are consecutive subarrays of one buffer (viewSampler's engine path); send it whole.
    const size = views[0].length;
    const out = new Float32Array(views.length * size);
    views.forEach((v, i) => out.set(v, i * size));
    self.postMessage({ type: "views", step: msg.step, buffer: out.buffer }, [out.buffer]);
  } catch (e) {
    fail(e);
  }
};
