/**
 * Headless Chromium for browser tests and screenshots (playwright-core with
 * Debian's chromium). A missing browser is an error, never a skip.
 *
 * @module
 */
import { type BrowserContext, chromium } from "playwright-core";

/** Where Debian installs chromium (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Launch headless Chromium with a fresh profile directory; throws with an
 * install hint when the binary is missing.
 *
 * @example
 * ```ts
 * import { launchChromium } from "./chromium.ts";
 * // const { context, close } = await launchChromium();
 * ```
 */
export async function launchChromium(
  options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  try {
    await Deno.stat(CHROMIUM_PATH);
  } catch {
    throw new Error(
      `chromium not found at ${CHROMIUM_PATH}: install it with "apt-get update && apt-get install -y chromium" (browser tests never skip)`,
    );
  }
  const profile = await Deno.makeTempDir({ prefix: "jepa-bench-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}

/**
 * A plain static file server over `dir` (what any static host does: files by
 * path, `index.html` for directories, nothing else) on a free port.
 *
 * @example
 * ```ts
 * import { serveDirectory } from "./chromium.ts";
 * // const { url, shutdown } = serveDirectory("dist/dashboard");
 * ```
 */
export function serveDirectory(dir: string): { url: string; shutdown: () => Promise<void> } {
  const root = Deno.realPathSync(dir);
  const types: Record<string, string> = {
    html: "text/html; charset=utf-8",
    js: "text/javascript",
    css: "text/css",
    json: "application/json",
  };
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    let path = decodeURIComponent(new URL(req.url).pathname);
    if (path.includes("..")) return new Response("bad path", { status: 400 });
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await Deno.readFile(root + path);
      const ext = path.slice(path.lastIndexOf(".") + 1);
      return new Response(body, {
        headers: { "content-type": types[ext] ?? "application/octet-stream" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    shutdown: () => server.shutdown(),
  };
}
