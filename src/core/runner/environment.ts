/**
 * The reproducibility header's facts: git state, runtime versions, machine,
 * and a time-sortable run id.
 *
 * @module
 */
import type { RunEnvironment, RunHeader } from "../store/record.ts";

/** What a backend reported when it initialised (see `engine/backend.ts`). */
export interface BackendFacts {
  name: string;
  tfjsVersion: string;
  gpu: string | null;
}

async function git(args: string[], cwd?: string): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", {
      args: ["--no-optional-locks", ...args],
      cwd,
      stdout: "piped",
      stderr: "null",
      stdin: "null",
    }).output();
    return out.success ? new TextDecoder().decode(out.stdout).trim() : null;
  } catch {
    return null; // git missing or not runnable
  }
}

/**
 * Git commit, dirty flag and branch of `cwd` (default: the working
 * directory); every field is null when it is not a repository or git is
 * missing. `branch` is null on a detached HEAD. Changes no git state.
 *
 * @example
 * ```ts
 * import { gitState } from "./environment.ts";
 * const { commit, dirty, branch } = await gitState();
 * ```
 */
export async function gitState(cwd?: string): Promise<RunHeader["git"]> {
  const commit = await git(["rev-parse", "--verify", "--quiet", "HEAD"], cwd);
  if (commit === null || commit === "") {
    const inside = await git(["rev-parse", "--is-inside-work-tree"], cwd);
    if (inside !== "true") return { commit: null, dirty: null, branch: null };
    return { commit: null, dirty: true, branch: null };
  }
  const status = await git(["status", "--porcelain", "--untracked-files=no"], cwd);
  const branch = await git(["rev-parse", "--abbrev-ref", "HEAD"], cwd);
  return {
    commit,
    dirty: status === null ? null : status.length > 0,
    branch: branch === null || branch === "HEAD" ? null : branch,
  };
}

/**
 * The CPU model string (from /proc/cpuinfo "model name" on Linux, else
 * node:os), or "unknown".
 *
 * @example
 * ```ts
 * import { cpuModel } from "./environment.ts";
 * console.log(cpuModel());
 * ```
 */
export function cpuModel(): string {
  try {
    const text = Deno.readTextFileSync("/proc/cpuinfo");
    const m = /^model name\s*:\s*(.+)$/m.exec(text);
    if (m) return m[1].trim();
  } catch { /* not Linux */ }
  return "unknown";
}

/**
 * The run environment. `backend` is the backend name in use; `facts` is what
 * the backend reported (null for suites that use no tensors: tfjs "n/a").
 *
 * @example
 * ```ts
 * import { runEnvironment } from "./environment.ts";
 * const env = runEnvironment("wasm", null);
 * console.log(env.tfjs); // "n/a"
 * ```
 */
export function runEnvironment(backend: string, facts: BackendFacts | null): RunEnvironment {
  return {
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    tfjs: facts?.tfjsVersion ?? "n/a",
    backend: facts?.name ?? backend,
    os: Deno.build.os,
    arch: Deno.build.arch,
    cpu: cpuModel(),
    cpuCount: navigator.hardwareConcurrency ?? 0,
    gpu: facts?.gpu ?? null,
  };
}

/**
 * A new time-sortable run id: `YYYYMMDDTHHMMSSZ-<6 hex>` (UTC).
 *
 * @example
 * ```ts
 * import { newRunId } from "./environment.ts";
 * console.log(newRunId(new Date("2026-11-22T01:51:00Z"))); // e.g. "20261122T015100Z-3fa9c1"
 * ```
 */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const rand = crypto.getRandomValues(new Uint8Array(3));
  return `${stamp}-${[...rand].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
