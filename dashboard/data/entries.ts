/**
 * How a record is named and placed on the dashboard: which entry it belongs
 * to, whether that entry is a submission, whether the run was verified (by CI
 * or as a document of the committed results corpus),
 * and which parameters are the dimension and the latent law.
 *
 * @module
 */
import type { CaseResult, RunHeader } from "../../src/core/store/record.ts";
import { CORPUS_VERIFIED } from "../../src/core/corpus/document.ts";
import {
  entryOf as coreEntryOf,
  type EntryRef,
  isSubmission as coreIsSubmission,
} from "../../src/core/analysis/mod.ts";

/** Parameter names read as the dimension, first match wins. */
export const DIM_KEYS = ["N", "dim", "k"] as const;
/** Parameter names read as the latent law, first match wins. */
export const LAW_KEYS = ["law", "latentLaw", "latent"] as const;
/** Curves whose x axis is the latent dimension k (regret against k), by name. */
export const K_CURVE = /^regret@/;

/**
 * The entry of a record (src/core/analysis: `tags.entry` of a submitted run,
 * else the record's regulariser or objective parameter, else the suite id).
 *
 * @example
 * ```ts
 * import { entryOf } from "./entries.ts";
 * // entryOf(header, record) -> { key: "sigreg", name: "sigreg", submission: false, ... }
 * ```
 */
export function entryOf(header: RunHeader, record: CaseResult): EntryRef {
  return coreEntryOf(header.tags, record);
}

/**
 * Whether a run is a public submission (it names a submitter or an entry).
 *
 * @example
 * ```ts
 * import { isSubmission } from "./entries.ts";
 * // isSubmission({ ...header, tags: { submitter: "ada" } }) === true
 * ```
 */
export function isSubmission(header: RunHeader): boolean {
  return coreIsSubmission(header.tags);
}

/**
 * Whether a run was verified: reproduced by CI (`tags.verified === "ci"`), or a
 * document of the committed results corpus, run from a clean commit
 * (`tags.verified === "corpus"`, written by `corpus add`).
 *
 * @example
 * ```ts
 * import { isVerified } from "./entries.ts";
 * // isVerified({ ...header, tags: { verified: "ci" } }) === true
 * ```
 */
export function isVerified(header: RunHeader): boolean {
  return header.tags.verified === "ci" || header.tags.verified === CORPUS_VERIFIED;
}

/**
 * The first parameter among `keys` that is present, as `[key, value]`.
 *
 * @example
 * ```ts
 * import { DIM_KEYS, findParam } from "./entries.ts";
 * console.log(findParam({ N: 8 }, DIM_KEYS)); // ["N", 8]
 * ```
 */
export function findParam(
  params: Record<string, string | number | boolean>,
  keys: readonly string[],
): [string, string | number | boolean] | null {
  for (const k of keys) if (params[k] !== undefined) return [k, params[k]];
  return null;
}
