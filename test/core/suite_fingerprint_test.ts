import assert from "node:assert/strict";
import type { Profile, Suite } from "../../src/core/suite.ts";
import {
  fingerprintDrift,
  parseFingerprints,
  profileFingerprint,
  recordFingerprints,
  suiteFingerprints,
} from "../../src/core/suite_fingerprint.ts";

const smoke: Profile = {
  name: "smoke",
  description: "two cases",
  seeds: [0, 1],
  cases: [{ id: "a", params: { n: 1, lr: 0.1 } }, { id: "b", params: { n: 2, lr: 0.1 } }],
  intendedFor: "cpu",
};

function toy(profiles: Record<string, Profile>, version = 1): Suite {
  return {
    id: "toy",
    version,
    title: "Toy",
    description: "",
    metrics: [],
    profiles,
    runCase: () => Promise.resolve({ metrics: {} }),
  };
}

Deno.test("profileFingerprint() covers case ids, params, order and seeds, not names or hints", async () => {
  const h = await profileFingerprint(smoke);
  assert.match(h, /^[0-9a-f]{64}$/);
  const same: Profile = {
    ...smoke,
    name: "other",
    description: "reworded",
    intendedFor: "gpu",
    caseTimeoutS: 60,
    cases: smoke.cases.map((c) => ({ params: { lr: c.params.lr, n: c.params.n }, id: c.id })),
  };
  assert.equal(await profileFingerprint(same), h);
  const [a, b] = smoke.cases;
  const changed: Profile[] = [
    { ...smoke, seeds: [0, 2] },
    { ...smoke, cases: [b, a] },
    { ...smoke, cases: [a] },
    { ...smoke, cases: [a, { ...b, id: "b2" }] },
    { ...smoke, cases: [a, { ...b, params: { ...b.params, lr: 0.2 } }] },
    { ...smoke, cases: [a, b, { id: "c", params: {} }] },
  ];
  for (const p of changed) assert.notEqual(await profileFingerprint(p), h, JSON.stringify(p));
});

Deno.test("fingerprintDrift() names the suite and profile whose cases changed and asks for a bump", async () => {
  const recorded = await suiteFingerprints([toy({ smoke })]);
  assert.deepEqual(fingerprintDrift(recorded, recorded), []);
  const grown = toy({ smoke: { ...smoke, cases: [...smoke.cases, { id: "c", params: {} }] } });
  const drift = fingerprintDrift(recorded, await suiteFingerprints([grown]));
  assert.deepEqual(drift.map((d) => [d.kind, d.message]), [[
    "changed",
    `suite toy@1, profile "smoke": its cases, params or seeds changed; bump toy's version (now 1) or revert`,
  ]]);
  const gone = fingerprintDrift(recorded, await suiteFingerprints([toy({})]));
  assert.deepEqual(gone.map((d) => [d.kind, d.message]), [[
    "removed",
    `suite toy@1, profile "smoke" was removed; bump toy's version (now 1) or revert`,
  ]]);
});

Deno.test("fingerprintDrift() asks only to record a new profile or a new version", async () => {
  const recorded = await suiteFingerprints([toy({ smoke })]);
  const ci: Profile = { ...smoke, name: "ci", cases: [smoke.cases[0]] };
  const added = fingerprintDrift(recorded, await suiteFingerprints([toy({ smoke, ci })]));
  assert.deepEqual(added.map((d) => [d.kind, d.key, d.profile]), [["unrecorded", "toy@1", "ci"]]);
  assert.match(added[0].message, /not recorded yet; record it with `deno task fingerprints`/);
  const bumped = toy({ smoke: { ...smoke, seeds: [7] } }, 2);
  assert.deepEqual(
    fingerprintDrift(recorded, await suiteFingerprints([bumped])).map((d) => [d.kind, d.key]),
    [["unrecorded", "toy@2"]],
  );
});

Deno.test("recordFingerprints() adds new versions, keeps old ones and refuses a changed profile", async () => {
  const v1 = await suiteFingerprints([toy({ smoke })]);
  const v2 = await suiteFingerprints([toy({ smoke: { ...smoke, seeds: [7] } }, 2)]);
  const { next, added } = recordFingerprints(v1, v2);
  assert.deepEqual(next, { "toy@1": v1["toy@1"], "toy@2": v2["toy@2"] });
  assert.notEqual(next["toy@1"].smoke, next["toy@2"].smoke);
  assert.deepEqual(added, ['suite toy@2, profile "smoke"']);
  assert.deepEqual(recordFingerprints(next, v2), { next, added: [] });
  const changed = await suiteFingerprints([toy({ smoke: { ...smoke, seeds: [8] } }, 2)]);
  assert.throws(
    () => recordFingerprints(next, changed),
    (e: Error) =>
      e instanceof RangeError &&
      /^refusing to overwrite recorded fingerprints:\n/.test(e.message) &&
      e.message.includes(`suite toy@2, profile "smoke": its cases`) &&
      e.message.includes("bump toy's version (now 2) or revert"),
  );
});

Deno.test("parseFingerprints() accepts the written format and names what is malformed", () => {
  const hash = "0".repeat(64);
  assert.deepEqual(parseFingerprints(`{"toy@1":{"smoke":"${hash}"}}`, "f.json"), {
    "toy@1": { smoke: hash },
  });
  assert.throws(() => parseFingerprints("{", "f.json"), /^TypeError: f\.json: not JSON/);
  assert.throws(
    () => parseFingerprints(`{"toy":{}}`, "f.json"),
    /key "toy" is not <suite>@<version>/,
  );
  assert.throws(
    () => parseFingerprints(`{"toy@1":{"smoke":"abc"}}`, "f.json"),
    /toy@1 profile "smoke" is not a sha-256/,
  );
  assert.throws(() => parseFingerprints(`[]`, "f.json"), /expected an object of suite versions/);
});
