/**
 * Headless Chromium for browser tests and screenshots (playwright-core).
 *
 * Which browser: `JEPA_CHROMIUM` when set (a path that must run); else
 * Debian's `/usr/bin/chromium` when it exists and answers `--version`; else
 * the Chromium that the npm package `@sparticuz/chromium` ships (unpacked to
 * the temp folder by its `executablePath()`), so a machine with only Node and
 * npm runs the browser tests too. A browser that cannot be found or started
 * is an error, never a skip.
 *
 * @module
 */
import { type BrowserContext, chromium } from "playwright-core";

/** Where Debian installs chromium (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a headless browser on a machine with a closed network, as root. */
const BASE_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** A Chromium binary and the flags it needs. */
export interface ChromiumBinary {
  /** Absolute path of the executable. */
  path: string;
  /** Flags to launch it with. */
  args: string[];
  /** Where it came from, for messages. */
  source: "JEPA_CHROMIUM" | "debian" | "@sparticuz/chromium";
}

/** True when `path` is a file that runs and prints a version. */
async function runs(path: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(path, {
      args: ["--version"],
      stdout: "piped",
      stderr: "null",
      stdin: "null",
    }).output();
    return out.success && new TextDecoder().decode(out.stdout).trim() !== "";
  } catch {
    return false;
  }
}

let cached: Promise<ChromiumBinary> | undefined;

/**
 * Find a Chromium: `JEPA_CHROMIUM`, then a working `/usr/bin/chromium`, then
 * the one in `npm:@sparticuz/chromium`. Throws one line naming what was tried.
 *
 * @example
 * ```ts
 * import { findChromium } from "./chromium.ts";
 * // const { path, source } = await findChromium();
 * ```
 */
export function findChromium(
  options: { debianPath?: string; env?: string | undefined } = {},
): Promise<ChromiumBinary> {
  const custom = "debianPath" in options || "env" in options;
  if (!custom && cached) return cached;
  const found = locate(options.debianPath ?? CHROMIUM_PATH, options.env ?? envPath());
  if (!custom) cached = found;
  return found;
}

function envPath(): string | undefined {
  try {
    return Deno.env.get("JEPA_CHROMIUM") || undefined;
  } catch {
    return undefined;
  }
}

async function locate(debianPath: string, env: string | undefined): Promise<ChromiumBinary> {
  if (env !== undefined) {
    if (await runs(env)) return { path: env, args: BASE_ARGS, source: "JEPA_CHROMIUM" };
    throw new Error(`JEPA_CHROMIUM=${env} does not run (\`${env} --version\` failed)`);
  }
  if (await runs(debianPath)) return { path: debianPath, args: BASE_ARGS, source: "debian" };
  let bundled: string;
  let bundledArgs: string[];
  try {
    const mod = await import("@sparticuz/chromium");
    const sparticuz = mod.default;
    bundled = await sparticuz.executablePath();
    bundledArgs = sparticuz.args;
    // Test files run in parallel processes: another one may be unpacking the same file right
    // now (executablePath() only checks that it exists). Wait until it runs, at most a minute.
    for (let i = 0; !(await runs(bundled)); i++) {
      if (i >= 30) throw new Error(`${bundled} was unpacked but does not run`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  } catch (e) {
    throw new Error(
      `no Chromium: ${debianPath} is missing or does not run, and npm:@sparticuz/chromium ` +
        `could not be unpacked (${(e as Error).message})`,
    );
  }
  // Its own flags first (they make it work without a GPU or /dev/shm), then ours.
  const loosen = ["--headless", "--disable-web-security", "--allow-running-insecure-content"];
  const args = [
    ...new Set([...bundledArgs.filter((a) => !loosen.some((l) => a.startsWith(l))), ...BASE_ARGS]),
  ];
  return { path: bundled, args, source: "@sparticuz/chromium" };
}

/**
 * Launch headless Chromium with a fresh profile directory.
 *
 * @example
 * ```ts
 * import { launchChromium } from "./chromium.ts";
 * // const { context, close } = await launchChromium();
 * ```
 */
export async function launchChromium(
  options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void>; binary: ChromiumBinary }> {
  const binary = await findChromium();
  const profile = await Deno.makeTempDir({ prefix: "jepa-bench-chromium-" });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: binary.path,
      headless: true,
      colorScheme: options.colorScheme ?? "light",
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      args: binary.args,
    });
  } catch (e) {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
    throw new Error(
      `Chromium (${binary.source}, ${binary.path}) did not start: ${(e as Error).message}`,
    );
  }
  return {
    context,
    binary,
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
