import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import { clearSecrets, registerSecret } from "../../src/http/mask.ts";
import { parseResponse } from "../../src/schemas/parse.ts";
import * as v from "../../src/valibot.ts";

function messageOf(value: unknown): string {
  try {
    parseResponse(v.object({ bitrate: v.number() }), { bitrate: value }, "GET /v2/x");
  } catch (error) {
    assert.ok(error instanceof RestreamError);
    assert.equal(error.kind, "invalid_response");
    return error.message;
  }
  return assert.fail("should not parse");
}

Deno.test("an unexpected value is named with what came, short values whole", () => {
  assert.equal(
    messageOf("12"),
    'unexpected response from GET /v2/x: field "bitrate": expected number, got "12"',
  );
});

Deno.test("an unexpected value is shown bounded and masked: a megabyte string is not one stderr line", () => {
  clearSecrets();
  registerSecret("sk-live-0123456789");
  for (const value of ["x".repeat(1_000_000), `${"y".repeat(30)} sk-live-0123456789 tail`]) {
    const message = messageOf(value);
    assert.match(message, /field "bitrate": expected number, got "/);
    assert.ok(message.length < 200, `${message.length} characters`);
    assert.ok(!message.includes("sk-live-01"), message);
  }
  clearSecrets();
});
