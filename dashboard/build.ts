/**
 * Static export: writes the dashboard as plain files (HTML + JSON + the
 * islands bundle) that work from any static host or a plain file server.
 * Every file is produced by the live handler itself, so the two cannot drift.
 *
 * Usage: `deno task dashboard:build [--store PATH] [--out DIR] [--baselines DIR]`
 *
 * @module
 */
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_STORE_PATH } from "../src/core/store/store.ts";
import { bundleIslands } from "./bundle.ts";
import type { DashboardData } from "./data/source.ts";
import { runSlug } from "./data/links.ts";
import { createHandler, STATIC_DIR } from "./server.ts";
import { openDashboardData } from "./setup.ts";

/** Default output directory of the static export. */
export const DEFAULT_OUT_DIR = "dist/dashboard";

/** Options of {@link buildStaticSite}. */
export interface BuildOptions {
  data: DashboardData;
  outDir: string;
  /** Pre-built islands bundle; built with esbuild when absent. */
  bundle?: string;
}

/**
 * Write the static site; returns how many files and bytes were written.
 *
 * @example
 * ```ts
 * import { buildStaticSite } from "./build.ts";
 * // await buildStaticSite({ data, outDir: "dist/dashboard" });
 * ```
 */
export async function buildStaticSite(
  options: BuildOptions,
): Promise<{ files: number; bytes: number }> {
  const { data, outDir } = options;
  const handler = createHandler({ data, bundle: options.bundle ?? await bundleIslands() });
  const paths = ["/", "/leaderboard/", "/compare/", "/history/", "/suites/", "/data/index.json"];
  for (const id of data.suiteIds()) paths.push(`/data/suites/${encodeURIComponent(id)}.json`);
  for (const id of data.runIds()) {
    paths.push(`/runs/${runSlug(id)}/`, `/runs/${runSlug(id)}/run.json`);
  }
  paths.push("/static/islands.js");
  for (const e of Deno.readDirSync(STATIC_DIR)) if (e.isFile) paths.push(`/static/${e.name}`);
  await Deno.remove(outDir, { recursive: true }).catch(() => {});
  let files = 0, bytes = 0;
  const write = async (rel: string, body: Uint8Array) => {
    const file = join(outDir, rel);
    await Deno.mkdir(dirname(file), { recursive: true });
    await Deno.writeFile(file, body);
    files++;
    bytes += body.length;
  };
  for (const p of paths) {
    const res = await handler(new Request(`http://static.invalid${p}`));
    if (res.status !== 200) throw new Error(`static export: ${p} answered ${res.status}`);
    const rel = decodeURIComponent(p.endsWith("/") ? `${p}index.html` : p).slice(1);
    await write(rel, new Uint8Array(await res.arrayBuffer()));
  }
  const missing = await handler(new Request("http://static.invalid/404"));
  await write("404.html", new Uint8Array(await missing.arrayBuffer()));
  return { files, bytes };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      store: { type: "string", default: DEFAULT_STORE_PATH },
      out: { type: "string", default: DEFAULT_OUT_DIR },
      baselines: { type: "string", default: "baselines" },
    },
  });
  const data = await openDashboardData({ storePath: values.store, baselinesDir: values.baselines });
  const { files, bytes } = await buildStaticSite({ data, outDir: values.out });
  data.store.close();
  console.log(`dashboard: wrote ${files} files (${(bytes / 1e6).toFixed(1)} MB) to ${values.out}`);
}
