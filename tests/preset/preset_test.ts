/** Preset names and the exported document: checked field by field, the field named. */

import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import {
  checkPresetName,
  parsePresetDocument,
  presetDocument,
  PresetFormatError,
} from "../../src/preset/preset.ts";

function problem(data: unknown): string {
  try {
    parsePresetDocument(data);
  } catch (error) {
    assert.ok(error instanceof PresetFormatError, String(error));
    return error.message;
  }
  assert.fail("expected a PresetFormatError");
}

Deno.test("parsePresetDocument reads what presetDocument writes", () => {
  const preset = { name: "friday", channels: [3, 1], title: "Friday", description: "" };
  const document = presetDocument({ ...preset, updatedAt: "2026-11-28T00:00:00.000Z" });
  assert.deepEqual(document, { version: 1, ...preset });
  assert.deepEqual(parsePresetDocument(JSON.parse(JSON.stringify(document))), preset);
});

Deno.test("parsePresetDocument names the field at fault", () => {
  const good = { version: 1, name: "friday", channels: [1] };
  assert.equal(problem([]), "expected a JSON object");
  assert.equal(problem({ name: "x", channels: [] }), '"version": missing');
  assert.equal(problem({ ...good, version: 2 }), '"version": expected 1, found 2');
  assert.equal(problem({ ...good, name: 5 }), '"name": expected a string');
  assert.equal(
    problem({ ...good, name: " x" }),
    '"name": it must not start or end with whitespace',
  );
  assert.equal(problem({ ...good, channels: "1" }), '"channels": expected an array of channel ids');
  assert.equal(
    problem({ ...good, channels: [1, 2, -3] }),
    '"channels[2]": expected a channel id (a positive integer)',
  );
  assert.equal(
    problem({ ...good, channels: [1.5] }),
    '"channels[0]": expected a channel id (a positive integer)',
  );
  assert.equal(problem({ ...good, title: "" }), '"title": the title must not be empty');
  assert.match(problem({ ...good, title: "x".repeat(141) }), /^"title": .*limit is 140/);
  assert.equal(problem({ ...good, description: null }), '"description": expected a string');
  assert.equal(problem({ ...good, titel: "typo" }), '"titel": unknown field');
});

Deno.test("parsePresetDocument drops repeated channel ids", () => {
  assert.deepEqual(
    parsePresetDocument({ version: 1, name: "a", channels: [2, 2, 1] }).channels,
    [2, 1],
  );
});

Deno.test("checkPresetName refuses empty, padded, control and over-long names as usage errors", () => {
  checkPresetName("friday show 🎬");
  for (const bad of ["", "  ", " padded", "tab\tname", "bidi\u202ename", "x".repeat(65)]) {
    assert.throws(
      () => checkPresetName(bad),
      (error) => error instanceof RestreamError && error.kind === "usage",
      JSON.stringify(bad),
    );
  }
  checkPresetName("x".repeat(64));
});
