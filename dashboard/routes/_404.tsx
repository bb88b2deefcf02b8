/**
 * The not-found page.
 *
 * @module
 */
import type { Page } from "./_page.ts";

/**
 * Render the not-found page.
 *
 * @example
 * ```ts
 * import { notFoundPage } from "./_404.tsx";
 * console.log(notFoundPage().status); // 404
 * ```
 */
export function notFoundPage(): Page {
  return {
    title: "Not found",
    status: 404,
    body: (
      <>
        <h1>Not found</h1>
        <p>No such page.</p>
      </>
    ),
  };
}
