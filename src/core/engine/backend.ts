/**
 * Initialising a tfjs backend. Suites import tfjs from here only, so nothing
 * outside `src/core/engine/` knows which backend runs.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { type BackendName, parseBackend } from "./backends.ts";
import { installWasmKernels } from "./wasm_kernels.ts";

installWasmKernels();

/**
 * The tfjs namespace (umbrella package, wasm backend registered); suites
 * import tfjs from the engine only.
 *
 * @example
 * ```ts
 * import { tf } from "./backend.ts";
 * tf.tidy(() => tf.ones([2]).sum().dataSync());
 * ```
 */
export { tf };

/**
 * What {@link initBackend} set up.
 *
 * @example
 * ```ts
 * import { type BackendInfo, initBackend } from "./backend.ts";
 * const info: BackendInfo = await initBackend("wasm");
 * ```
 */
export interface BackendInfo {
  /** The backend name now active in tfjs. */
  name: BackendName;
  /** The tfjs-core version string (e.g. "4.22.0"). */
  tfjsVersion: string;
  /** A description of the GPU adapter for webgpu, else null. */
  gpu: string | null;
}

const NATIVE_PACKAGES = {
  "tensorflow": "@tensorflow/tfjs-node",
  "tensorflow-gpu": "@tensorflow/tfjs-node-gpu",
} as const;
const NATIVE_VERSION = "4.22.0";

let current: BackendInfo | null = null;
/** The last initialisation asked for: calls run one after another, never interleaved. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Initialise a tfjs backend by name and make it the active one. Idempotent:
 * calling it again with the active backend returns the same info. Concurrent
 * calls (e.g. two modules' top-level awaits) are served in order, since
 * tfjs's setBackend resolves false for a second call while the first is
 * still initialising.
 * Throws a RangeError for an unknown name and an Error with a clear message
 * when the backend cannot run on this machine.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * const info = await initBackend("wasm");
 * console.assert(info.name === "wasm");
 * ```
 */
export function initBackend(name: string): Promise<BackendInfo> {
  const next = queue.then(() => initNow(name));
  queue = next.catch(() => {});
  return next;
}

async function initNow(name: string): Promise<BackendInfo> {
  const backend = parseBackend(name);
  if (current !== null && current.name === backend && tf.getBackend() === tfName(backend)) {
    return current;
  }
  let gpu: string | null = null;
  if (backend === "webgpu") gpu = await prepareWebGpu();
  if (backend === "tensorflow" || backend === "tensorflow-gpu") await prepareNative(backend);
  const ok = await tf.setBackend(tfName(backend));
  assertBackendSet(tfName(backend), ok, tf.getBackend());
  await tf.ready();
  current = { name: backend, tfjsVersion: tf.version_core, gpu };
  return current;
}

/**
 * The backend initialised by {@link initBackend}, or null before the first call.
 *
 * @example
 * ```ts
 * import { currentBackend } from "./backend.ts";
 * const info = currentBackend(); // null until initBackend() ran
 * ```
 */
export function currentBackend(): BackendInfo | null {
  return current;
}

/**
 * Check the result of `tf.setBackend`, throwing when tfjs silently kept
 * another backend (setBackend resolves to false instead of throwing).
 *
 * @example
 * ```ts
 * import { assertBackendSet } from "./backend.ts";
 * assertBackendSet("wasm", true, "wasm"); // fine
 * ```
 */
export function assertBackendSet(wanted: string, ok: boolean, active: string): void {
  if (!ok || active !== wanted) {
    throw new Error(
      `backend "${wanted}" failed to initialise (tf.setBackend returned ${ok}; active backend is ` +
        `"${active}")`,
    );
  }
}

/**
 * Live tensor count and bytes held by the active backend.
 *
 * @example
 * ```ts
 * import { tensorMemory } from "./backend.ts";
 * const { numTensors, numBytes } = tensorMemory();
 * ```
 */
export function tensorMemory(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/**
 * Whether the active backend can read tensor values synchronously
 * (`dataSync`). False on webgpu (and webgl): their synchronous read-back needs
 * an OffscreenCanvas, which Deno does not have, so code that must run there
 * reads with `await tensor.data()` and keeps plain-JS kernels off that path.
 *
 * @example
 * ```ts
 * import { initBackend, readsSync } from "./backend.ts";
 * await initBackend("wasm");
 * console.assert(readsSync());
 * ```
 */
export function readsSync(): boolean {
  const name = tf.getBackend();
  return name !== "webgpu" && name !== "webgl";
}

function tfName(backend: BackendName): string {
  return backend === "tensorflow-gpu" ? "tensorflow" : backend;
}

async function prepareWebGpu(): Promise<string> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (!nav?.gpu) {
    throw new Error(
      'backend "webgpu" is unavailable: navigator.gpu is missing in this runtime (Deno exposes it ' +
        "when a Vulkan/Metal/DX12 driver is present; on Linux install a Vulkan loader and driver, " +
        "e.g. apt-get install -y libvulkan1 mesa-vulkan-drivers)",
    );
  }
  const adapter = await nav.gpu.requestAdapter();
  if (adapter === null) {
    throw new Error(
      'backend "webgpu" is unavailable: navigator.gpu.requestAdapter() returned null (no GPU ' +
        "adapter; on Linux install a Vulkan loader and driver, e.g. apt-get install -y libvulkan1 " +
        "mesa-vulkan-drivers)",
    );
  }
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  await import("@tensorflow/tfjs-backend-webgpu");
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
  return parts.length > 0 ? parts.join(" ") : "unknown adapter";
}

function nativeHelp(backend: "tensorflow" | "tensorflow-gpu", why: string): string {
  const pkg = `npm:${NATIVE_PACKAGES[backend]}@${NATIVE_VERSION}`;
  return `backend "${backend}" is unavailable: ${why}. It needs ${pkg}, whose install script ` +
    "downloads the native libtensorflow; offline, point it at a local mirror with the env vars " +
    "TFJS_NODE_BASE_URI (or TFJS_NODE_CDN_STORAGE) and install it with " +
    `\`deno install --allow-scripts=${pkg} ${pkg}\`, or use --backend wasm`;
}

/** Is a native tfjs-node package (with its built binding) in a node_modules folder? */
function nativeInstalled(pkg: string): boolean {
  const dirName = `${pkg.replace("/", "+")}@${NATIVE_VERSION}`;
  const roots = [`${Deno.cwd()}/node_modules`];
  try {
    roots.push(new URL("../../../node_modules", import.meta.url).pathname);
  } catch { /* not a file URL */ }
  for (const root of roots) {
    for (const dir of [`${root}/.deno/${dirName}/node_modules/${pkg}`, `${root}/${pkg}`]) {
      try {
        for (const entry of Deno.readDirSync(`${dir}/lib`)) {
          if (!entry.name.startsWith("napi-v")) continue;
          Deno.statSync(`${dir}/lib/${entry.name}/tfjs_binding.node`);
          return true;
        }
      } catch { /* not here */ }
    }
  }
  return false;
}

async function prepareNative(backend: "tensorflow" | "tensorflow-gpu"): Promise<void> {
  const pkg = NATIVE_PACKAGES[backend];
  // Checked first so that a missing package never triggers a download or a
  // lockfile change at run time.
  if (!nativeInstalled(pkg)) {
    throw new Error(nativeHelp(backend, `${pkg} with its native binding is not installed`));
  }
  const specifier = `npm:${pkg}@${NATIVE_VERSION}`;
  try {
    await import(specifier);
  } catch (e) {
    throw new Error(nativeHelp(backend, `loading ${pkg} failed (${(e as Error).message})`));
  }
}
