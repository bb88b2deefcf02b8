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
import { bundleCli } from "./pack_bundle.ts";
import { assertDenoVersion, fetchDenoBinary, PACK_DENO_VERSION } from "./pack_deno.ts";
import {
  BUNDLE_DIR,
  CLI_STUB,
  LAUNCHER,
  PACK_DENO_JSON,
  type PackInfo,
  packReadme,
  WORKER_STUB,
} from "./pack_files.ts";

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

/** Copy a folder tree (plain files and folders). */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** Copy each package's LICENSE/COPYING/NOTICE files to `<to>/<name>/`. */
async function copyLicenses(dirs: string[], ids: string[], to: string): Promise<void> {
  for (let i = 0; i < dirs.length; i++) {
    const name = ids[i].slice(0, ids[i].lastIndexOf("@")).replace("/", "+");
    for await (const e of Deno.readDir(dirs[i])) {
      if (!e.isFile || !/^(licen[cs]e|copying|notice)/i.test(e.name)) continue;
      await Deno.mkdir(`${to}/${name}`, { recursive: true });
      await Deno.copyFile(`${dirs[i]}/${e.name}`, `${to}/${name}/${e.name}`);
    }
  }
}

/** One line per bundled package: `name@version  <license field of its package.json>`. */
async function licenseList(dirs: string[], ids: string[]): Promise<string> {
  const lines = [`deno@${PACK_DENO_VERSION}  MIT (https://github.com/denoland/deno)`];
  for (let i = 0; i < dirs.length; i++) {
    let license = "unknown";
    try {
      const pkg = JSON.parse(await Deno.readTextFile(`${dirs[i]}/package.json`));
      if (typeof pkg.license === "string") license = pkg.license;
    } catch { /* no package.json */ }
    lines.push(`${ids[i]}  ${license}`);
  }
  return lines.join("\n") + "\n";
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
    await Deno.mkdir(`${dir}/bin`, { recursive: true });
    await Deno.mkdir(`${dir}/${BUNDLE_DIR}`, { recursive: true });

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
    await Deno.copyFile(deno, `${dir}/bin/deno`);
    await Deno.chmod(`${dir}/bin/deno`, 0o755);

    log("bundle: src/cli.ts with esbuild");
    const bundle = await bundleCli(root);
    await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/lib.js`, bundle.code);
    await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/cli.js`, CLI_STUB);
    await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/worker.ts`, WORKER_STUB);
    for (const wasm of bundle.wasmFiles) {
      await Deno.copyFile(wasm, `${dir}/${BUNDLE_DIR}/${wasm.slice(wasm.lastIndexOf("/") + 1)}`);
    }
    await copyLicenses(bundle.packageDirs, bundle.packages, `${dir}/licenses`);
    await Deno.writeTextFile(
      `${dir}/licenses/PACKAGES.txt`,
      await licenseList(bundle.packageDirs, bundle.packages),
    );
    await copyTree(`${root}/baselines`, `${dir}/baselines`);
    await Deno.writeTextFile(`${dir}/deno.json`, PACK_DENO_JSON);
    await Deno.writeTextFile(`${dir}/jepa-bench`, LAUNCHER);
    await Deno.chmod(`${dir}/jepa-bench`, 0o755);
    const info: PackInfo = {
      version,
      commit: git.commit,
      dirty: git.dirty,
      built: new Date().toISOString(),
      deno: PACK_DENO_VERSION,
      packages: bundle.packages,
    };
    await Deno.writeTextFile(`${dir}/README.md`, packReadme(info));
    await Deno.writeTextFile(`${dir}/PACK.json`, JSON.stringify(info, null, 2) + "\n");

    await Deno.mkdir(options.outDir, { recursive: true });
    const archive = `${
      options.outDir.replace(/\/$/, "")
    }/jepa-bench-pack-${version}-linux-x64.tar.xz`;
    log(`archive: ${archive} (xz -${xzLevel})`);
    await run("tar", ["-C", scratch, "-cJf", archive, topDir], {
      env: { XZ_OPT: `-${xzLevel} -T0` },
    });
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
