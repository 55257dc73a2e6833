import assert from "node:assert/strict";
import { withMock, WsClient } from "../support/mock.ts";
import { deadline } from "../support/deadline.ts";
import { FakeClock } from "../support/fake_clock.ts";

type Message = { action?: string; payload?: Record<string, unknown>; [key: string]: unknown };

function actions(client: WsClient): Array<string | undefined> {
  return (client.parsed() as Message[]).map((m) => typeof m === "string" ? m : m.action);
}

Deno.test("WebSockets refuse a missing or invalid accessToken with HTTP 401 before upgrading", async () => {
  await withMock({}, async (mock) => {
    for (const url of [mock.chatWsUrl, `${mock.streamingWsUrl}?accessToken=nope`]) {
      const res = await fetch(url.replace(/^ws/, "http"), { headers: { upgrade: "websocket" } });
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.statusCode, 401);
    }
    const socket = new WebSocket(`${mock.chatWsUrl}?accessToken=nope`);
    const events: string[] = [];
    socket.addEventListener("error", () => events.push("error"));
    socket.addEventListener("open", () => events.push("open"));
    await new Promise((resolve) => socket.addEventListener("close", resolve));
    assert.deepEqual(events, ["error"]);
    assert.equal(mock.control.counters().connections.chat, 0);
    const { accessToken } = mock.control.issueTokens({ scopes: ["profile.read"] });
    const scoped = await fetch(
      `${mock.chatWsUrl.replace(/^ws/, "http")}?accessToken=${accessToken}`,
    );
    await scoped.body?.cancel();
    assert.equal(scoped.status, 403);
  });
});

Deno.test("streaming replays the remembered updates on connect, then pushed ones", async () => {
  await withMock({}, async (mock) => {
    const client = await WsClient.open(`${mock.streamingWsUrl}?accessToken=${mock.token}`);
    try {
      await client.waitFor(4);
      assert.deepEqual(actions(client), [
        "updateIncoming",
        "updateOutgoing",
        "updateOutgoing",
        "updateStatuses",
      ]);
      mock.control.pushStreaming({ action: "deleteIncoming", userId: 1, createdAt: 1, suid: "s" });
      await client.waitFor(5);
      assert.equal(actions(client)[4], "deleteIncoming");
    } finally {
      await client.close();
    }
    const second = await WsClient.open(`${mock.streamingWsUrl}?accessToken=${mock.token}`);
    try {
      await second.waitFor(5);
      assert.equal(actions(second).at(-1), "deleteIncoming", "pushed updates are replayed too");
    } finally {
      await second.close();
    }
    assert.equal(mock.control.counters().connections.streaming, 2);
  });
});

Deno.test("streaming sends live updates every streamingIntervalMs", async () => {
  await withMock({ streamingIntervalMs: 30 }, async (mock) => {
    const client = await WsClient.open(`${mock.streamingWsUrl}?accessToken=${mock.token}`);
    try {
      await client.waitFor(10);
      const incoming = (client.parsed() as Message[]).filter((m) => m.action === "updateIncoming");
      assert.ok(incoming.length >= 2, "replayed and live updateIncoming");
      const streaming = incoming[1].streaming as { bitrate: { total: number } };
      assert.ok(streaming.bitrate.total > 0);
    } finally {
      await client.close();
    }
  });
});

Deno.test("chat: connection_info per channel, heartbeats, generated events from several platforms", async () => {
  await withMock({ heartbeatSeconds: 0.05, chatRatePerSecond: 100 }, async (mock) => {
    const client = await WsClient.open(`${mock.chatWsUrl}?accessToken=${mock.token}`);
    try {
      await client.waitFor(14);
      const messages = client.parsed() as Message[];
      const infos = messages.filter((m) => m.action === "connection_info");
      assert.equal(infos.length, 4);
      assert.ok(infos.some((m) => m.payload!.status === "error"), "the disabled channel");
      for (const m of messages) assert.equal(typeof m.timestamp, "number");
      await client.waitFor(messages.length + 12);
      const all = client.parsed() as Message[];
      const events = all.filter((m) => m.action === "event");
      const sources = new Set(events.map((m) => m.payload!.eventSourceId));
      assert.ok(sources.size >= 3, `several platforms: ${[...sources]}`);
      const twitch = events.find((m) =>
        m.payload!.eventTypeId === 4 &&
        ((m.payload!.eventPayload as { replaces?: unknown[] }).replaces ?? []).length > 0
      );
      assert.ok(twitch, "a Twitch message with emotes");
      const superChat = events.find((m) => m.payload!.eventTypeId === 7);
      assert.ok(superChat, "a YouTube Super Chat");
      assert.ok((superChat.payload!.eventPayload as { donation?: unknown }).donation);
      assert.ok(all.some((m) => m.action === "heartbeat"));
    } finally {
      await client.close();
    }
  });
});

Deno.test("heartbeats can be turned off", async () => {
  // A fake clock drives the heartbeat timer; a message pushed after the silent ticks is the
  // marker: a heartbeat sent by those ticks would have arrived before it.
  const clock = new FakeClock().install();
  try {
    await withMock({ heartbeatSeconds: 1 }, async (mock) => {
      mock.control.setHeartbeats(false);
      const client = await WsClient.open(`${mock.chatWsUrl}?accessToken=${mock.token}`);
      try {
        await deadline(client.waitFor(4), "the greeting");
        const greeting = client.messages.length;
        clock.advance(5_000); // five ticks, all silent
        mock.control.pushChat({ action: "marker" });
        await deadline(client.waitFor(greeting + 1), "the marker");
        assert.deepEqual(actions(client).slice(greeting), ["marker"]);
        mock.control.setHeartbeats(true);
        clock.advance(1_000);
        await deadline(client.waitFor(greeting + 2), "the heartbeat once on again");
        assert.equal(actions(client)[greeting + 1], "heartbeat");
      } finally {
        clock.uninstall();
        await client.close();
      }
    });
  } finally {
    clock.uninstall();
  }
});

Deno.test("pushChat sends a message as is; malformed frames reach open sockets", async () => {
  await withMock({}, async (mock) => {
    const client = await WsClient.open(`${mock.chatWsUrl}?accessToken=${mock.token}`);
    try {
      await client.waitFor(4);
      mock.control.pushChat({
        action: "connection_closed",
        payload: { connectionUuid: "u", reason: "removed" },
        timestamp: 1,
      });
      mock.control.sendMalformed("chat");
      await client.waitFor(7);
      assert.deepEqual(JSON.parse(client.messages[4]).action, "connection_closed");
      assert.equal(client.messages[5], "not json{");
      const noAction = JSON.parse(client.messages[6]);
      assert.equal(noAction.action, undefined);
    } finally {
      await client.close();
    }
  });
});

Deno.test("dropSocketsAfter closes each socket after K messages", async () => {
  await withMock({}, async (mock) => {
    mock.control.dropSocketsAfter(2);
    const client = await WsClient.open(`${mock.streamingWsUrl}?accessToken=${mock.token}`);
    const event = await deadline(client.closed, "the drop after 2 messages");
    assert.equal(client.messages.length, 2);
    assert.equal(event.code, 1001);
    mock.control.dropSocketsAfter(null);
    const again = await WsClient.open(`${mock.streamingWsUrl}?accessToken=${mock.token}`);
    try {
      await again.waitFor(4);
      assert.equal(again.messages.length, 4);
    } finally {
      await again.close();
    }
  });
});

Deno.test("close() closes open sockets too", async () => {
  let client: WsClient | undefined;
  await withMock({ heartbeatSeconds: 0.01 }, async (mock) => {
    client = await WsClient.open(`${mock.chatWsUrl}?accessToken=${mock.token}`);
  });
  const event = await deadline(client!.closed, "the close by the mock's close()");
  assert.equal(event.code, 1001);
});
