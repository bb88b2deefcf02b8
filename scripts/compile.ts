/**
 * `deno task compile`: build the jepa-bench CLI as one self-contained binary,
 * `dist/jepa-bench`, with its npm dependencies and the tfjs wasm files inside.
 *
 * The binary runs every command like `deno run -A src/cli.ts` does; its runner
 * workers are the binary itself (hidden `__worker` command). Only the files the
 * CLI loads at run time are embedded: the tfjs packages' Node builds
 * (`dist/*.node.js`) and wasm binaries, not their browser bundles, source maps
 * or the dashboard's and tests' packages. The native backends (tensorflow,
 * tensorflow-gpu) are not embedded; use wasm, cpu or webgpu with the binary.
 *
 * `deno compile` starts from Deno's runtime-only binary (`denort`), which it
 * downloads once from dl.deno.land. Offline, point `DENORT_BIN` at a copy of
 * `denort` for the same Deno version (2.9.6).
 *
 * Usage: deno run -A scripts/compile.ts [--out dist/jepa-bench] [--target x86_64-unknown-linux-gnu]
 *
 * @module
 */
import { parseArgs } from "node:util";

/** npm packages the CLI never loads at run time (dashboard, tests, tooling). */
const UNUSED_PACKAGES = [
  "playwright-core",
  "esbuild",
  "@esbuild",
  "chart.js",
  "@kurkle",
  "fast-check",
  "pure-rand",
  "preact",
  "preact-render-to-string",
  "@types",
  "@webgpu",
];

/** Files of the @tensorflow packages that run time needs (Node builds, wasm). */
function neededTfjsFile(rel: string): boolean {
  return /^dist\/[^/]*\.node\.js$/.test(rel) || /^dist\/[^/]*\.wasm$/.test(rel) ||
    /^dist\/[^/]*\.worker\.js$/.test(rel) || rel === "package.json";
}

/**
 * Paths under `node_modules` to leave out of the binary.
 *
 * @example
 * ```ts
 * import { excludedPaths } from "./compile.ts";
 * const paths = excludedPaths("node_modules");
 * ```
 */
export function excludedPaths(nodeModules: string): string[] {
  const out: string[] = [];
  const store = `${nodeModules}/.deno`;
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(store)];
  } catch {
    throw new Error(
      `${store} not found: run \`deno install\` first (the binary is built from node_modules)`,
    );
  }
  for (const entry of entries) {
    if (!entry.isDirectory) continue;
    const at = entry.name.lastIndexOf("@");
    const name = (at > 0 ? entry.name.slice(0, at) : entry.name).replace("+", "/");
    const pkgDir = `${store}/${entry.name}/node_modules/${name}`;
    if (UNUSED_PACKAGES.some((u) => name === u || name.startsWith(`${u}/`))) {
      out.push(pkgDir);
      continue;
    }
    if (!name.startsWith("@tensorflow/")) continue;
    const walk = (dir: string, rel: string) => {
      for (const e of Deno.readDirSync(dir)) {
        const r = rel === "" ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory) {
          if (r === "dist") walk(`${dir}/${e.name}`, r);
          else out.push(`${dir}/${e.name}`);
        } else if (!neededTfjsFile(r)) {
          out.push(`${dir}/${e.name}`);
        }
      }
    };
    try {
      walk(pkgDir, "");
    } catch { /* not a package folder */ }
  }
  return out;
}

async function gzipSize(path: string): Promise<number> {
  const file = await Deno.open(path);
  let n = 0;
  for await (const chunk of file.readable.pipeThrough(new CompressionStream("gzip"))) {
    n += chunk.length;
  }
  return n;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { out: { type: "string", default: "dist/jepa-bench" }, target: { type: "string" } },
  });
  const root = new URL("..", import.meta.url).pathname;
  Deno.chdir(root);
  const excludes = excludedPaths("node_modules");
  const args = [
    "compile",
    "-A",
    "--no-check",
    "--include",
    "src/core/runner/worker.ts",
    ...excludes.flatMap((p) => ["--exclude", p]),
    ...(values.target ? ["--target", values.target] : []),
    "-o",
    values.out!,
    "src/cli.ts",
  ];
  console.error(`compiling src/cli.ts -> ${values.out} (${excludes.length} paths excluded)`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) {
    console.error(
      "deno compile failed. Offline, it cannot download its base binary `denort`: set DENORT_BIN " +
        "to a local denort of Deno 2.9.6 (see docs/gpu.md).",
    );
    Deno.exit(code);
  }
  const size = Deno.statSync(values.out!).size;
  console.error(
    `${values.out}: ${(size / 2 ** 20).toFixed(1)} MiB, ${
      ((await gzipSize(values.out!)) / 2 ** 20).toFixed(1)
    } MiB gzipped`,
  );
}
