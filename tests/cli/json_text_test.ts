import assert from "node:assert/strict";
import { escapeJsonText, jsonText } from "../../src/cli/json_text.ts";

/** Raw DEL, C1, LS, PS or bidi control in JSON text. */
const RAW = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

Deno.test("JSON text writes DEL, C1, U+2028/2029 and bidi controls as \\uXXXX and round-trips", () => {
  const hostile = {
    title: "a\x1b]52;c;eA==\x07b\u009b2J\u0085\u2028\u2029\u202eevil\u2066x\u2069\x7f",
    "key\u202e": ["\u200e\u200f\u061c kept", 1, null, true],
    nested: { text: "日本語 🎮 \t\n" },
  };
  for (const text of [jsonText(hostile), jsonText(hostile, true)]) {
    assert.ok(!RAW.test(text), text);
    assert.ok(!text.includes("\x1b"), "ESC is escaped by JSON.stringify already");
    assert.deepEqual(JSON.parse(text), hostile);
  }
  assert.ok(jsonText(hostile).includes("\\u009b2J"));
  assert.ok(jsonText(hostile).includes("\\u202eevil"));
  // Marks that are not controls stay as they are.
  assert.ok(jsonText(hostile).includes("\u200e\u200f\u061c kept"));
});

Deno.test("escapeJsonText leaves the rest of a raw API text byte for byte", () => {
  const raw = '{"a": 12345678901234567890, "b":"x\u009by",\n "c": 1.50}';
  const escaped = escapeJsonText(raw);
  assert.equal(escaped, '{"a": 12345678901234567890, "b":"x\\u009by",\n "c": 1.50}');
  assert.deepEqual(JSON.parse(escaped), JSON.parse(raw));
});
