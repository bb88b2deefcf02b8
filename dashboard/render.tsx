/**
 * Turn a route's {@link Page} into a full HTML document.
 *
 * @module
 */
import { renderToString } from "preact-render-to-string";
import { Layout } from "./components/Layout.tsx";
import { resetIslandIds } from "./components/Island.tsx";
import type { Page } from "./routes/_page.ts";

/**
 * Render a page inside the shell, as an HTML string with a doctype; `assets`
 * (file name -> content hash) makes its static links `static/<name>?v=<hash>`.
 *
 * @example
 * ```ts
 * import { renderDocument } from "./render.tsx";
 * // renderDocument(suitesPage(ctx), "../", { "style.css": "2cf24dba" })
 * ```
 */
export function renderDocument(
  page: Page,
  base: string,
  assets: Readonly<Record<string, string>> = {},
): string {
  resetIslandIds();
  return "<!DOCTYPE html>" + renderToString(
    <Layout title={page.title} base={base} active={page.active} assets={assets}>
      {page.body}
    </Layout>,
  );
}
