import assert from "node:assert/strict";
import {
  CACHE_IMMUTABLE,
  CACHE_SHORT,
  Representation,
} from "../../../dashboard/http/representation.ts";

const BODY = "<p>" + "leaderboard row ".repeat(500) + "</p>";
const rep = () =>
  new Representation({
    body: BODY,
    headers: { "content-type": "text/html; charset=utf-8", "x-content-type-options": "nosniff" },
  });
const req = (headers: Record<string, string> = {}) => new Request("http://x/", { headers });
const inflate = async (res: Response) =>
  await new Response(res.body!.pipeThrough(new DecompressionStream("gzip"))).text();

Deno.test("an answer carries a strong ETag and Cache-Control; its ETag back gives an empty 304", async () => {
  const r = rep();
  const first = await r.respond(req());
  assert.equal(first.status, 200);
  assert.match(first.headers.get("etag")!, /^"[0-9a-f]{32}"$/);
  assert.equal(first.headers.get("cache-control"), CACHE_SHORT);
  assert.equal(first.headers.get("x-content-type-options"), "nosniff");
  assert.equal(await first.text(), BODY);
  const again = await r.respond(req({ "if-none-match": first.headers.get("etag")! }));
  assert.equal(again.status, 304);
  assert.equal(again.headers.get("etag"), first.headers.get("etag"));
  assert.equal(await again.text(), "");
  const other = await r.respond(req({ "if-none-match": '"0000"' }));
  assert.equal(other.status, 200);
  assert.equal(await other.text(), BODY, "the body can be sent any number of times");
  const immutable = await r.respond(req(), CACHE_IMMUTABLE);
  assert.equal(immutable.headers.get("cache-control"), CACHE_IMMUTABLE);
  await immutable.body?.cancel();
});

Deno.test("a client that accepts gzip gets the gzip form under its own ETag", async () => {
  const r = rep();
  const plain = await r.respond(req());
  const sizeBefore = r.size;
  const packed = await r.respond(req({ "accept-encoding": "gzip, br" }));
  assert.equal(packed.headers.get("content-encoding"), "gzip");
  assert.equal(packed.headers.get("vary"), "accept-encoding");
  assert.equal(plain.headers.get("vary"), "accept-encoding");
  assert.equal(plain.headers.get("content-encoding"), null);
  const tag = packed.headers.get("etag")!;
  assert.notEqual(tag, plain.headers.get("etag"));
  assert.equal(await inflate(packed), BODY);
  assert.equal(await plain.text(), BODY);
  assert.ok(r.size > sizeBefore, "the gzip form is counted once made");
  assert.equal(
    (await r.respond(req({ "accept-encoding": "gzip", "if-none-match": tag }))).status,
    304,
  );
  const refused = await r.respond(req({ "accept-encoding": "gzip;q=0" }));
  assert.equal(refused.headers.get("content-encoding"), null);
  assert.equal(await refused.text(), BODY);
});

Deno.test("small bodies, images and error answers are sent as they are, without ETag", async () => {
  const small = new Representation({ body: "ok", headers: { "content-type": "text/plain" } });
  const a = await small.respond(req({ "accept-encoding": "gzip" }));
  assert.equal(a.headers.get("content-encoding"), null);
  assert.equal(a.headers.get("vary"), null);
  assert.equal(await a.text(), "ok");
  const png = new Representation({
    body: new Uint8Array(5000),
    headers: { "content-type": "image/png" },
  });
  const b = await png.respond(req({ "accept-encoding": "gzip" }));
  assert.equal(b.headers.get("content-encoding"), null);
  assert.equal((await b.arrayBuffer()).byteLength, 5000);
  const missing = new Representation({
    status: 404,
    body: BODY,
    headers: { "content-type": "text/html" },
  });
  const c = await missing.respond(req({ "if-none-match": "*" }));
  assert.equal(c.status, 404, "a 404 is never turned into a 304");
  assert.equal(c.headers.get("etag"), null);
  await c.body?.cancel();
});
