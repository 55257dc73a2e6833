import assert from "node:assert/strict";
import { WsTestServer } from "../support/ws_server.ts";
import { eventLog, fastTuning, takeStreaming } from "./helpers.ts";

const INCOMING = {
  action: "updateIncoming",
  userId: 1,
  eventId: null,
  createdAt: 1764093600,
  suid: "s1",
  streaming: {
    fps: 60,
    keyframeInterval: 2,
    lossRate: 0,
    bitrate: { total: 6_000_000, audio: 160_000, video: 5_840_000 },
    codec: { audio: "aac", video: "h264" },
    profileAndLevel: "High@4.1",
    height: 1080,
    width: 1920,
  },
  brandNew: "kept",
};
const OUTGOING = {
  action: "updateOutgoing",
  userId: 1,
  platformId: 1,
  channelId: 123,
  createdAt: 1764093601,
  streaming: { status: "CONNECTED", bitrate: 5_900_000, bufferedBytes: 0 },
};
const STATUSES = { action: "updateStatuses", channelId: 123, platformId: 1, viewers: 42 };

Deno.test("streaming: known actions are typed, unknown ones passed through, fields kept", async () => {
  const server = WsTestServer.start({
    onConnection: (c) => {
      for (const m of [INCOMING, OUTGOING, STATUSES, { action: "somethingNew", x: 1 }]) c.send(m);
      c.send({ action: "deleteOutgoing", channelId: "not a number" });
    },
  });
  const log = eventLog();
  try {
    const messages = await takeStreaming(server, 5, { onEvent: log.onEvent });
    assert.deepEqual(messages.map((m) => m.type), [
      "updateIncoming",
      "updateOutgoing",
      "updateStatuses",
      "unknown",
      "unknown",
    ]);
    const [incoming, , , unknown, invalid] = messages;
    assert.ok(incoming.type === "updateIncoming");
    assert.equal(incoming.data.streaming?.bitrate?.total, 6_000_000);
    assert.equal(incoming.data.brandNew, "kept");
    assert.deepEqual(incoming.raw, INCOMING);
    assert.ok(unknown.type === "unknown");
    assert.equal(unknown.action, "somethingNew");
    assert.ok(invalid.type === "unknown");
    assert.match(invalid.invalid ?? "", /channelId/);
    assert.ok(log.events.some((e) => e.type === "invalid" && e.action === "deleteOutgoing"));
  } finally {
    await server.close();
  }
});

Deno.test("streaming: after a reconnect, replayed messages are not repeated, new ones are", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      if (index === 0) {
        c.send(INCOMING);
        c.send(OUTGOING);
        c.drop();
      } else {
        // The replay, keys in another order, then a new update.
        c.send(Object.fromEntries(Object.entries(OUTGOING).reverse()));
        c.send(INCOMING);
        c.send(STATUSES);
      }
    },
  });
  const log = eventLog();
  try {
    const messages = await takeStreaming(server, 3, { onEvent: log.onEvent, ...fastTuning() });
    assert.deepEqual(messages.map((m) => [m.type, m.connection]), [
      ["updateIncoming", 1],
      ["updateOutgoing", 1],
      ["updateStatuses", 2],
    ]);
    assert.equal(log.events.filter((e) => e.type === "replay_skipped").length, 2);
  } finally {
    await server.close();
  }
});

Deno.test("streaming: on the first connection identical messages are all delivered (no replay to drop)", async () => {
  const server = WsTestServer.start({
    onConnection: (c) => {
      c.send(STATUSES);
      c.send(Object.fromEntries(Object.entries(STATUSES).reverse()));
      c.send(STATUSES);
    },
  });
  const log = eventLog();
  try {
    const messages = await takeStreaming(server, 3, { onEvent: log.onEvent, ...fastTuning() });
    assert.deepEqual(messages.map((m) => [m.type, m.connection]), [
      ["updateStatuses", 1],
      ["updateStatuses", 1],
      ["updateStatuses", 1],
    ]);
    assert.equal(log.events.filter((e) => e.type === "replay_skipped").length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("streaming: a replay older than the window is delivered again", async () => {
  let clock = 0;
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      c.send(STATUSES);
      if (index === 0) c.drop();
    },
  });
  try {
    const messages = await takeStreaming(server, 2, {
      replayWindowMs: 1000,
      ...fastTuning({
        now: () => clock,
        sleep: () => {
          clock += 5000;
          return Promise.resolve();
        },
      }),
    });
    assert.deepEqual(messages.map((m) => m.connection), [1, 2]);
  } finally {
    await server.close();
  }
});
