import assert from "node:assert/strict";
import { printableTable } from "../../src/core/printable_table.ts";

Deno.test("printableTable() aligns columns left or right, two spaces apart, trailing spaces trimmed", () => {
  const text = printableTable(
    ["case", { header: "R2", align: "right" }, "note"],
    [["a", "0.9", "ok"], ["banana", "1", ""]],
  );
  assert.equal(text, ["case     R2  note", "a       0.9  ok", "banana    1"].join("\n"));
});

Deno.test("printableTable() puts a rule of dashes under the header when asked", () => {
  const text = printableTable([{ header: "x" }, { header: "value", align: "right" }], [[
    "long",
    "1",
  ]], {
    separator: true,
  });
  assert.equal(text, ["x     value", "----  -----", "long      1"].join("\n"));
});

Deno.test("printableTable() gives short rows empty cells and refuses rows longer than the columns", () => {
  assert.equal(printableTable(["a", "b"], [["1"], ["22", "3"]]), "a   b\n1\n22  3");
  assert.throws(
    () => printableTable(["a"], [["1", "2"]]),
    { name: "RangeError", message: "table row 1 has 2 cells, more than its 1 columns" },
  );
});

Deno.test("printableTable() escapes control characters and measures width in characters", () => {
  const text = printableTable(["id", "v"], [["evil\u001b[2J", "1"], ["µ≥½", "2"], ["😀", "3"]]);
  assert.equal(
    text,
    ["id             v", "evil\\u001b[2J  1", "µ≥½            2", "😀              3"].join("\n"),
  );
  assert.ok(!text.includes("\u001b"));
});
