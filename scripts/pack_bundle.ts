/**
 * The offline pack's CLI bundle: `src/cli.ts` and every npm module it loads at
 * run time (tfjs and its Node builds, backend-wasm, backend-webgpu, ml-matrix)
 * in one ES module, built with esbuild's JS API, plus the tfjs-backend-wasm
 * `.wasm` files that module reads next to itself.
 *
 * The bundle exports `main` and runs nothing on import: `import.meta.main` is
 * defined as false for every bundled module (src/cli.ts and worker.ts would
 * otherwise both start), and the pack's two stubs call `main` (see
 * pack_files.ts). The tfjs Node builds are CommonJS: they get a real `require`
 * (node:module's createRequire) for Node built-ins, and `__dirname` is the
 * bundle's folder, where the wasm backend finds its `.wasm` files.
 *
 * @module
 */
import * as esbuild from "esbuild";

/**
 * What {@link bundleCli} built.
 *
 * @example
 * ```ts
 * import type { CliBundle } from "./pack_bundle.ts";
 * const kib = (b: CliBundle) => b.code.length / 1024;
 * ```
 */
export interface CliBundle {
  /** The bundle's source text (an ES module exporting `main`). */
  code: string;
  /** Absolute paths of the tfjs-backend-wasm `.wasm` files to copy next to it. */
  wasmFiles: string[];
  /** npm packages inside the bundle (name@version), sorted. */
  packages: string[];
  /** Absolute package folders of those packages, for their licence files. */
  packageDirs: string[];
}

const BANNER = [
  'import { createRequire as __jepaPackCreateRequire } from "node:module";',
  "const require = __jepaPackCreateRequire(import.meta.url);",
  "const __jepaPackDir = import.meta.dirname;",
].join("\n");

/** The package (name@version) and folder of a bundled input path, or null for project sources. */
function packageOf(root: string, input: string): { id: string; dir: string } | null {
  const m = input.match(/^(.*node_modules\/\.deno\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+))\//);
  if (m === null) return null;
  const at = m[2].lastIndexOf("@");
  const version = m[2].slice(at + 1).split("_")[0];
  const dir = m[1].startsWith("/") ? m[1] : `${root}/${m[1]}`;
  return { id: `${m[3]}@${version}`, dir };
}

/**
 * Bundle the CLI for the pack from the checkout at `root` (which must have
 * `node_modules`, i.e. `deno install` has run).
 *
 * @example
 * ```ts
 * import { bundleCli } from "./pack_bundle.ts";
 * const b = await bundleCli(new URL("..", import.meta.url).pathname);
 * console.log(b.code.length > 0, b.wasmFiles.length);
 * ```
 */
export async function bundleCli(root: string): Promise<CliBundle> {
  root = root.replace(/\/$/, "");
  const wasmDir = `${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist`;
  let wasmFiles: string[];
  try {
    wasmFiles = [...Deno.readDirSync(wasmDir)]
      .filter((e) => e.name.endsWith(".wasm"))
      .map((e) => `${wasmDir}/${e.name}`)
      .sort();
  } catch {
    throw new Error(
      `${wasmDir} not found: run \`deno install\` first (the pack bundles node_modules)`,
    );
  }
  if (wasmFiles.length === 0) throw new Error(`no .wasm files in ${wasmDir}`);
  let result: esbuild.BuildResult & {
    outputFiles: esbuild.OutputFile[];
    metafile: esbuild.Metafile;
  };
  try {
    result = await esbuild.build({
      stdin: {
        contents: 'export { main } from "./src/cli.ts";',
        resolveDir: root,
        sourcefile: "pack_entry.ts",
        loader: "ts",
      },
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      target: "es2022",
      define: { "import.meta.main": "false", "__dirname": "__jepaPackDir" },
      external: ["node:*"],
      banner: { js: BANNER },
      legalComments: "eof",
      logLevel: "silent",
    });
  } catch (e) {
    throw new Error(`esbuild could not bundle src/cli.ts: ${(e as Error).message.split("\n")[0]}`);
  } finally {
    await esbuild.stop();
  }
  const packages = new Map<string, string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const p = packageOf(root, input);
    if (p !== null) packages.set(p.id, p.dir);
  }
  const ids = [...packages.keys()].sort();
  return {
    code: result.outputFiles[0].text,
    wasmFiles,
    packages: ids,
    packageDirs: ids.map((id) => packages.get(id)!),
  };
}
