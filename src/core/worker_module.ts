/**
 * Whether a Web Worker's module is there to start: the offline pack's
 * single-file bundle has no worker modules beside it, so the helpers that
 * use a worker (the prefetching sampler, SIGReg's two-thread pass) check
 * first and run on the calling thread where it is missing.
 *
 * @module
 */

/**
 * True for a file: URL naming an existing file, and for any other URL (which
 * the Worker constructor resolves itself).
 *
 * @example
 * ```ts
 * import { workerModuleExists } from "./worker_module.ts";
 * console.assert(!workerModuleExists(new URL("file:///no/such/worker.ts")));
 * ```
 */
export function workerModuleExists(url: URL): boolean {
  if (url.protocol !== "file:") return true;
  try {
    return Deno.statSync(url).isFile;
  } catch {
    return false;
  }
}
