import assert from "node:assert/strict";
import { updateFingerprintFile } from "../../scripts/fingerprints.ts";
import { FINGERPRINTS_URL } from "../../src/suites/registry.ts";

Deno.test("deno task fingerprints records every profile, then has nothing to add", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/fingerprints.json`;
    const lines = await updateFingerprintFile(file);
    assert.ok(lines.includes('recorded suite regularisers@2, profile "smoke"'), lines.join("\n"));
    // The committed file holds every current version as recorded here, and earlier versions too.
    const fresh = JSON.parse(await Deno.readTextFile(file));
    const committed = JSON.parse(await Deno.readTextFile(FINGERPRINTS_URL));
    for (const key of Object.keys(fresh)) assert.deepEqual(committed[key], fresh[key], key);
    assert.deepEqual(await updateFingerprintFile(file), ["fingerprints are up to date"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task fingerprints refuses to overwrite a changed profile and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/fingerprints.json`;
    const text = (await Deno.readTextFile(FINGERPRINTS_URL)).replace(
      /("regularisers@2": \{\n\s*"ci": ")[0-9a-f]{64}/,
      `$1${"0".repeat(64)}`,
    );
    assert.ok(text.includes("0".repeat(64)), "the planted change is in the file");
    await Deno.writeTextFile(file, text);
    await assert.rejects(
      () => updateFingerprintFile(file),
      RangeError,
      `suite regularisers@2, profile "ci": its cases, params or seeds changed; bump regularisers's version (now 2) or revert`,
    );
    assert.equal(await Deno.readTextFile(file), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
