/**
 * `deno task pack`: build the offline pack for GPU nodes, ONE archive
 * `dist/jepa-bench-pack-<version>-linux-x64.tar.xz` that runs the CLI (`run`,
 * `perf`, `check`, ...) on a Linux x86-64 machine with no network, no Deno, no
 * npm and no node: Deno itself (npm:@deno/linux-x64-glibc, fetched with
 * `npm pack`), the CLI bundled with its npm modules (esbuild), the tfjs wasm
 * binaries, a `jepa-bench` launcher, baselines/ and a README. Layout:
 * pack_files.ts. This is the offline path; `deno task compile`
 * (scripts/compile.ts) needs `denort` from dl.deno.land.
 *
 * Building needs the checkout with node_modules (`deno install`), npm with
 * access to its registry (or `--deno <path>` to a local deno 2.9.6), tar and
 * xz. Running the pack needs bash, tar and xz to unpack, nothing else.
 *
 * Usage: deno run -A scripts/pack.ts [--out-dir dist] [--version <v>] [--deno <path>]
 *        [--keep-dir] [--xz-level 0-9]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { assertDenoVersion, fetchDenoBinary, PACK_DENO_VERSION } from "./pack_deno.ts";
import type { PackInfo } from "./pack_files.ts";
import { writePackTree } from "./pack_tree.ts";

/**
 * What {@link buildPack} takes.
 *
 * @example
 * ```ts
 * import type { PackOptions } from "./pack.ts";
 * const options: PackOptions = { root: ".", outDir: "dist", xzLevel: 6 };
 * ```
 */
export interface PackOptions {
  /** The checkout (with node_modules). */
  root: string;
  /** Folder for the archive (created). */
  outDir: string;
  /** Pack version; default: the commit's short hash (+ "-dirty"). */
  version?: string;
  /** A local deno 2.9.6 binary instead of the npm package. */
  deno?: string;
  /** Also keep the unpacked pack folder next to the archive. */
  keepDir?: boolean;
  /** xz preset, 0 (fast) ... 9 (small); default 6. */
  xzLevel?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/**
 * What {@link buildPack} wrote.
 *
 * @example
 * ```ts
 * import type { PackResult } from "./pack.ts";
 * const mib = (r: PackResult) => r.bytes / 2 ** 20;
 * ```
 */
export interface PackResult {
  /** Path of the archive. */
  archive: string;
  /** Its size in bytes. */
  bytes: number;
  /** Name of the archive's top folder. */
  topDir: string;
  /** The facts written to PACK.json. */
  info: PackInfo;
}

async function run(cmd: string, args: string[], opts: Deno.CommandOptions = {}): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped", ...opts }).output();
  } catch (e) {
    throw new Error(`cannot run ${cmd} (${(e as Error).message.split("\n")[0]})`);
  }
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-1)[0] ?? "";
    throw new Error(`${cmd} ${args.slice(0, 3).join(" ")} ... failed (exit ${out.code}): ${err}`);
  }
  return new TextDecoder().decode(out.stdout).trim();
}

async function gitFacts(root: string): Promise<{ commit: string | null; dirty: boolean }> {
  try {
    const commit = await run("git", ["-C", root, "rev-parse", "HEAD"]);
    const status = await run("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"]);
    return { commit, dirty: status !== "" };
  } catch {
    return { commit: null, dirty: false };
  }
}

/**
 * Build the pack archive; see the module doc.
 *
 * @example
 * ```ts
 * import { buildPack } from "./pack.ts";
 * const root = new URL("..", import.meta.url).pathname;
 * const { archive, bytes } = await buildPack({ root, outDir: `${root}/dist` });
 * console.log(archive, bytes);
 * ```
 */
export async function buildPack(options: PackOptions): Promise<PackResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const root = options.root.replace(/\/$/, "");
  const xzLevel = options.xzLevel ?? 6;
  if (!Number.isInteger(xzLevel) || xzLevel < 0 || xzLevel > 9) {
    throw new RangeError(`xz level must be an integer 0-9, got ${options.xzLevel}`);
  }
  const git = await gitFacts(root);
  const version = options.version ??
    (git.commit === null
      ? "unversioned"
      : `${git.commit.slice(0, 12)}${git.dirty ? "-dirty" : ""}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(version)) {
    throw new RangeError(`pack version must match [A-Za-z0-9._-]+, got ${JSON.stringify(version)}`);
  }
  const topDir = `jepa-bench-${version}-linux-x64`;
  const scratch = await Deno.makeTempDir({ prefix: "jepa-bench-pack-" });
  try {
    const dir = `${scratch}/${topDir}`;
    let deno: string;
    if (options.deno !== undefined) {
      await assertDenoVersion(options.deno);
      deno = options.deno;
      log(`deno: ${deno}`);
    } else {
      log(`deno: npm pack @deno/linux-x64-glibc@${PACK_DENO_VERSION}`);
      await Deno.mkdir(`${scratch}/npm`);
      deno = await fetchDenoBinary(`${scratch}/npm`);
    }
    const info = await writePackTree(dir, { root, deno, version, ...git, log });

    await Deno.mkdir(options.outDir, { recursive: true });
    const archive = `${
      options.outDir.replace(/\/$/, "")
    }/jepa-bench-pack-${version}-linux-x64.tar.xz`;
    log(`archive: ${archive} (xz -${xzLevel})`);
    // Written aside and renamed: a failed or interrupted build leaves no truncated archive.
    await run("tar", ["-C", scratch, "-cJf", `${scratch}/pack.tar.xz`, topDir], {
      env: { XZ_OPT: `-${xzLevel} -T0` },
    });
    await Deno.copyFile(`${scratch}/pack.tar.xz`, `${archive}.partial`);
    await Deno.rename(`${archive}.partial`, archive);
    if (options.keepDir) {
      await Deno.remove(`${options.outDir}/${topDir}`, { recursive: true }).catch(() => {});
      await Deno.rename(dir, `${options.outDir}/${topDir}`);
    }
    return { archive, bytes: (await Deno.stat(archive)).size, topDir, info };
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname;
  let values;
  try {
    ({ values } = parseArgs({
      args: Deno.args,
      options: {
        "out-dir": { type: "string", default: `${root}dist` },
        version: { type: "string" },
        deno: { type: "string" },
        "keep-dir": { type: "boolean" },
        "xz-level": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`error: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(2);
  }
  if (values.help) {
    console.log(
      "usage: deno task pack [--out-dir dist] [--version <v>] [--deno <path>] [--keep-dir] " +
        "[--xz-level 0-9]",
    );
    Deno.exit(0);
  }
  const level = values["xz-level"];
  if (level !== undefined && !/^[0-9]$/.test(level)) {
    console.error(`error: --xz-level must be 0-9, got "${level}"`);
    Deno.exit(2);
  }
  try {
    const t0 = performance.now();
    const r = await buildPack({
      root,
      outDir: values["out-dir"]!,
      version: values.version,
      deno: values.deno,
      keepDir: values["keep-dir"],
      xzLevel: level === undefined ? undefined : Number(level),
      log: (line) => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${line}`),
    });
    console.error(
      `${r.archive}: ${(r.bytes / 2 ** 20).toFixed(1)} MiB (${r.bytes} bytes), built in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );
  } catch (e) {
    if (Deno.env.get("JEPA_BENCH_DEBUG")) console.error((e as Error).stack);
    console.error(`error: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(e instanceof RangeError ? 2 : 1);
  }
}
