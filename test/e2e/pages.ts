/**
 * Page helpers shared by the dashboard's browser tests: open a page and wait
 * for its islands, collect its console errors, and find what sticks out on
 * the right.
 *
 * @module
 */
import type { Page } from "playwright-core";

/**
 * Wait until the page has hydrated islands and every `[data-status]` element is "ready".
 *
 * @example
 * ```ts
 * import { islandsReady } from "./pages.ts";
 * import type { Page } from "playwright-core";
 * declare const page: Page;
 * await islandsReady(page);
 * ```
 */
export async function islandsReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("[data-island]").length > 0);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-status]")].every((e) =>
      e.getAttribute("data-status") === "ready"
    )
  );
}

/**
 * Load `url`, wait for its islands, and return the console errors and page errors it raised.
 *
 * @example
 * ```ts
 * import { openPage } from "./pages.ts";
 * import type { Page } from "playwright-core";
 * declare const page: Page;
 * const errors = await openPage(page, "http://127.0.0.1:8000/");
 * ```
 */
export async function openPage(page: Page, url: string): Promise<string[]> {
  const errors: string[] = [];
  page.removeAllListeners("console");
  page.removeAllListeners("pageerror");
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${url}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${url}: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  await islandsReady(page);
  return errors;
}

/**
 * The page's scroll width against the viewport's, and up to five elements past
 * its right edge that are outside a scroll box of their own (`.table-wrap`).
 *
 * @example
 * ```ts
 * import { sideways } from "./pages.ts";
 * import type { Page } from "playwright-core";
 * declare const page: Page;
 * const { scroll, client } = await sideways(page); // scroll <= client: no sideways scrolling
 * ```
 */
export async function sideways(
  page: Page,
): Promise<{ scroll: number; client: number; wide: string[] }> {
  return await page.evaluate(() => {
    const el = document.documentElement;
    const wide = [...document.querySelectorAll("body *")].filter((e) =>
      !e.closest(".table-wrap") && e.getBoundingClientRect().right > el.clientWidth + 0.5
    ).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: el.scrollWidth, client: el.clientWidth, wide };
  });
}
