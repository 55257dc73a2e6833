import assert from "node:assert/strict";
import { EventHistoryPageSchema, EventSchema } from "../../src/schemas/event.ts";
import { parseResponse } from "../../src/schemas/parse.ts";
import { ProfileSchema } from "../../src/schemas/profile.ts";
import { StreamKeySchema } from "../../src/schemas/stream_key.ts";
import { event, historyPage, PROFILE, STREAM_KEY } from "../support/rest_fixtures.ts";

Deno.test("an event keeps unknown fields and accepts ISO times and a missing description", () => {
  const raw = { ...event(1, "finished"), showId: "s", startedAt: "2026-01-01T10:00:00Z" };
  delete (raw as Record<string, unknown>).description;
  assert.deepEqual(parseResponse(EventSchema, raw, "GET x"), raw);
});

Deno.test("an event without an id is refused, naming the field", () => {
  assert.throws(() => parseResponse(EventSchema, { title: "x" }, "GET x"), /field "id"/);
});

Deno.test("a history page needs items; its pagination keeps the API's names", () => {
  const page = historyPage([event(1, "finished")], 1, 3);
  assert.deepEqual(parseResponse(EventHistoryPageSchema, page, "GET x"), page);
  assert.throws(() => parseResponse(EventHistoryPageSchema, { pagination: {} }, "GET x"), /items/);
});

Deno.test("profile and stream key keep unknown fields; a stream key is required", () => {
  assert.deepEqual(parseResponse(ProfileSchema, PROFILE, "GET x"), PROFILE);
  assert.deepEqual(parseResponse(StreamKeySchema, STREAM_KEY, "GET x"), STREAM_KEY);
  assert.throws(() => parseResponse(StreamKeySchema, { srtUrl: null }, "GET x"), /streamKey/);
});
