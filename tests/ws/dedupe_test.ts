import assert from "node:assert/strict";
import { RECONNECT_BASE_MS, RECONNECT_CAP_MS } from "../../src/ws/backoff.ts";
import { connectMonitor } from "../../src/ws/monitor.ts";
import { closedPort, WsTestServer } from "../support/ws_server.ts";
import { fastTuning, takeStreaming, tokenSequence } from "./helpers.ts";
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

Deno.test("SPEC numbers, as the code uses them: replays remembered 120 s by default", async () => {
  assert.equal(REPLAY_WINDOW_MS, 120_000);
  // No replayWindowMs: the monitor's default decides. The clock moves only between connections.
  let clock = 0;
  const steps = [120_000, 120_001];
  const server = WsTestServer.start({
    onConnection: (c) => {
      c.send({ action: "updateStatuses", viewers: 1 });
      c.drop();
    },
  });
  try {
    const messages = await takeStreaming(server, 2, {
      ...fastTuning({
        now: () => clock,
        sleep: () => {
          clock = steps.shift() ?? clock;
          return Promise.resolve();
        },
      }),
    });
    // Delivered at 0, dropped as a replay at 120 s, delivered again at 120.001 s.
    assert.deepEqual(messages.map((m) => m.connection), [1, 3]);
  } finally {
    await server.close();
  }
});

Deno.test("SPEC numbers, as the code uses them: 10,000 messages remembered by default", () => {
  assert.equal(REPLAY_MEMORY, 10_000);
  const filter = new ReplayFilter();
  for (let i = 0; i <= 10_000; i++) filter.admit({ i }, 0, false);
  assert.equal(filter.size, 10_000);
  assert.equal(filter.admit({ i: 1 }, 0, true), false, "the 10,000 newest are remembered");
  assert.equal(filter.admit({ i: 0 }, 0, true), true, "the 10,001st oldest is forgotten");
});

Deno.test("SPEC numbers, as the code uses them: reconnects wait 1 s, doubling, capped at 30 s", async () => {
  assert.deepEqual([RECONNECT_BASE_MS, RECONNECT_CAP_MS], [1_000, 30_000]);
  const tuning = fastTuning({ random: () => 0.5, firstConnectRetries: 7 });
  const monitor = connectMonitor({
    url: `ws://127.0.0.1:${closedPort()}/ws`,
    tokens: tokenSequence(["t"]),
    ...tuning,
  });
  await assert.rejects(async () => {
    for await (const _ of monitor) { /* nothing arrives */ }
  });
  assert.deepEqual(tuning.delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});
