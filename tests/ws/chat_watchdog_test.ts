import assert from "node:assert/strict";
import { monitorChat } from "../../src/ws/chat.ts";
import type { MonitorEvent } from "../../src/ws/monitor.ts";
import { deadline, signal } from "../support/deadline.ts";
import { FakeClock } from "../support/fake_clock.ts";
import { FakeSocket } from "../support/fake_socket.ts";
import { fastTuning, tokenSequence } from "./helpers.ts";

Deno.test("chat: without watchdogMs, 60 s of silence (not 59.999 s) ends the connection and it reconnects", async () => {
  const clock = new FakeClock().install();
  const sockets: FakeSocket[] = [];
  const events: MonitorEvent[] = [];
  let connected = signal();
  const reconnecting = signal<MonitorEvent>();
  const controller = new AbortController();
  const tuning = fastTuning();
  try {
    const monitor = monitorChat({
      url: "ws://127.0.0.1:9/ws",
      tokens: tokenSequence(["t"]),
      signal: controller.signal,
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        queueMicrotask(() => socket.open());
        return socket as unknown as WebSocket;
      },
      onEvent: (event) => {
        events.push(event);
        if (event.type === "connected") connected.resolve();
        if (event.type === "reconnecting") reconnecting.resolve(event);
      },
      // Instant reconnects, but no watchdogMs: the default is what is tested.
      sleep: tuning.sleep,
      random: tuning.random,
    });
    const received: unknown[] = [];
    const consuming = (async () => {
      for await (const message of monitor) received.push(message.raw);
    })();

    await deadline(connected.promise, "the first connection");
    clock.advance(30_000);
    sockets[0].message({ action: "heartbeat", payload: {}, timestamp: 1 });
    // Silence is counted from the last message: 60 s after it, not after the open.
    clock.advance(59_999);
    assert.equal(sockets[0].closedWith, undefined, "closed before 60 s of silence");
    assert.equal(events.some((e) => e.type === "reconnecting"), false);
    connected = signal();
    clock.advance(1);
    assert.deepEqual(sockets[0].closedWith, { code: 4000, reason: "no message for 60 s" });

    const event = await deadline(reconnecting.promise, "the reconnect after the watchdog");
    assert.ok(event.type === "reconnecting");
    assert.equal(event.reason, "no message for 60 s");
    await deadline(connected.promise, "the second connection");
    assert.equal(sockets.length, 2);
    controller.abort();
    await deadline(consuming, "the monitor's end after abort");
    assert.deepEqual(received, [{ action: "heartbeat", payload: {}, timestamp: 1 }]);
  } finally {
    controller.abort();
    clock.uninstall();
  }
});
