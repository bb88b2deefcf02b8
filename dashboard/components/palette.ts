/**
 * Series colours and dash patterns that stay apart with many series, in
 * light and dark themes.
 *
 * @module
 */

/** Twelve distinct hues (Tableau-like), readable on light and dark backgrounds. */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#59a14f",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#ff9da7",
  "#9c755f",
  "#8cd17d",
  "#a0cbe8",
  "#d37295",
];

/** Dash patterns for a second grouping (e.g. latent law). */
export const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 6]];

/**
 * A stable colour for a key (same key, same colour on every page).
 *
 * @example
 * ```ts
 * import { colorFor } from "./palette.ts";
 * console.log(colorFor("sigreg") === colorFor("sigreg")); // true
 * ```
 */
export function colorFor(key: string, index?: number): string {
  if (index !== undefined) return PALETTE[index % PALETTE.length];
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return PALETTE[(h >>> 0) % PALETTE.length];
}
