import assert from "node:assert/strict";

// The reference vectors are copied into test/fixtures/vectors/ (the tests read the copies), with
// SHA256SUMS, the digests of the shared originals taken when they were copied. Always: every copy
// is there and matches its digest (a missing or edited copy fails). Where the shared originals
// are (../shared/vectors/ beside the checkout, as in CI, or $JEPA_BENCH_SHARED/vectors/), the
// copies must also be byte-identical to them; under CI=true or with JEPA_BENCH_SHARED set, missing
// originals are an error, not a silent "compared 0 of 3". A user's plain clone has no ../shared:
// there the digests alone hold the copies to the originals.
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

/** The digests in SHA256SUMS (`<hex>  <name>` lines). */
async function digests(): Promise<Map<string, string>> {
  const text = await Deno.readTextFile(new URL("SHA256SUMS", LOCAL));
  const out = new Map<string, string>();
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (!m) throw new assert.AssertionError({ message: `SHA256SUMS: malformed line "${line}"` });
    out.set(m[2], m[1]);
  }
  return out;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("every vector copy is present and matches the digest of its shared original", async () => {
  const sums = await digests();
  assert.deepEqual([...sums.keys()].sort(), NAMES);
  for (const name of NAMES) {
    const bytes = await Deno.readFile(new URL(name, LOCAL));
    assert.ok(bytes.length > 100, `${name} is not empty`);
    assert.equal(await sha256(bytes), sums.get(name), `${name}: digest`);
  }
});

/** Whether the shared originals must be there: in CI, or when JEPA_BENCH_SHARED names them. */
function originalsRequired(): boolean {
  return Deno.env.get("CI") === "true" || Boolean(Deno.env.get("JEPA_BENCH_SHARED"));
}

function exists(url: URL): boolean {
  try {
    Deno.statSync(url);
    return true;
  } catch {
    return false;
  }
}

Deno.test("test fixtures hold byte-identical copies of the shared reference vectors", async () => {
  const shared = sharedVectors();
  if (!originalsRequired() && !exists(shared)) {
    // A plain clone: the digest test above holds the copies; say what was not compared.
    console.log(`no shared originals at ${shared.pathname}: copies checked by digest only`);
    return;
  }
  assert.equal(await compareWithShared(shared, LOCAL), NAMES.length);
  // The digests were taken from these originals.
  const sums = await digests();
  for (const name of NAMES) {
    assert.equal(await sha256(await Deno.readFile(new URL(name, shared))), sums.get(name), name);
  }
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
