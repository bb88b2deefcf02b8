/**
 * The tensor engine: backend names and initialisation, and the one tfjs
 * import the rest of the project uses.
 *
 * @example
 * ```ts
 * import { initBackend, tf } from "./mod.ts";
 * await initBackend("wasm");
 * tf.tidy(() => tf.ones([2, 2]).sum().dataSync());
 * ```
 *
 * @module
 */
export * from "./backends.ts";
export * from "./backend.ts";
export * from "./wasm_kernels.ts";
export * from "./matmul_threads.ts";
