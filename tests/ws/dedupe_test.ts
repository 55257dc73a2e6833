import assert from "node:assert/strict";
import { RECONNECT_BASE_MS, RECONNECT_CAP_MS } from "../../src/ws/backoff.ts";
import { CHAT_WATCHDOG_MS } from "../../src/ws/chat.ts";
import {
  canonicalJson,
  REPLAY_MEMORY,
  REPLAY_WINDOW_MS,
  ReplayFilter,
} from "../../src/ws/dedupe.ts";

Deno.test("canonical JSON ignores key order at every level, keeps array order", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } }),
    canonicalJson({ a: { c: null, d: [2, { x: 2, y: 1 }] }, b: 1 }),
  );
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
});

Deno.test("the first connection delivers everything; after a reconnect replays are dropped", () => {
  const filter = new ReplayFilter();
  assert.equal(filter.admit({ a: 1 }, 0, false), true);
  assert.equal(filter.admit({ a: 1 }, 1, false), true, "no filtering on the first connection");
  assert.equal(filter.admit({ a: 1 }, 2, true), false);
  assert.equal(filter.admit({ a: 2 }, 3, true), true);
});

Deno.test("a message older than the window is delivered again", () => {
  const filter = new ReplayFilter({ windowMs: 120_000 });
  filter.admit({ a: 1 }, 0, false);
  assert.equal(filter.admit({ a: 1 }, 120_000, true), false, "within the window");
  assert.equal(filter.admit({ a: 1 }, 120_001, true), true, "past the window");
  assert.equal(filter.size, 1);
});

Deno.test("memory is bounded: the oldest is forgotten first", () => {
  const filter = new ReplayFilter({ maxEntries: 3 });
  for (let i = 0; i < 5; i++) filter.admit({ i }, i, false);
  assert.equal(filter.size, 3);
  assert.equal(filter.admit({ i: 0 }, 10, true), true, "forgotten");
  assert.equal(filter.admit({ i: 4 }, 10, true), false, "remembered");
});

Deno.test("memory stays bounded over a long run", () => {
  const filter = new ReplayFilter();
  for (let i = 0; i < 20_000; i++) filter.admit({ action: "u", i }, i * 10, true);
  assert.ok(filter.size <= 10_000, `size ${filter.size}`);
});

Deno.test("SPEC numbers: replays remembered 120 s, 10,000 at most; backoff 1 s to 30 s; chat dead after 60 s", () => {
  assert.equal(REPLAY_WINDOW_MS, 120_000);
  assert.equal(REPLAY_MEMORY, 10_000);
  assert.equal(RECONNECT_BASE_MS, 1_000);
  assert.equal(RECONNECT_CAP_MS, 30_000);
  assert.equal(CHAT_WATCHDOG_MS, 60_000);
});
