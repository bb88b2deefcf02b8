import assert from "node:assert/strict";

// The reference vectors are copied into test/fixtures/vectors/ (the tests read the copies); the
// shared originals sit beside the checkout (../shared/vectors/, as in CI) or where
// JEPA_BENCH_SHARED points, and the copies must be byte-identical to them. Missing originals are
// an error, not a silent "compared 0 of 3": without them nothing checks the copies.
const NAMES = ["metrics.json", "mixings.json", "sigreg.json"];

/** The shared vectors folder: $JEPA_BENCH_SHARED/vectors/, else ../shared/vectors/. */
function sharedVectors(): URL {
  const env = Deno.env.get("JEPA_BENCH_SHARED");
  if (env) return new URL(`${env.replace(/\/?$/, "/")}vectors/`, `file://${Deno.cwd()}/`);
  return new URL("../../shared/vectors/", import.meta.url);
}

/** Index of the first byte where a and b differ (or the shorter length), -1 when equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Compare every copy in `local` with its original in `shared`; throws on any gap. */
async function compareWithShared(shared: URL, local: URL): Promise<number> {
  let compared = 0;
  for (const name of NAMES) {
    let original: Uint8Array;
    try {
      original = await Deno.readFile(new URL(name, shared));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      throw new assert.AssertionError({
        message: `shared reference vector ${name} not found in ${shared.pathname}: put the ` +
          `project's shared/ folder beside the checkout (../shared) or set JEPA_BENCH_SHARED to it`,
      });
    }
    // A byte loop, not assert.deepEqual: its diff of two large byte arrays takes gigabytes.
    const copy = await Deno.readFile(new URL(name, local));
    const at = firstDifference(copy, original);
    if (at >= 0) {
      throw new assert.AssertionError({
        message: `${name} differs from the shared original at byte ${at} ` +
          `(copy ${copy.length} bytes, original ${original.length})`,
      });
    }
    compared++;
  }
  const copies = [...Deno.readDirSync(local)].map((e) => e.name).filter((n) => n.endsWith(".json"));
  assert.deepEqual(copies.sort(), NAMES);
  return compared;
}

const LOCAL = new URL("./fixtures/vectors/", import.meta.url);

Deno.test("test fixtures hold byte-identical copies of the shared reference vectors", async () => {
  assert.equal(await compareWithShared(sharedVectors(), LOCAL), NAMES.length);
});

Deno.test("missing or differing shared vectors fail the comparison", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-vectors-" });
  try {
    const shared = new URL(`file://${dir}/`);
    await assert.rejects(() => compareWithShared(shared, LOCAL), /metrics\.json not found/);
    for (const name of NAMES) await Deno.copyFile(new URL(name, LOCAL), new URL(name, shared));
    assert.equal(await compareWithShared(shared, LOCAL), NAMES.length);
    await Deno.remove(new URL("sigreg.json", shared));
    await assert.rejects(() => compareWithShared(shared, LOCAL), /sigreg\.json not found/);
    await Deno.writeTextFile(new URL("sigreg.json", shared), "{}");
    await assert.rejects(() => compareWithShared(shared, LOCAL), /sigreg\.json differs/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
