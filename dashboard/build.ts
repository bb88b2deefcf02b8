/**
 * Static export: writes the dashboard as plain files (HTML + JSON + the
 * islands bundle) that work from any static host or a plain file server.
 * Every file is produced by the live handler itself, so the two cannot drift.
 *
 * The output folder must be new, empty, or a previous build (marked by a
 * {@link BUILD_MARKER} file): anything else is refused, never wiped. A run or
 * suite page that cannot be produced (one bad submission) is skipped with a
 * warning; the rest of the site is still written.
 *
 * What it publishes: by default the committed results corpus (`corpus/`, every
 * document its index lists, checked first; see `src/core/corpus/`), or with
 * `--store PATH` the runs of a results store instead.
 *
 * Every link is relative, so the site works under any path; only `404.html`,
 * which a static host answers at any depth, links from the site's root:
 * `/` unless `--base-path /sub/path/` names where the site will be served.
 * The pages of the stored baselines (`--baselines`) are written too.
 *
 * Usage: `deno task dashboard:build [--corpus DIR | --store PATH] [--out DIR] [--baselines DIR]
 * [--base-path /sub/path/]`
 *
 * @module
 */
import { dirname, join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CORPUS_DIR } from "../src/core/corpus/corpus_index.ts";
import { bundleIslands } from "./bundle.ts";
import type { DashboardData } from "./data/source.ts";
import { cellsHref, datasetHref, historyHref, runSlug } from "./data/links.ts";
import { createHandler, normalizeRootPath, PAGES, STATIC_DIR } from "./server.ts";
import { openDashboardData } from "./setup.ts";

/** Default output directory of the static export. */
export const DEFAULT_OUT_DIR = "dist/dashboard";

/**
 * The file that marks a folder as a dashboard build, which the next build may replace.
 *
 * @example
 * ```ts
 * import { BUILD_MARKER } from "./build.ts";
 * console.log(BUILD_MARKER); // ".jepa-bench-dashboard"
 * ```
 */
export const BUILD_MARKER = ".jepa-bench-dashboard";

/** Options of {@link buildStaticSite}. */
export interface BuildOptions {
  data: DashboardData;
  outDir: string;
  /** Pre-built islands bundle; built with esbuild when absent. */
  bundle?: string;
  /** Where warnings go (a skipped page); default: stderr. */
  warn?: (message: string) => void;
  /** The absolute path the site will be served under (default "/"): `404.html` links from it. */
  basePath?: string;
}

/**
 * Make `outDir` ready for a build: create it when missing, empty it when it
 * is a previous build (it holds {@link BUILD_MARKER}), and throw an Error
 * naming it when it is a file or a non-empty folder that is not a build.
 *
 * @example
 * ```ts
 * import { prepareOutDir } from "./build.ts";
 * await prepareOutDir(await Deno.makeTempDir());
 * ```
 */
export async function prepareOutDir(outDir: string): Promise<void> {
  let names: string[];
  try {
    const info = await Deno.stat(outDir);
    if (!info.isDirectory) throw new Error(`--out "${outDir}" is not a folder`);
    names = [];
    for await (const e of Deno.readDir(outDir)) names.push(e.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    await Deno.mkdir(outDir, { recursive: true });
    names = [];
  }
  if (names.length > 0 && !names.includes(BUILD_MARKER)) {
    throw new Error(
      `--out "${outDir}" is not empty and is not a previous dashboard build (no ${BUILD_MARKER} ` +
        `file in it); give a new or empty folder`,
    );
  }
  for (const name of names) await Deno.remove(join(outDir, name), { recursive: true });
  await Deno.writeTextFile(
    join(outDir, BUILD_MARKER),
    "A jepa-bench dashboard build: `deno task dashboard:build` replaces this folder.\n",
  );
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
  const warn = options.warn ?? ((m: string) => console.error(`dashboard: ${m}`));
  await prepareOutDir(outDir); // first: refuse a folder that is not a build before any work
  const handler = createHandler({
    data,
    bundle: options.bundle ?? await bundleIslands(),
    rootPath: options.basePath,
  });
  const paths = ["/", ...Object.keys(PAGES), "/data/index.json"];
  /** Pages of one suite or run: skipped with a warning when they fail. */
  const optional = new Set<string>();
  for (const id of data.suiteIds()) {
    // The whole dataset, and what the islands fetch of it (dashboard/data/slices.ts).
    let metrics: { name: string }[] = [];
    try {
      metrics = data.dataset(id)?.suite.metrics ?? [];
    } catch { /* the dataset's own path below is skipped with the reason */ }
    for (
      const p of [
        datasetHref("/", id),
        cellsHref("/", id),
        ...metrics.map((m) => historyHref("/", id, m.name)),
      ]
    ) {
      paths.push(p);
      optional.add(p);
    }
  }
  for (const id of [...data.runIds(), ...data.baselineRunIds()]) {
    for (const p of [`/runs/${runSlug(id)}/`, `/runs/${runSlug(id)}/run.json`]) {
      paths.push(p);
      optional.add(p);
    }
  }
  paths.push("/static/islands.js");
  for (const e of Deno.readDirSync(STATIC_DIR)) if (e.isFile) paths.push(`/static/${e.name}`);
  const root = resolve(outDir);
  let files = 0, bytes = 0;
  const write = async (rel: string, body: Uint8Array) => {
    const file = join(outDir, rel);
    await Deno.mkdir(dirname(file), { recursive: true });
    await Deno.writeFile(file, body);
    files++;
    bytes += body.length;
  };
  for (const p of paths) {
    let res: Response;
    try {
      res = await handler(new Request(`http://static.invalid${p}`));
    } catch (e) {
      if (!optional.has(p)) throw e;
      warn(`skipping ${p}: ${(e as Error).message.split("\n")[0]}`);
      continue;
    }
    const rel = decodeURIComponent(p.endsWith("/") ? `${p}index.html` : p).slice(1);
    const inside = resolve(root, rel).startsWith(root + sep);
    if (res.status !== 200 || !inside) {
      if (!optional.has(p)) throw new Error(`static export: ${p} answered ${res.status}`);
      warn(
        `skipping ${p}: ${inside ? `answered ${res.status}` : "its path leaves the output folder"}`,
      );
      await res.body?.cancel();
      continue;
    }
    await write(rel, new Uint8Array(await res.arrayBuffer()));
  }
  const missing = await handler(new Request("http://static.invalid/404"));
  await write("404.html", new Uint8Array(await missing.arrayBuffer()));
  return { files, bytes };
}

if (import.meta.main) {
  const fail = (message: string, code: number): never => {
    console.error(`error: ${message.split("\n")[0]}`);
    Deno.exit(code);
  };
  let values: {
    store?: string;
    corpus?: string;
    out: string;
    baselines: string;
    "base-path"?: string;
  };
  try {
    ({ values } = parseArgs({
      args: Deno.args,
      options: {
        store: { type: "string" },
        corpus: { type: "string" },
        out: { type: "string", default: DEFAULT_OUT_DIR },
        baselines: { type: "string", default: "baselines" },
        "base-path": { type: "string" },
      },
    }));
  } catch (e) {
    fail((e as Error).message, 2);
  }
  const { store, corpus } = values!;
  if (store !== undefined && corpus !== undefined) {
    fail("give --corpus or --store, not both (the default is --corpus corpus)", 2);
  }
  if (store?.trim() === "") fail("--store: expected a file path, got an empty string", 2);
  if (corpus?.trim() === "") fail("--corpus: expected a folder, got an empty string", 2);
  if (values!.out.trim() === "") fail("--out: expected a folder, got an empty string", 2);
  let basePath: string | undefined;
  try {
    basePath = values!["base-path"] === undefined
      ? undefined
      : normalizeRootPath(values!["base-path"]);
  } catch (e) {
    fail((e as Error).message, 2);
  }
  const source = store !== undefined
    ? { storePath: store }
    : { corpusDir: corpus ?? DEFAULT_CORPUS_DIR };
  try {
    const data = await openDashboardData({ ...source, baselinesDir: values!.baselines });
    try {
      const { files, bytes } = await buildStaticSite({ data, outDir: values!.out, basePath });
      const from = source.storePath !== undefined
        ? `store ${source.storePath}`
        : `corpus ${source.corpusDir}`;
      console.log(
        `dashboard: wrote ${files} files (${(bytes / 1e6).toFixed(1)} MB) to ${values!.out} ` +
          `from ${from} (${data.runIds().length} runs)`,
      );
    } finally {
      data.store.close();
    }
  } catch (e) {
    fail((e as Error).message, 1);
  }
}
