/**
 * The live dashboard server: routing, dataset JSON, run downloads, the
 * islands bundle, and static files that can never be read from outside
 * `dashboard/static/`.
 *
 * @module
 */
import { extname, join, resolve, sep } from "node:path";
import type { DashboardData } from "./data/source.ts";
import { runIdFromSlug, suiteIdFromSlug } from "./data/links.ts";
import { cellsOnly, historySlice } from "./data/slices.ts";
import { renderDocument } from "./render.tsx";
import type { Page, PageContext } from "./routes/_page.ts";
import { CSP } from "./components/Layout.tsx";
import { homePage } from "./routes/index.tsx";
import { leaderboardPage } from "./routes/leaderboard.tsx";
import { comparePage } from "./routes/compare.tsx";
import { historyPage } from "./routes/history.tsx";
import { runPage } from "./routes/run.tsx";
import { suitesPage } from "./routes/suites.tsx";
import { claimsPage } from "./routes/claims.tsx";
import { notFoundPage } from "./routes/_404.tsx";
import {
  CACHE_IMMUTABLE,
  CACHE_SHORT,
  contentHash,
  Representation,
  ResponseCache,
  type ResponseCacheOptions,
} from "./http/mod.ts";

/**
 * The pages under their paths (besides `/` and the run pages): the one table
 * a page is registered in, read by the handler and by the static build.
 *
 * @example
 * ```ts
 * import { PAGES } from "./server.ts";
 * console.log(Object.keys(PAGES)); // ["/leaderboard/", "/compare/", "/history/", "/claims/", "/suites/"]
 * ```
 */
export const PAGES: Readonly<Record<string, (c: PageContext) => Page>> = {
  "/leaderboard/": leaderboardPage,
  "/compare/": comparePage,
  "/history/": historyPage,
  "/claims/": claimsPage,
  "/suites/": suitesPage,
};

/** Directory of the dashboard's own static files (css, theme script). */
export const STATIC_DIR = new URL("./static/", import.meta.url).pathname;

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  data: DashboardData;
  /** The islands bundle (see bundleIslands). */
  bundle: string;
  /** Directory served under `/static/`; defaults to {@link STATIC_DIR}. */
  staticDir?: string;
  /** Bounds of the rendered-response cache (default 1000 entries, 64 MiB). */
  cache?: ResponseCacheOptions;
  /**
   * The absolute path the site is served under (default "/"), e.g. "/jepa-bench/" behind a
   * proxy or on a static host: the not-found page, answered at any depth, links from there.
   */
  rootPath?: string;
}

/**
 * Check and normalise a site root path: absolute, plain segments, one
 * trailing slash ("/a/b" -> "/a/b/"). A bad one is a TypeError naming it.
 *
 * @example
 * ```ts
 * import { normalizeRootPath } from "./server.ts";
 * console.log(normalizeRootPath("/some/sub/path")); // "/some/sub/path/"
 * ```
 */
export function normalizeRootPath(path: string): string {
  const p = path.endsWith("/") ? path : path + "/";
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(p) || p.split("/").some((x) => x === "." || x === "..")) {
    throw new TypeError(
      `--base-path: expected an absolute path like /jepa-bench/ (letters, digits, . _ ~ -), got "${path}"`,
    );
  }
  return p;
}

/**
 * The longest request target (path and query) the handler answers; longer
 * ones get `414 URI Too Long`. Deno.serve's HTTP parser itself answers
 * `400 Bad Request` and closes the connection for a request line over about
 * 64 KiB (65 400 bytes pass, 65 500 do not, in Deno 2.9.6) before any handler
 * runs; that limit cannot be set through Deno.serve.
 *
 * @example
 * ```ts
 * import { MAX_URL_LENGTH } from "./server.ts";
 * console.log(MAX_URL_LENGTH); // 8192
 * ```
 */
export const MAX_URL_LENGTH = 8192;

const SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function text(body: string, status: number): Response {
  return new Response(body, {
    status,
    headers: { "content-type": TYPES[".txt"], ...SECURITY_HEADERS },
  });
}

function htmlRep(body: string, status = 200): Representation {
  return new Representation({
    status,
    body,
    headers: { "content-type": TYPES[".html"], ...SECURITY_HEADERS },
  });
}

function jsonRep(value: unknown): Representation {
  return new Representation({
    body: JSON.stringify(value),
    headers: { "content-type": TYPES[".json"], ...SECURITY_HEADERS },
  });
}

/**
 * Resolve `rel` inside `root`, or null when it would leave it (`..`, absolute
 * paths, NUL bytes, symlinks pointing out).
 *
 * @example
 * ```ts
 * import { safeStaticPath } from "./server.ts";
 * console.log(await safeStaticPath("/srv/static/", "../etc/passwd")); // null
 * ```
 */
export async function safeStaticPath(root: string, rel: string): Promise<string | null> {
  if (rel.includes("\0") || rel.includes("\\")) return null;
  const rootAbs = resolve(root);
  const candidate = resolve(rootAbs, "." + sep + rel);
  if (!candidate.startsWith(rootAbs + sep)) return null;
  try {
    const real = await Deno.realPath(candidate);
    const realRoot = await Deno.realPath(rootAbs);
    if (!real.startsWith(realRoot + sep)) return null;
    const info = await Deno.stat(real);
    return info.isFile ? real : null;
  } catch {
    return null;
  }
}

/**
 * The content hash of every file directly in `staticDir` and of the bundle
 * (as `islands.js`): pages link `static/<name>?v=<hash>`, which the handler
 * answers as immutable while the file keeps that content.
 *
 * @example
 * ```ts
 * import { assetVersions, STATIC_DIR } from "./server.ts";
 * console.log(Object.keys(assetVersions(STATIC_DIR, "")).sort()); // ["islands.js", "style.css", "theme.js"]
 * ```
 */
export function assetVersions(staticDir: string, bundle: string): Record<string, string> {
  const out: Record<string, string> = { "islands.js": contentHash(bundle) };
  for (const e of Deno.readDirSync(staticDir)) {
    if (e.isFile) out[e.name] = contentHash(Deno.readFileSync(join(staticDir, e.name)));
  }
  return out;
}

/**
 * How long (ms) a static file, once resolved inside the static folder, read and
 * hashed, is answered without looking at the disk again: a changed or removed
 * file is seen within this time.
 *
 * @example
 * ```ts
 * import { STATIC_RECHECK_MS } from "./server.ts";
 * console.assert(STATIC_RECHECK_MS === 1000);
 * ```
 */
export const STATIC_RECHECK_MS = 1000;

/**
 * Build the request handler. Pages and JSON are rendered once per request
 * target and store generation ({@link DashboardData.generation}) and kept in a
 * bounded cache; every 2xx answer has a strong ETag (304 on `If-None-Match`),
 * `Cache-Control` (a few seconds for pages and JSON, a year and immutable for
 * a static file asked for under its content hash), and is gzipped when the
 * client accepts it. Static files are looked up on disk again at most every
 * {@link STATIC_RECHECK_MS}.
 *
 * @example
 * ```ts
 * import { createHandler } from "./server.ts";
 * // Deno.serve(createHandler({ data, bundle }));
 * ```
 */
export function createHandler(options: HandlerOptions): (req: Request) => Promise<Response> {
  const { data, bundle } = options;
  const staticDir = options.staticDir ?? STATIC_DIR;
  const rootPath = normalizeRootPath(options.rootPath ?? "/");
  const assets = assetVersions(staticDir, bundle);
  const bundleRep = new Representation({
    body: bundle,
    headers: { "content-type": TYPES[".js"], ...SECURITY_HEADERS },
  });
  const rendered = new ResponseCache<Representation>(options.cache);
  // A static path resolved, read and hashed less than STATIC_RECHECK_MS ago is answered from
  // here: the path checks, the read and the hash cost more than the answer itself. A recheck
  // that finds the same content keeps the Representation (and its gzip form).
  const checkedFiles = new Map<string, { rep: Representation; hash: string; at: number }>();
  const page = (p: Page, base: string) => htmlRep(renderDocument(p, base, assets), p.status ?? 200);
  const assetCache = (url: URL, version: string) =>
    url.searchParams.get("v") === version ? CACHE_IMMUTABLE : CACHE_SHORT;

  /** The answer of a page or data path: a Representation to cache, else a Response. */
  const route = (path: string, url: URL): Representation | Response | null => {
    const ctx = (base: string): PageContext => ({ data, url, base });
    const pages = PAGES;
    if (path === "/" || path === "/index.html") return page(homePage(ctx("")), "");
    if (pages[path]) return page(pages[path](ctx("../")), "../");
    if (pages[path.replace(/index\.html$/, "")]) {
      return page(pages[path.replace(/index\.html$/, "")](ctx("../")), "../");
    }
    if (pages[path + "/"]) {
      return new Response(null, { status: 301, headers: { location: path + "/" + url.search } });
    }
    const run = /^\/runs\/([^/]+)\/(index\.html|run\.json)?$/.exec(path);
    if (run) {
      const id = runIdFromSlug(run[1]);
      if (id === null) return text("not found", 404);
      if (run[2] === "run.json") {
        const doc = data.run(id);
        if (!doc) return text("not found", 404);
        return new Representation({
          body: JSON.stringify(doc, null, 1),
          headers: {
            "content-type": TYPES[".json"],
            "content-disposition": `attachment; filename="${run[1]}.json"`,
            ...SECURITY_HEADERS,
          },
        });
      }
      return page(runPage(ctx("../../"), id), "../../");
    }
    if (path === "/data/index.json") {
      return jsonRep(data.datasets().map((d) => ({ id: d.suite.id, title: d.suite.title })));
    }
    // A suite's whole dataset, and what the islands fetch of it (dashboard/data/slices.ts): the
    // cells, and one metric's history.
    const dsm = /^\/data\/suites\/([^/]+?)(\.json|\/cells\.json|\/history\/([^/]+)\.json)$/.exec(
      path,
    );
    if (dsm) {
      const id = suiteIdFromSlug(dsm[1]);
      const ds = id === null ? null : data.dataset(id);
      if (!ds) return text("not found", 404);
      if (dsm[2] === ".json") return jsonRep(ds);
      if (dsm[3] === undefined) return jsonRep(cellsOnly(ds));
      const metric = runIdFromSlug(dsm[3]);
      const slice = metric === null ? null : historySlice(ds, metric);
      return slice ? jsonRep(slice) : text("not found", 404);
    }
    return null;
  };

  return async (req: Request): Promise<Response> => {
    const target = req.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
    if (target.length > MAX_URL_LENGTH) return text("URI too long", 414);
    if (req.method !== "GET" && req.method !== "HEAD") return text("method not allowed", 405);
    const url = new URL(req.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return text("bad request", 400);
    }
    if (path === "/static/islands.js") {
      return bundleRep.respond(req, assetCache(url, assets["islands.js"]));
    }
    if (path.startsWith("/static/")) {
      const rel = path.slice("/static/".length);
      const now = performance.now();
      let hit = checkedFiles.get(rel);
      if (hit === undefined || now - hit.at >= STATIC_RECHECK_MS) {
        const file = await safeStaticPath(staticDir, rel);
        if (!file) {
          checkedFiles.delete(rel);
          return text("not found", 404);
        }
        const body = await Deno.readFile(file);
        const hash = contentHash(body);
        const rep = hit?.hash === hash ? hit.rep : new Representation({
          body,
          headers: {
            "content-type": TYPES[extname(file)] ?? "application/octet-stream",
            ...SECURITY_HEADERS,
          },
        });
        if (checkedFiles.size >= 100) checkedFiles.clear();
        hit = { rep, hash, at: now };
        checkedFiles.set(rel, hit);
      }
      return hit.rep.respond(req, assetCache(url, hit.hash));
    }
    // Everything below is a function of the URL and the store: render it once per generation.
    const key = url.pathname + url.search;
    const generation = data.generation();
    const cached = rendered.get(key, generation);
    if (cached) return cached.respond(req);
    const answer = route(path, url);
    if (answer instanceof Response) return answer;
    if (answer === null) return page(notFoundPage(), rootPath).respond(req);
    // Only successes: a flood of made-up run ids must not push the real pages out.
    if (answer.status === 200) rendered.set(key, generation, answer);
    return answer.respond(req);
  };
}
