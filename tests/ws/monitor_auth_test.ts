/**
 * The monitors take `token: string` like RestreamClient (issue 14), and fail locally with an
 * `auth` error when they have none.
 */

import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import { monitorChat } from "../../src/ws/chat.ts";
import { monitorStreaming } from "../../src/ws/streaming.ts";
import { withMock } from "../support/mock.ts";

Deno.test("monitorChat and monitorStreaming accept a plain token (pointed at the mock)", async () => {
  await withMock({ chatRatePerSecond: 50, streamingIntervalMs: 50 }, async (mock) => {
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)]);
    for await (const message of monitorChat({ url: mock.chatWsUrl, token: mock.token, signal })) {
      assert.equal(typeof message.type, "string");
      break;
    }
    const streaming = monitorStreaming({ url: mock.streamingWsUrl, token: mock.token, signal });
    for await (const message of streaming) {
      assert.equal(typeof message.type, "string");
      break;
    }
    assert.equal(signal.aborted, false, "messages came before the deadline");
    controller.abort();
  });
});

Deno.test("a monitor without a token fails with an auth error before connecting", async () => {
  let created = 0;
  for (const start of [monitorChat, monitorStreaming]) {
    for (const token of [undefined, ""]) {
      const iterator = start({
        url: "ws://127.0.0.1:9/ws",
        token,
        createSocket: (url) => {
          created++;
          return new WebSocket(url);
        },
      });
      await assert.rejects(
        iterator.next(),
        (error: unknown) =>
          error instanceof RestreamError && error.kind === "auth" &&
          /^no token\b/.test(error.message),
      );
    }
  }
  assert.equal(created, 0, "no socket was opened");
});
