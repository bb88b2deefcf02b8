import assert from "node:assert/strict";
import { canonicalHash, canonicalJson, sha256Hex } from "../../src/core/canonical.ts";

Deno.test("canonicalJson() sorts object keys at every level and keeps array order", () => {
  assert.equal(canonicalJson({ b: { d: 1, c: 2 }, a: [3, 1] }), '{"a":[3,1],"b":{"c":2,"d":1}}');
});

Deno.test("sha256Hex() gives the standard digest of a string and of its bytes", async () => {
  const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  assert.equal(await sha256Hex("abc"), abc);
  assert.equal(await sha256Hex(new TextEncoder().encode("abc")), abc);
});

Deno.test("canonicalHash() ignores key order but not values or array order", async () => {
  const h = await canonicalHash({ a: 1, b: [1, 2] });
  assert.equal(await canonicalHash({ b: [1, 2], a: 1 }), h);
  assert.equal(h, await sha256Hex('{"a":1,"b":[1,2]}'));
  assert.notEqual(await canonicalHash({ a: 1, b: [2, 1] }), h);
  assert.notEqual(await canonicalHash({ a: 2, b: [1, 2] }), h);
});
