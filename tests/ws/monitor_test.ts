import assert from "node:assert/strict";
import { RestreamError } from "../../src/errors.ts";
import { connectMonitor, type MonitorEvent, type MonitorFrame } from "../../src/ws/monitor.ts";
import { closedPort, WsTestServer } from "../support/ws_server.ts";
import { deadline, signal } from "../support/deadline.ts";
import { FakeClock } from "../support/fake_clock.ts";
import { FakeSocket } from "../support/fake_socket.ts";
import { eventLog, fastTuning, take, tokenCheck, tokenSequence } from "./helpers.ts";

const token = tokenSequence(["tok-3f9a"]);

Deno.test("frames arrive in order with their content, then abort ends quietly with code 1000", async () => {
  const sent = [{ action: "a", n: 1 }, { action: "b", nested: { x: [1, 2] } }, { action: "c" }];
  const server = WsTestServer.start({
    onConnection: (c) => sent.forEach((m) => c.send(m)),
  });
  try {
    const controller = new AbortController();
    const frames = await take(
      connectMonitor({ url: server.url, tokens: token, signal: controller.signal }),
      3,
      controller,
    );
    assert.deepEqual(frames.map((f) => f.raw), sent);
    assert.deepEqual(frames.map((f) => f.action), ["a", "b", "c"]);
    assert.equal(await deadline(server.connections[0].closed, "the server side's close"), 1000);
    assert.equal(server.connections.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("the token goes URL-encoded in the query; the reported URL masks it", async () => {
  const secret = "a b&c=d/+é";
  const server = WsTestServer.start({ onConnection: (c) => c.send({ action: "x" }) });
  const log = eventLog();
  try {
    const controller = new AbortController();
    await take(
      connectMonitor({
        url: `${server.url}?other=1`,
        tokens: tokenSequence([secret]),
        signal: controller.signal,
        onEvent: log.onEvent,
      }),
      1,
      controller,
    );
    assert.deepEqual(server.handshakes, [secret]);
    const connecting = log.events.find((e) => e.type === "connecting");
    assert.ok(connecting?.type === "connecting");
    assert.ok(!connecting.url.includes("a%20b") && !connecting.url.includes("a+b"), connecting.url);
    assert.match(connecting.url, /other=1&accessToken=\*\*\*/);
  } finally {
    await server.close();
  }
});

Deno.test("malformed frames are reported and skipped; the monitor goes on", async () => {
  const server = WsTestServer.start({
    onConnection: (c) => {
      c.send("not json {");
      c.send({ noAction: true });
      c.send("[1,2]");
      c.send({ action: 7 });
      c.send({ action: "ok" });
    },
  });
  const log = eventLog();
  try {
    const controller = new AbortController();
    const frames = await take(
      connectMonitor({
        url: server.url,
        tokens: token,
        signal: controller.signal,
        onEvent: log.onEvent,
      }),
      1,
      controller,
    );
    assert.deepEqual(frames.map((f) => f.raw), [{ action: "ok" }]);
    const malformed = log.events.filter((e) => e.type === "malformed");
    assert.deepEqual(malformed.map((e) => e.type === "malformed" && e.reason), [
      "not JSON",
      "no action",
      "no action",
      "no action",
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("a dropped connection is reconnected and new messages arrive", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      c.send({ action: "m", index });
      if (index === 0) c.drop();
    },
  });
  const log = eventLog();
  const tuning = fastTuning();
  try {
    const controller = new AbortController();
    const frames = await take(
      connectMonitor({
        url: server.url,
        tokens: token,
        signal: controller.signal,
        onEvent: log.onEvent,
        ...tuning,
      }),
      2,
      controller,
    );
    assert.deepEqual(frames.map((f) => [f.raw.index, f.connection]), [[0, 1], [1, 2]]);
    const reconnect = log.events.find((e) => e.type === "reconnecting");
    assert.ok(reconnect?.type === "reconnecting");
    assert.equal(reconnect.attempt, 1);
    assert.equal(reconnect.delayMs, 1000);
    assert.match(reconnect.reason, /code 1011: dropped/);
    assert.deepEqual(tuning.delays, [1000]);
  } finally {
    await server.close();
  }
});

Deno.test("the watchdog reconnects a silent socket", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      if (index === 1) c.send({ action: "alive" }); // the first connection stays silent
    },
  });
  const log = eventLog();
  try {
    const controller = new AbortController();
    const frames = await take(
      connectMonitor({
        url: server.url,
        tokens: token,
        signal: controller.signal,
        onEvent: log.onEvent,
        ...fastTuning({ watchdogMs: 80 }),
      }),
      1,
      controller,
    );
    assert.equal(frames[0].connection, 2);
    const reconnect = log.events.find((e) => e.type === "reconnecting");
    assert.ok(reconnect?.type === "reconnecting");
    assert.equal(reconnect.reason, "no message for 0.1 s");
    assert.equal(await deadline(server.connections[0].closed, "the server side's close"), 4000);
  } finally {
    await server.close();
  }
});

Deno.test("messages keep the watchdog quiet; it fires a full period after the last one", async () => {
  // A fake clock: a message every 30 ms for 180 ms under a 100 ms watchdog, exactly.
  const clock = new FakeClock().install();
  const socket = new FakeSocket();
  const controller = new AbortController();
  const connected = signal();
  const reconnecting = signal();
  let opened = 0;
  try {
    const monitor = connectMonitor({
      url: "ws://127.0.0.1:9/ws",
      tokens: token,
      signal: controller.signal,
      createSocket: () => {
        const next = opened++ === 0 ? socket : new FakeSocket();
        queueMicrotask(() => next.open());
        return next as unknown as WebSocket;
      },
      onEvent: (event) => {
        if (event.type === "connected") connected.resolve();
        if (event.type === "reconnecting") reconnecting.resolve();
      },
      ...fastTuning({ watchdogMs: 100 }),
    });
    const frames: MonitorFrame[] = [];
    const consuming = (async () => {
      for await (const frame of monitor) frames.push(frame);
    })();
    await deadline(connected.promise, "the connection");
    for (let i = 0; i < 6; i++) {
      clock.advance(30);
      socket.message({ action: "beat", i });
    }
    // 180 ms in, longer than the watchdog, and still open: every message re-armed it.
    clock.advance(99);
    assert.equal(socket.closedWith, undefined, "closed while messages flowed");
    clock.advance(1);
    assert.deepEqual(socket.closedWith, { code: 4000, reason: "no message for 0.1 s" });
    await deadline(reconnecting.promise, "the reconnect after the silence");
    controller.abort();
    await deadline(consuming, "the monitor's end");
    assert.equal(frames.length, 6);
    assert.ok(frames.every((f) => f.connection === 1));
  } finally {
    controller.abort();
    clock.uninstall();
  }
});

Deno.test("a token that changed between connections is used for the reconnect", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      c.send({ action: "m" });
      if (index === 0) c.drop();
    },
  });
  const tokens = tokenSequence(["old", "renewed"]);
  try {
    const controller = new AbortController();
    await take(
      connectMonitor({ url: server.url, tokens, signal: controller.signal, ...fastTuning() }),
      2,
      controller,
    );
    assert.deepEqual(server.handshakes, ["old", "renewed"]);
  } finally {
    await server.close();
  }
});

Deno.test("a refused handshake refreshes the token and retries at once", async () => {
  const server = WsTestServer.start({
    acceptToken: (t) => t === "fresh",
    onConnection: (c) => c.send({ action: "m" }),
  });
  const tokens = tokenSequence(["expired"], () => Promise.resolve("fresh"));
  const log = eventLog();
  const tuning = fastTuning();
  try {
    const controller = new AbortController();
    await take(
      connectMonitor({
        url: server.url,
        tokens,
        signal: controller.signal,
        onEvent: log.onEvent,
        ...tuning,
      }),
      1,
      controller,
    );
    assert.deepEqual(server.handshakes, ["expired", "fresh"]);
    assert.deepEqual(tokens.refreshed, ["expired"]);
    assert.ok(log.events.some((e) => e.type === "token_refreshed"));
    assert.deepEqual(tuning.delays, [], "the refreshed token is tried without waiting");
  } finally {
    await server.close();
  }
});

Deno.test("a 401 handshake with no refresh to be had is an auth error, without a token check", async () => {
  const server = WsTestServer.start({ acceptToken: () => false });
  const checkToken = tokenCheck(true);
  try {
    await assert.rejects(
      drain(connectMonitor({
        url: server.url,
        tokens: token,
        checkToken,
        name: "chat",
        ...fastTuning(),
      })),
      (error: unknown) => {
        assert.ok(error instanceof RestreamError);
        assert.equal(error.kind, "auth");
        assert.equal(error.status, 401);
        assert.match(error.message, /chat API refused the access token/);
        assert.ok(!error.message.includes("tok-3f9a"), "no token in the message");
        return true;
      },
    );
    assert.deepEqual(checkToken.checked, [], "the handshake said 401: nothing to check");
    assert.equal(server.handshakes.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("refused again after a refresh, with checkToken saying no: auth error", async () => {
  const server = WsTestServer.start({ acceptToken: () => false });
  const tokens = tokenSequence(["old"], () => Promise.resolve("new"));
  try {
    await assert.rejects(
      drain(connectMonitor({
        url: server.url,
        tokens,
        checkToken: () => Promise.resolve(false),
        ...fastTuning(),
      })),
      (error: unknown) => error instanceof RestreamError && error.kind === "auth",
    );
    assert.deepEqual(server.handshakes, ["old", "new"]);
  } finally {
    await server.close();
  }
});

Deno.test("a 400 handshake with a token checkToken accepts is retried with backoff, checked once", async () => {
  const server = WsTestServer.start({ refuseStatus: 400 });
  const tuning = fastTuning();
  const checkToken = tokenCheck(true);
  const tokens = tokenSequence(["tok"], () => Promise.resolve("new"));
  try {
    await assert.rejects(
      drain(connectMonitor({ url: server.url, tokens, checkToken, ...tuning })),
      (error: unknown) => error instanceof RestreamError && error.kind === "network",
    );
    assert.equal(server.handshakes.length, 6, "the first attempt and 5 retries");
    assert.equal(
      checkToken.checked.length,
      1,
      "a token found good is not checked again in the streak",
    );
    assert.equal(tokens.refreshed.length, 0);
    assert.deepEqual(tuning.delays, [1000, 2000, 4000, 8000, 16000]);
  } finally {
    await server.close();
  }
});

for (const status of [500, 502, 503, 404, 429]) {
  Deno.test(`a ${status} handshake is retried with backoff: no refresh, no token check`, async () => {
    const server = WsTestServer.start({ refuseStatus: status });
    const checkToken = tokenCheck(false);
    const tokens = tokenSequence(["tok"], () => Promise.resolve("new"));
    try {
      await assert.rejects(
        drain(connectMonitor({ url: server.url, tokens, checkToken, ...fastTuning() })),
        (error: unknown) => {
          assert.ok(error instanceof RestreamError);
          assert.equal(error.kind, "network");
          assert.match(error.message, new RegExp(`Invalid status code: ${status}`));
          return true;
        },
      );
      assert.deepEqual(
        [tokens.refreshed.length, checkToken.checked.length, server.handshakes.length],
        [0, 0, 6],
      );
    } finally {
      await server.close();
    }
  });
}

Deno.test("a 403 handshake is a missing scope: forbidden naming it, no refresh, no retry", async () => {
  const server = WsTestServer.start({ refuseStatus: 403 });
  const tokens = tokenSequence(["tok"], () => Promise.resolve("new"));
  try {
    await assert.rejects(
      drain(connectMonitor({
        url: server.url,
        tokens,
        name: "chat",
        scope: "chat.read",
        checkToken: () => Promise.resolve(true),
        ...fastTuning(),
      })),
      (error: unknown) => {
        assert.ok(error instanceof RestreamError);
        assert.equal(error.kind, "forbidden");
        assert.equal(error.status, 403);
        assert.match(
          error.message,
          /^the chat API refused the access token: missing scope chat\.read/,
        );
        return true;
      },
    );
    assert.equal(tokens.refreshed.length, 0);
    assert.equal(server.handshakes.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("502 alternating with accept-then-close for a long time spends no refresh", async () => {
  // Even handshakes are refused with 502; odd ones are accepted, then dropped at once.
  const server = WsTestServer.start({
    refuseStatus: (i) => i % 2 === 0 ? 502 : undefined,
    onConnection: (c) => void c.drop(1011, "flap"),
  });
  const checkToken = tokenCheck(false);
  const tokens = tokenSequence(["tok"], () => Promise.resolve("new"));
  const controller = new AbortController();
  try {
    const run = drain(connectMonitor({
      url: server.url,
      tokens,
      signal: controller.signal,
      checkToken,
      ...fastTuning(),
    }));
    await server.waitForConnections(10);
    controller.abort();
    await run;
    assert.ok(server.handshakes.length >= 20);
    assert.deepEqual([tokens.refreshed.length, checkToken.checked.length], [0, 0]);
    assert.ok(server.handshakes.every((t) => t === "tok"));
  } finally {
    await server.close();
  }
});

Deno.test("the very first connection is retried 5 times, then a network error", async () => {
  const tuning = fastTuning();
  const log = eventLog();
  const url = `ws://127.0.0.1:${closedPort()}/ws`;
  await assert.rejects(
    drain(connectMonitor({ url, tokens: token, onEvent: log.onEvent, name: "chat", ...tuning })),
    (error: unknown) => {
      assert.ok(error instanceof RestreamError);
      assert.equal(error.kind, "network");
      assert.match(error.message, /cannot connect to the chat API at .* after 6 attempts/);
      return true;
    },
  );
  assert.deepEqual(tuning.delays, [1000, 2000, 4000, 8000, 16000]);
  assert.equal(log.events.filter((e) => e.type === "connecting").length, 6);
});

Deno.test("backoff doubles to the cap and resets after a connection that stayed up", async () => {
  let clock = 0;
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      if (index < 6) c.drop();
      else c.send({ action: "done" });
    },
  });
  const tuning = fastTuning({ now: () => clock, backoffCapMs: 4000 });
  const onEvent = (e: MonitorEvent): void => {
    if (e.type === "connected" && e.connection === 5) clock += 60_000; // this one stays up
  };
  try {
    const controller = new AbortController();
    await take(
      connectMonitor({
        url: server.url,
        tokens: token,
        signal: controller.signal,
        onEvent,
        ...tuning,
      }),
      1,
      controller,
    );
    assert.deepEqual(tuning.delays, [1000, 2000, 4000, 4000, 1000, 2000]);
  } finally {
    await server.close();
  }
});

Deno.test("jitter spreads delays by ±20 % around the exact value", async () => {
  for (const [random, expected] of [[0, 800], [0.999, 1200]] as const) {
    const tuning = fastTuning({ random: () => random, firstConnectRetries: 1 });
    const url = `ws://127.0.0.1:${closedPort()}/ws`;
    await assert.rejects(drain(connectMonitor({ url, tokens: token, ...tuning })));
    assert.equal(Math.round(tuning.delays[0] / 10) * 10, expected);
  }
});

Deno.test("abort while waiting to reconnect ends quietly", async () => {
  const controller = new AbortController();
  const url = `ws://127.0.0.1:${closedPort()}/ws`;
  const frames: MonitorFrame[] = [];
  for await (
    const frame of connectMonitor({
      url,
      tokens: token,
      signal: controller.signal,
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason);
      },
    })
  ) frames.push(frame);
  assert.deepEqual(frames, []);
});

Deno.test("breaking out of the loop closes the socket", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send({ action: "m" }) });
  try {
    for await (const _ of connectMonitor({ url: server.url, tokens: token })) break;
    assert.equal(await deadline(server.connections[0].closed, "the server side's close"), 1000);
  } finally {
    await server.close();
  }
});

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) { /* nothing */ }
}

Deno.test("without checkToken, a handshake the runtime reports as 401 and no refresh: auth error", async () => {
  const server = WsTestServer.start({ acceptToken: () => false });
  try {
    await assert.rejects(
      drain(connectMonitor({ url: server.url, tokens: token, ...fastTuning() })),
      (error: unknown) => error instanceof RestreamError && error.kind === "auth",
    );
    assert.equal(server.handshakes.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("a 400 handshake, checkToken saying no: one refresh, then an auth error when refused again", async () => {
  const server = WsTestServer.start({ refuseStatus: 400 });
  const checkToken = tokenCheck(false);
  const tokens = tokenSequence(["old"], () => Promise.resolve("new"));
  try {
    await assert.rejects(
      drain(connectMonitor({ url: server.url, tokens, checkToken, ...fastTuning() })),
      (error: unknown) => error instanceof RestreamError && error.kind === "auth",
    );
    assert.deepEqual(tokens.refreshed, ["old"]);
    assert.deepEqual(checkToken.checked, ["old", "new"], "each token is checked as it was sent");
    assert.deepEqual(server.handshakes, ["old", "new"]);
  } finally {
    await server.close();
  }
});
