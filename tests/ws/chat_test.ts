import assert from "node:assert/strict";
import { monitorChat } from "../../src/ws/chat.ts";
import { WsTestServer } from "../support/ws_server.ts";
import { eventLog, fastTuning, take, tokenSequence } from "./helpers.ts";

const TWITCH = {
  action: "event",
  timestamp: 1764093667,
  payload: {
    connectionIdentifier: "c1",
    eventIdentifier: "e1",
    eventSourceId: 2,
    eventTypeId: 4,
    userId: 1,
    eventPayload: {
      author: { displayName: "nick", name: "nick" },
      bot: false,
      text: "hello Kappa",
      replaces: [{ from: 6, to: 10, type: "image", url: "https://x/kappa.png" }],
    },
  },
};

Deno.test("chat: every action is typed; unknown actions are passed through", async () => {
  const sent = [
    { action: "heartbeat", payload: {}, timestamp: 1 },
    {
      action: "connection_info",
      timestamp: 2,
      payload: { connectionUuid: "u1", eventSourceId: 2, status: "connected", target: "chan" },
    },
    TWITCH,
    { action: "reply_confirmed", timestamp: 3, payload: { text: "hi" } },
    {
      action: "connection_closed",
      timestamp: 4,
      payload: { connectionUuid: "u1", reason: "removed" },
    },
    { action: "poll_started", timestamp: 5, payload: { q: "?" } },
  ];
  const server = WsTestServer.start({ onConnection: (c) => sent.forEach((m) => c.send(m)) });
  try {
    const controller = new AbortController();
    const messages = await take(
      monitorChat({ url: server.url, tokens: tokenSequence(["t"]), signal: controller.signal }),
      6,
      controller,
    );
    assert.deepEqual(messages.map((m) => m.type), [
      "heartbeat",
      "connection_info",
      "event",
      "reply_confirmed",
      "connection_closed",
      "unknown",
    ]);
    const event = messages[2];
    assert.ok(event.type === "event");
    assert.equal(event.data.payload?.eventPayload?.author?.displayName, "nick");
    assert.deepEqual(messages.map((m) => m.raw), sent);
  } finally {
    await server.close();
  }
});

Deno.test("chat: the watchdog fires when heartbeats stop, and the monitor reconnects", async () => {
  const server = WsTestServer.start({
    onConnection: async (c, index) => {
      if (index === 0) {
        c.send({ action: "heartbeat", payload: {}, timestamp: 1 }); // then silence
      } else {
        await c.opened;
        c.send(TWITCH);
      }
    },
  });
  const log = eventLog();
  try {
    const controller = new AbortController();
    const messages = await take(
      monitorChat({
        url: server.url,
        tokens: tokenSequence(["t"]),
        signal: controller.signal,
        onEvent: log.onEvent,
        ...fastTuning({ watchdogMs: 60 }),
      }),
      2,
      controller,
    );
    assert.deepEqual(messages.map((m) => [m.type, m.connection]), [["heartbeat", 1], ["event", 2]]);
    const reconnect = log.events.find((e) => e.type === "reconnecting");
    assert.ok(reconnect?.type === "reconnecting");
    assert.match(reconnect.reason, /no message for/);
  } finally {
    await server.close();
  }
});
