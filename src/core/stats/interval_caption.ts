/**
 * One sentence, for a table's caption or footer, that says what its
 * intervals are ("95 % t-interval of the mean over 3 seeds"), so that a reader
 * knows what the brackets mean without the source.
 *
 * @module
 */

/**
 * "3 seeds", "2–3 seeds" (the range when counts differ) or "1 seed" for a list
 * of per-row seed counts; "no seeds" when empty.
 *
 * @example
 * ```ts
 * import { seedCountPhrase } from "./interval_caption.ts";
 * console.assert(seedCountPhrase([3, 3, 2]) === "2–3 seeds");
 * ```
 */
export function seedCountPhrase(counts: readonly number[]): string {
  if (counts.length === 0) return "no seeds";
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  if (lo === hi) return `${lo} seed${lo === 1 ? "" : "s"}`;
  return `${lo}–${hi} seeds`;
}

/**
 * Caption of per-case intervals of a mean over seeds.
 *
 * @example
 * ```ts
 * import { meanIntervalCaption } from "./interval_caption.ts";
 * console.log(meanIntervalCaption([3, 3]));
 * // "95 % t-interval of the mean over 3 seeds"
 * ```
 */
export function meanIntervalCaption(counts: readonly number[], level = 0.95): string {
  return `${pct(level)} t-interval of the mean over ${seedCountPhrase(counts)}` +
    (Math.min(...counts) === 1 ? " (none with 1 seed)" : "");
}

/**
 * Caption of per-case intervals of a difference of means over seeds, given
 * how many rows were paired on shared seeds and how many used Welch.
 *
 * @example
 * ```ts
 * import { differenceIntervalCaption } from "./interval_caption.ts";
 * console.log(differenceIntervalCaption({ paired: 2, welch: 0 }, [3, 3]));
 * // "95 % paired t-interval of the difference over 3 shared seeds"
 * ```
 */
export function differenceIntervalCaption(
  methods: { paired: number; welch: number; pooled?: number },
  counts: readonly number[],
  level = 0.95,
): string {
  const seeds = seedCountPhrase(counts);
  const p = pct(level);
  if (methods.welch === 0) {
    return `${p} paired t-interval of the difference over ${seeds.replace("seed", "shared seed")}`;
  }
  if (methods.paired === 0) {
    return `${p} Welch t-interval of the difference (the seeds differ; ${seeds} a side)`;
  }
  return `${p} t-interval of the difference: paired where both sides ran the same seeds, ` +
    `else Welch (${seeds} a side)`;
}

function pct(level: number): string {
  return `${Number((level * 100).toPrecision(4))} %`;
}
