/**
 * `deno task fingerprints`: record the fingerprints of every registered
 * suite's profiles in `src/suites/fingerprints.json` (see
 * `src/core/suite_fingerprint.ts`). New profiles and new suite versions are
 * added; a recorded profile of a current `suite@version` whose cases, params
 * or seeds changed (or that was removed) is refused, with exit code 1, until
 * that suite's version is bumped (or the change reverted).
 *
 * Usage: deno run -A scripts/fingerprints.ts [--file <path>]
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type Fingerprints,
  parseFingerprints,
  recordFingerprints,
  suiteFingerprints,
} from "../src/core/suite_fingerprint.ts";
import { FINGERPRINTS_URL, loadSuite, suiteIds } from "../src/suites/registry.ts";

/**
 * Update the fingerprint file at `path` from the registered suites; resolves
 * with the lines to print (what was added). Rejects with a RangeError when a
 * recorded profile changed (nothing is written then).
 *
 * @example
 * ```ts
 * import { updateFingerprintFile } from "./fingerprints.ts";
 * for (const line of await updateFingerprintFile("src/suites/fingerprints.json")) console.log(line);
 * ```
 */
export async function updateFingerprintFile(path: string | URL): Promise<string[]> {
  let recorded: Fingerprints = {};
  try {
    recorded = parseFingerprints(await Deno.readTextFile(path), String(path));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const suites = await Promise.all(suiteIds().map((id) => loadSuite(id)));
  const { next, added } = recordFingerprints(recorded, await suiteFingerprints(suites));
  if (added.length === 0) return ["fingerprints are up to date"];
  await Deno.writeTextFile(path, JSON.stringify(next, null, 2) + "\n");
  return added.map((a) => `recorded ${a}`);
}

if (import.meta.main) {
  try {
    const { values } = parseArgs({ args: Deno.args, options: { file: { type: "string" } } });
    const lines = await updateFingerprintFile(values.file ?? FINGERPRINTS_URL);
    for (const line of lines) console.log(line);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
