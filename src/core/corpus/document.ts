/**
 * A corpus document: the run document of one verified run (the format `export` writes), with
 * its curves coarsened (`coarsen.ts`) and its header marked verified. It lives at
 * `<suite>@<version>/<profile>-<backend>-<runId>.json` inside the corpus folder.
 *
 * Verified means: the run was made from a clean checkout (`git.dirty` is false) of a known
 * commit, it finished, it is not a shard, and — unless the caller allows it — no record failed.
 * The header's tags then say so:
 *
 * - `verified`: `corpus` (the tag the dashboard reads, where CI writes `ci`; a public
 *   submission may set neither)
 * - `verified_commit`: the commit that produced the run (the header's `git.commit`)
 * - `corpus_max_curve_points`: the most points any curve of the document keeps
 * - `corpus_note`: the same in words
 *
 * Plain data and functions only (no file system, no git), so that the dashboard's browser
 * bundle may import it.
 *
 * @module
 */
import type { CaseResult, RunDocument, RunHeader } from "../store/record.ts";
import { coarsenRecord, longestCurve, MAX_CURVE_POINTS } from "./coarsen.ts";

/**
 * The header tags of a corpus document.
 *
 * @example
 * ```ts
 * import { CORPUS_TAGS } from "./document.ts";
 * console.log(CORPUS_TAGS.verified); // "verified"
 * ```
 */
export const CORPUS_TAGS = {
  /** {@link CORPUS_VERIFIED} on every corpus document. */
  verified: "verified",
  /** The commit that produced the run. */
  commit: "verified_commit",
  /** The most points a curve keeps. */
  maxCurvePoints: "corpus_max_curve_points",
  /** The coarsening in words. */
  note: "corpus_note",
} as const;

/**
 * The value of the `verified` tag of a corpus document.
 *
 * @example
 * ```ts
 * import { CORPUS_TAGS, CORPUS_VERIFIED } from "./document.ts";
 * import type { RunHeader } from "../store/record.ts";
 * declare const header: RunHeader;
 * console.log(header.tags[CORPUS_TAGS.verified] === CORPUS_VERIFIED);
 * ```
 */
export const CORPUS_VERIFIED = "corpus";

/**
 * What a git commit id looks like (SHA-1 or SHA-256, full or abbreviated, lowercase hex).
 *
 * @example
 * ```ts
 * import { COMMIT_ID_PATTERN } from "./document.ts";
 * console.log(COMMIT_ID_PATTERN.test("3cf622d")); // true
 * ```
 */
export const COMMIT_ID_PATTERN = /^[0-9a-f]{7,64}$/;

/** A path segment a corpus file name may hold: no slash, no leading dot. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Options of {@link makeCorpusDocument}.
 *
 * @example
 * ```ts
 * import type { CorpusDocumentOptions } from "./document.ts";
 * const options: CorpusDocumentOptions = { allowFailed: true };
 * ```
 */
export interface CorpusDocumentOptions {
  /** Accept a run with failed records or one that did not finish. */
  allowFailed?: boolean;
  /** The most points a curve keeps (default {@link MAX_CURVE_POINTS}). */
  maxCurvePoints?: number;
}

/**
 * The path of a run's document inside the corpus folder:
 * `<suite>@<version>/<profile>-<backend>-<runId>.json`. Throws a TypeError when the profile,
 * backend or run id cannot be part of a file name.
 *
 * @example
 * ```ts
 * import { corpusDocumentPath } from "./document.ts";
 * import type { RunHeader } from "../store/record.ts";
 * declare const header: RunHeader;
 * console.log(corpusDocumentPath(header)); // e.g. "planning@2/smoke-wasm-20261201T202325Z-8c59cc.json"
 * ```
 */
export function corpusDocumentPath(header: RunHeader): string {
  const parts: Array<[string, string]> = [
    ["suite id", header.suite.id],
    ["profile", header.profile],
    ["backend", header.env.backend],
    ["run id", header.runId],
  ];
  for (const [what, value] of parts) {
    if (!SAFE_SEGMENT.test(value)) {
      throw new TypeError(
        `run ${JSON.stringify(header.runId)}: its ${what} ${
          JSON.stringify(value)
        } cannot be part of a corpus file name (letters, digits, "_", "." and "-" only)`,
      );
    }
  }
  const h = header;
  return `${h.suite.id}@${h.suite.version}/${h.profile}-${h.env.backend}-${h.runId}.json`;
}

function describeFailure(r: CaseResult): string {
  return r.status === "failed"
    ? `${r.caseId} seed ${r.seed}: ${r.error.kind}: ${r.error.message}`.slice(0, 120)
    : `${r.caseId} seed ${r.seed}`;
}

/**
 * Why a run cannot be a corpus document, or null when it can: its header must be verified
 * (`git.dirty` false and a known commit), it must have finished, not be a shard, and have no
 * failed record unless `allowFailed`.
 *
 * @example
 * ```ts
 * import { corpusRefusal } from "./document.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const run: RunDocument;
 * const why = corpusRefusal(run, {});
 * if (why !== null) console.log(why);
 * ```
 */
export function corpusRefusal(
  run: RunDocument,
  options: CorpusDocumentOptions = {},
): string | null {
  const h = run.header;
  const id = h.runId;
  if (h.git.dirty === true) {
    return `run ${id} is not verified: it was made from a dirty checkout (git.dirty is true); ` +
      "commit, then run it again from the clean commit";
  }
  if (h.git.dirty === null) {
    return `run ${id} is not verified: its git state is unknown (git.dirty is null); run it ` +
      "from a clean git checkout";
  }
  if (h.git.commit === null) {
    return `run ${id} is not verified: its commit is unknown (git.commit is null); run it from ` +
      "a clean git checkout";
  }
  if (!COMMIT_ID_PATTERN.test(h.git.commit)) {
    return `run ${id} is not verified: git.commit ${
      JSON.stringify(h.git.commit).slice(0, 70)
    } is not a commit id`;
  }
  if (h.tags.shard !== undefined) {
    return `run ${id} is shard ${h.tags.shard} of a run: merge the shards first (merge)`;
  }
  if (options.allowFailed === true) return null;
  if (h.finishedAt === null) {
    return `run ${id} is unfinished (no finishedAt): finish it with run --resume ${id}, or ` +
      "pass --allow-failed to publish it as it is";
  }
  const failed = run.records.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    return `run ${id} has ${failed.length} failed record(s) (first: ${
      describeFailure(failed[0])
    }); pass --allow-failed to publish it with them`;
  }
  return null;
}

/**
 * The corpus document of a run: the same header and records, every curve coarsened to at most
 * `maxCurvePoints` points, and the header tagged verified with its commit (see the module
 * notes). Throws an Error with {@link corpusRefusal}'s reason when the run cannot be one, and
 * a TypeError when its names cannot form a file name ({@link corpusDocumentPath}).
 *
 * @example
 * ```ts
 * import { makeCorpusDocument } from "./document.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const run: RunDocument;
 * const doc = makeCorpusDocument(run);
 * console.log(doc.header.tags.verified); // "corpus"
 * ```
 */
export function makeCorpusDocument(
  run: RunDocument,
  options: CorpusDocumentOptions = {},
): RunDocument {
  const why = corpusRefusal(run, options);
  if (why !== null) throw new Error(why);
  corpusDocumentPath(run.header);
  const max = options.maxCurvePoints ?? MAX_CURVE_POINTS;
  const tags = { ...run.header.tags };
  tags[CORPUS_TAGS.verified] = CORPUS_VERIFIED;
  tags[CORPUS_TAGS.commit] = run.header.git.commit!;
  tags[CORPUS_TAGS.maxCurvePoints] = String(max);
  tags[CORPUS_TAGS.note] = `curves coarsened to at most ${max} points each (evenly spaced, ` +
    "first and last kept); the store the run was added from holds them all";
  return {
    schemaVersion: run.schemaVersion,
    header: { ...run.header, tags },
    records: run.records.map((r) => coarsenRecord(r, max)),
  };
}

/**
 * Why a (validated) document is not a corpus document at `path`, or null when it is one: the
 * path must be {@link corpusDocumentPath} of its header, the header verified and marked so with
 * its commit, and no curve longer than the declared maximum (itself at most
 * {@link MAX_CURVE_POINTS}). Git history is not looked at here (see `git.ts`).
 *
 * @example
 * ```ts
 * import { corpusDocumentProblem } from "./document.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * console.log(corpusDocumentProblem(doc, "planning@2/smoke-wasm-r1.json"));
 * ```
 */
export function corpusDocumentProblem(doc: RunDocument, path: string): string | null {
  const h = doc.header;
  let want: string;
  try {
    want = corpusDocumentPath(h);
  } catch (e) {
    return (e as Error).message;
  }
  if (path !== want) return `its header belongs at ${want}, not ${path}`;
  if (h.tags[CORPUS_TAGS.verified] !== CORPUS_VERIFIED) {
    return `not marked verified (tags.${CORPUS_TAGS.verified} is ${
      JSON.stringify(h.tags[CORPUS_TAGS.verified] ?? null)
    }); add runs with corpus add`;
  }
  if (h.git.dirty !== false || h.git.commit === null) {
    return `marked verified but git.dirty is ${h.git.dirty} and git.commit ${h.git.commit}`;
  }
  if (h.tags[CORPUS_TAGS.commit] !== h.git.commit) {
    return `tags.${CORPUS_TAGS.commit} (${h.tags[CORPUS_TAGS.commit] ?? "absent"}) is not ` +
      `the header's git.commit (${h.git.commit})`;
  }
  const declared = Number(h.tags[CORPUS_TAGS.maxCurvePoints]);
  if (!Number.isInteger(declared) || declared < 2 || declared > MAX_CURVE_POINTS) {
    return `tags.${CORPUS_TAGS.maxCurvePoints} must be an integer in 2..${MAX_CURVE_POINTS}, ` +
      `got ${JSON.stringify(h.tags[CORPUS_TAGS.maxCurvePoints] ?? null)}`;
  }
  for (const [i, r] of doc.records.entries()) {
    const { name, points } = longestCurve(r);
    if (points > declared) {
      return `records[${i}].curves.${name} has ${points} points, more than the ${declared} ` +
        "the document declares";
    }
  }
  return null;
}

/** A [step, value] pair as `JSON.stringify(_, null, 2)` writes it: four lines. */
const PAIR = /\[\n\s*(-?\d[\d.eE+-]*|null),\n\s*(-?\d[\d.eE+-]*|null)\n\s*\]/g;

/**
 * The text of a corpus document: indented JSON (non-finite values as null, as `export` writes
 * them) with every [step, value] pair on one line, so a curve costs a line a point.
 *
 * @example
 * ```ts
 * import { corpusDocumentJson } from "./document.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const doc: RunDocument;
 * await Deno.writeTextFile("doc.json", corpusDocumentJson(doc));
 * ```
 */
export function corpusDocumentJson(doc: RunDocument): string {
  return JSON.stringify(doc, null, 2).replace(PAIR, "[$1, $2]") + "\n";
}
