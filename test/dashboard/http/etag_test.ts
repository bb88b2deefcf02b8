import assert from "node:assert/strict";
import { contentHash, etagOf, ifNoneMatchHits } from "../../../dashboard/http/etag.ts";

Deno.test("an ETag is the quoted SHA-256 prefix of the body and changes with one byte", () => {
  // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
  assert.equal(etagOf("hello"), '"2cf24dba5fb0a30e26e83b2ac5b9e29e"');
  assert.equal(etagOf(new TextEncoder().encode("hello")), etagOf("hello"));
  assert.notEqual(contentHash("hello"), contentHash("hellp"));
});

Deno.test("If-None-Match hits its tag, a weak form of it, a list holding it or *", () => {
  const tag = '"abc"';
  assert.ok(ifNoneMatchHits('"abc"', tag));
  assert.ok(ifNoneMatchHits('W/"abc"', tag));
  assert.ok(ifNoneMatchHits('"x", W/"y" ,"abc"', tag));
  assert.ok(ifNoneMatchHits("*", tag));
  assert.ok(!ifNoneMatchHits(null, tag));
  assert.ok(!ifNoneMatchHits('"abcd"', tag));
  assert.ok(!ifNoneMatchHits("abc", tag), "an unquoted value is not the tag");
  assert.ok(!ifNoneMatchHits("", tag));
});
