import assert from "node:assert/strict";
import type { Suite } from "../../src/core/suite.ts";
import {
  type FingerprintDrift,
  fingerprintDrift,
  type Fingerprints,
  parseFingerprints,
  suiteFingerprints,
} from "../../src/core/suite_fingerprint.ts";
import { FINGERPRINTS_URL, loadSuite, suiteIds } from "../../src/suites/registry.ts";
import { regularisersCase } from "../../src/suites/regularisers.ts";

const recorded = parseFingerprints(
  await Deno.readTextFile(FINGERPRINTS_URL),
  "src/suites/fingerprints.json",
);
const suites = await Promise.all(suiteIds().map((id) => loadSuite(id)));

/** The drift of `current` against `recorded`, as the failure message of the versions test. */
async function versionProblems(recorded: Fingerprints, current: Suite[]): Promise<string[]> {
  const drift: FingerprintDrift[] = fingerprintDrift(recorded, await suiteFingerprints(current));
  return drift.map((d) => d.message);
}

Deno.test("every registered suite's profiles have the cases recorded for their suite@version", async () => {
  const problems = await versionProblems(recorded, suites);
  assert.deepEqual(
    problems,
    [],
    `suite versions out of step with their cases:\n${problems.join("\n")}`,
  );
});

Deno.test("the versions test fails when the regularisers' cases grow with the regulariser registry", async () => {
  const regularisers = suites.find((s) => s.id === "regularisers")!;
  const smoke = regularisers.profiles.smoke;
  // What registering one more regulariser does to the smoke profile.
  const extra = regularisersCase("sigreg", { mixing: "spiral", law: "gaussian", steps: 10 });
  const grown: Suite = {
    ...regularisers,
    profiles: { ...regularisers.profiles, smoke: { ...smoke, cases: [...smoke.cases, extra] } },
  };
  const v = regularisers.version;
  assert.deepEqual(await versionProblems(recorded, [grown]), [
    `suite regularisers@${v}, profile "smoke": its cases, params or seeds changed; ` +
    `bump regularisers's version (now ${v}) or revert`,
  ]);
  const nudged: Suite = {
    ...regularisers,
    profiles: {
      ...regularisers.profiles,
      ci: {
        ...regularisers.profiles.ci,
        cases: regularisers.profiles.ci.cases.map((c, i) =>
          i === 0 ? { ...c, params: { ...c.params, steps: Number(c.params.steps) + 1 } } : c
        ),
      },
    },
  };
  assert.match((await versionProblems(recorded, [nudged]))[0], /profile "ci": its cases/);
  // With the version bumped it is only a new version to record.
  const bumped = await versionProblems(recorded, [{ ...grown, version: v + 1 }]);
  assert.ok(
    bumped.length > 0 && bumped.every((m) => m.includes("not recorded yet")),
    bumped.join("\n"),
  );
});
