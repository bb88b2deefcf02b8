import assert from "node:assert/strict";

// The reference vectors are copied here so the tests run in a plain clone; when the shared
// originals sit beside the checkout (as in CI), the copies must be byte-identical to them.
Deno.test("test fixtures hold byte-identical copies of the shared reference vectors", async () => {
  const shared = new URL("../../shared/vectors/", import.meta.url);
  const local = new URL("./fixtures/vectors/", import.meta.url);
  let compared = 0;
  for (const name of ["sigreg.json", "metrics.json", "mixings.json"]) {
    let original: Uint8Array;
    try {
      original = await Deno.readFile(new URL(name, shared));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) continue;
      throw e;
    }
    assert.deepEqual(await Deno.readFile(new URL(name, local)), original, `${name} differs`);
    compared++;
  }
  const copies = [...Deno.readDirSync(local)].map((e) => e.name).filter((n) => n.endsWith(".json"));
  assert.deepEqual(copies.sort(), ["metrics.json", "mixings.json", "sigreg.json"]);
  console.log(`compared ${compared} of 3 with the shared originals`);
});
