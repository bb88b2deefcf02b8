/**
 * Series colours and dash patterns that stay apart with many series, in
 * light and dark themes, and the one colour of each entry.
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
 * The colour of a key from its text alone (FNV-1a hash onto {@link PALETTE}).
 *
 * @example
 * ```ts
 * import { hashColor } from "./palette.ts";
 * console.log(hashColor("sigreg") === hashColor("sigreg")); // true
 * ```
 */
export function hashColor(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return PALETTE[(h >>> 0) % PALETTE.length];
}

/**
 * The colour of an entry, the same on every page: its place in `order` (the
 * entries the registered suites declare, `declaredEntries` in
 * src/core/analysis, the same list for every suite) picks a palette colour;
 * an entry not in it (a submission, an unregistered suite's) gets
 * {@link hashColor} of its key.
 *
 * @example
 * ```ts
 * import { entryColor, PALETTE } from "./palette.ts";
 * const order = ["sigreg", "whitening", "none"];
 * console.log(entryColor("whitening", order) === PALETTE[1]); // true
 * console.log(entryColor("sub:mine", order) === entryColor("sub:mine", [])); // true
 * ```
 */
export function entryColor(key: string, order: readonly string[]): string {
  const i = order.indexOf(key);
  return i < 0 ? hashColor(key) : PALETTE[i % PALETTE.length];
}
