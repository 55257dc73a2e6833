import assert from "node:assert/strict";
import {
  ChannelMetaSchema,
  ChannelSchema,
  ChannelSummaryListSchema,
  normaliseChannelKeys,
} from "../../src/schemas/channel.ts";
import { parseResponse } from "../../src/schemas/parse.ts";
import { RestreamError } from "../../src/errors.ts";
import {
  CHANNEL_CAMEL,
  CHANNEL_SNAKE,
  CHANNEL_SNAKE_NORMALISED,
  CHANNELS,
} from "../support/rest_fixtures.ts";

Deno.test("one channel in the documented camelCase shape is kept as sent", () => {
  const parsed = parseResponse(ChannelSchema, { ...CHANNEL_CAMEL, newField: [1] }, "GET x");
  assert.deepEqual(parsed, { ...CHANNEL_CAMEL, newField: [1] });
});

Deno.test("the snake_case channel is normalised to camelCase, unknown keys kept", () => {
  const parsed = parseResponse(ChannelSchema, CHANNEL_SNAKE, "GET x");
  assert.deepEqual(parsed, CHANNEL_SNAKE_NORMALISED);
});

Deno.test("a key sent in camelCase wins over its converted snake_case twin", () => {
  const mixed = { id: 1, service_id: 2, streamingPlatformId: 3, display_name: "a", extra: 1 };
  assert.deepEqual(normaliseChannelKeys(mixed), {
    id: 1,
    streamingPlatformId: 3,
    displayName: "a",
    extra: 1,
  });
});

Deno.test("normalisation leaves keys like 'constructor' alone and ignores non-objects", () => {
  assert.deepEqual(normaliseChannelKeys({ constructor: 1, to_string: 2 }), {
    constructor: 1,
    toString: 2,
  });
  assert.equal(normaliseChannelKeys(null), null);
  assert.deepEqual(normaliseChannelKeys([1]), [1]);
});

Deno.test("active is kept as the API sent it (0/1 too)", () => {
  const parsed = parseResponse(ChannelSchema, { id: 1, active: 1 }, "GET x");
  assert.equal(parsed.active, 1);
});

Deno.test("a channel without an id is an unexpected response naming the field", () => {
  assert.throws(
    () => parseResponse(ChannelSchema, { display_name: "x" }, "GET /v2/user/channel/1"),
    (error: unknown) =>
      error instanceof RestreamError && error.kind === "invalid_response" &&
      /GET \/v2\/user\/channel\/1: field "id"/.test(error.message),
  );
});

Deno.test("channel list items keep unknown fields; meta needs a title", () => {
  assert.deepEqual(parseResponse(ChannelSummaryListSchema, CHANNELS, "GET x"), CHANNELS);
  assert.deepEqual(parseResponse(ChannelMetaSchema, { title: "t", x: 1 }, "GET x"), {
    title: "t",
    x: 1,
  });
  assert.throws(() => parseResponse(ChannelMetaSchema, { description: "d" }, "GET x"), /title/);
});
