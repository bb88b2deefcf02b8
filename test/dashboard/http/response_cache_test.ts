import assert from "node:assert/strict";
import { ResponseCache } from "../../../dashboard/http/response_cache.ts";

const v = (size: number, name = "") => ({ size, name });

Deno.test("a cached value is found under its key and version, and missed (and dropped) under another", () => {
  const cache = new ResponseCache<ReturnType<typeof v>>();
  cache.set("/a", 1, v(10, "a1"));
  assert.equal(cache.get("/a", 1)?.name, "a1");
  assert.equal(cache.get("/b", 1), undefined);
  assert.equal(cache.get("/a", 2), undefined, "the store changed");
  assert.equal(cache.get("/a", 1), undefined, "the stale entry is gone");
  assert.equal(cache.entries, 0);
  assert.equal(cache.bytes, 0);
});

Deno.test("the least recently used entries go first beyond the entry and byte bounds", () => {
  const cache = new ResponseCache<ReturnType<typeof v>>({ maxEntries: 3, maxBytes: 100 });
  cache.set("/a", 1, v(10));
  cache.set("/b", 1, v(10));
  cache.set("/c", 1, v(10));
  cache.get("/a", 1); // a is now the most recent
  cache.set("/d", 1, v(10));
  assert.equal(cache.get("/b", 1), undefined, "b was the least recently used");
  assert.ok(cache.get("/a", 1) && cache.get("/c", 1) && cache.get("/d", 1));
  cache.set("/big", 1, v(85));
  assert.equal(cache.bytes <= 100, true);
  assert.ok(cache.get("/big", 1));
  assert.equal(cache.entries, 2, "85 + 10: only the most recent other entry fits");
  cache.set("/huge", 1, v(101));
  assert.equal(cache.get("/huge", 1), undefined, "a value over maxBytes is not kept");
  assert.ok(cache.get("/big", 1), "and evicts nothing");
});

Deno.test("replacing a key keeps the byte count right", () => {
  const cache = new ResponseCache<ReturnType<typeof v>>();
  cache.set("/a", 1, v(10));
  cache.set("/a", 2, v(30));
  assert.equal(cache.bytes, 30);
  assert.equal(cache.entries, 1);
  assert.throws(() => new ResponseCache({ maxEntries: 0 }), RangeError);
});
