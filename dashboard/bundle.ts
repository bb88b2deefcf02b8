/**
 * Bundle the islands for the browser with esbuild's JS API (npm:esbuild; its
 * platform binary comes from @esbuild/linux-x64 and friends, installed by
 * Deno as an optional dependency).
 *
 * @module
 */
import * as esbuild from "esbuild";

/**
 * Bundle `dashboard/client.ts` and everything it imports (preact, chart.js,
 * the data layer) into one minified ES module; returns its source text.
 *
 * @example
 * ```ts
 * import { bundleIslands } from "./bundle.ts";
 * const js = await bundleIslands();
 * console.log(js.length > 0);
 * ```
 */
export async function bundleIslands(options: { minify?: boolean } = {}): Promise<string> {
  const entry = new URL("./client.ts", import.meta.url).pathname;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      minify: options.minify ?? true,
      legalComments: "none",
      logLevel: "silent",
    });
    return result.outputFiles[0].text;
  } finally {
    await esbuild.stop();
  }
}
