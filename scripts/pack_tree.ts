/**
 * The offline pack's folder (layout: pack_files.ts): Deno, the CLI bundle and
 * its stubs, the wasm binaries, the launcher, the pack's deno.json,
 * baselines/, licences, README.md and PACK.json. pack.ts archives it;
 * test/e2e/pack_test.ts runs a folder made with the test runner's own Deno.
 *
 * @module
 */
import { bundleCli } from "./pack_bundle.ts";
import { PACK_DENO_VERSION } from "./pack_deno.ts";
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
 * What {@link writePackTree} takes.
 *
 * @example
 * ```ts
 * import type { PackTreeOptions } from "./pack_tree.ts";
 * const o: PackTreeOptions = { root: ".", deno: Deno.execPath(), version: "dev", commit: null,
 *   dirty: false };
 * ```
 */
export interface PackTreeOptions {
  /** The checkout (with node_modules). */
  root: string;
  /** The deno binary to pack (checked by the caller). */
  deno: string;
  /** The pack's version. */
  version: string;
  /** The checkout's commit, or null. */
  commit: string | null;
  /** Whether the checkout had uncommitted changes. */
  dirty: boolean;
  /** Symlink bin/deno to `deno` instead of copying it (tests). */
  linkDeno?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
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
 * Write the pack's files into `dir` (created; it should be empty) and return
 * the facts written to PACK.json.
 *
 * @example
 * ```ts
 * import { writePackTree } from "./pack_tree.ts";
 * const root = new URL("..", import.meta.url).pathname;
 * const dir = await Deno.makeTempDir();
 * await writePackTree(dir, { root, deno: Deno.execPath(), version: "dev", commit: null,
 *   dirty: false, linkDeno: true });
 * ```
 */
export async function writePackTree(dir: string, o: PackTreeOptions): Promise<PackInfo> {
  const log = o.log ?? (() => {});
  const root = o.root.replace(/\/$/, "");
  await Deno.mkdir(`${dir}/bin`, { recursive: true });
  await Deno.mkdir(`${dir}/${BUNDLE_DIR}`, { recursive: true });
  if (o.linkDeno) {
    await Deno.symlink(o.deno, `${dir}/bin/deno`);
  } else {
    await Deno.copyFile(o.deno, `${dir}/bin/deno`);
    await Deno.chmod(`${dir}/bin/deno`, 0o755);
  }
  log("bundle: src/cli.ts with esbuild");
  const bundle = await bundleCli(root);
  await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/lib.js`, bundle.code);
  await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/cli.js`, CLI_STUB);
  await Deno.writeTextFile(`${dir}/${BUNDLE_DIR}/worker.ts`, WORKER_STUB);
  for (const wasm of bundle.wasmFiles) {
    await Deno.copyFile(wasm, `${dir}/${BUNDLE_DIR}/${wasm.slice(wasm.lastIndexOf("/") + 1)}`);
  }
  await copyLicenses(bundle.packageDirs, bundle.packages, `${dir}/licenses`);
  await Deno.mkdir(`${dir}/licenses`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/licenses/PACKAGES.txt`,
    await licenseList(bundle.packageDirs, bundle.packages),
  );
  await copyTree(`${root}/baselines`, `${dir}/baselines`);
  await Deno.writeTextFile(`${dir}/deno.json`, PACK_DENO_JSON);
  await Deno.writeTextFile(`${dir}/jepa-bench`, LAUNCHER);
  await Deno.chmod(`${dir}/jepa-bench`, 0o755);
  const info: PackInfo = {
    version: o.version,
    commit: o.commit,
    dirty: o.dirty,
    built: new Date().toISOString(),
    deno: PACK_DENO_VERSION,
    packages: bundle.packages,
  };
  await Deno.writeTextFile(`${dir}/README.md`, packReadme(info));
  await Deno.writeTextFile(`${dir}/PACK.json`, JSON.stringify(info, null, 2) + "\n");
  return info;
}
