/**
 * Both WebSockets of the mock (RESTREAM_API.md, "WebSockets"). Streaming replays the
 * updates of the last minute on connect, then sends live ones; chat sends one
 * `connection_info` per channel, heartbeats and generated chat events. A missing or bad
 * `accessToken` is refused with HTTP 401 before the upgrade.
 *
 * Deno's `server.shutdown()` leaves upgraded sockets open, so the hub tracks every socket
 * and closes them itself.
 *
 * @module
 */

import { envelope, refuseToken } from "./respond.ts";
import {
  chatEvent,
  connectionInfos,
  heartbeat,
  seedStreamingUpdates,
  streamingUpdates,
} from "./messages.ts";
import type { MockState } from "./state.ts";

/** The two sockets. */
export type SocketKind = "chat" | "streaming";

/** How long the streaming API replays updates for. */
const REPLAY_MS = 60_000;
/** At most this many remembered updates (a fast interval must not grow memory). */
const REPLAY_LIMIT = 1000;
/** How long close() waits for clients to answer the close handshake. */
const CLOSE_WAIT_MS = 1000;

const SCOPES: Readonly<Record<SocketKind, string>> = {
  chat: "chat.read",
  streaming: "stream.read",
};

interface Client {
  kind: SocketKind;
  socket: WebSocket;
  sent: number;
  heartbeat?: ReturnType<typeof setInterval>;
  closed: Promise<void>;
}

/** Timing of generated messages. */
export interface SocketTiming {
  chatRatePerSecond: number;
  streamingIntervalMs: number;
  heartbeatSeconds: number;
}

/** Every WebSocket of one server, with the generators that feed them. */
export class SocketHub {
  readonly #state: MockState;
  readonly #timing: SocketTiming;
  readonly #clients = new Set<Client>();
  readonly #timers: Array<ReturnType<typeof setInterval>> = [];
  #remembered: Array<{ at: number; message: unknown }> = [];
  #streamingTick = 0;
  #chatCount = 0;

  /** Creates the hub; {@link SocketHub.start} starts the generators. */
  constructor(state: MockState, timing: SocketTiming) {
    this.#state = state;
    this.#timing = timing;
    this.resetReplay();
  }

  /** Starts the live streaming updates and the chat generator, when their rates are set. */
  start(): void {
    const { streamingIntervalMs, chatRatePerSecond } = this.#timing;
    if (streamingIntervalMs > 0) {
      this.#timers.push(setInterval(() => {
        const now = this.#state.now();
        for (const update of streamingUpdates(this.#state.data, ++this.#streamingTick, now)) {
          this.pushStreaming(update);
        }
      }, streamingIntervalMs));
    }
    if (chatRatePerSecond > 0) {
      this.#timers.push(setInterval(() => {
        const message = chatEvent(this.#state.data, this.#chatCount++, this.#state.now());
        if (message !== null) this.pushChat(message);
      }, 1000 / chatRatePerSecond));
    }
  }

  /** Answers a WebSocket request: 401/403 without a good token, else the upgrade. */
  accept(kind: SocketKind, req: Request, url: URL): Response {
    const token = url.searchParams.get("accessToken") ?? undefined;
    const refused = refuseToken(this.#state.tokens, token, SCOPES[kind], "no access token given");
    if (refused) return refused;
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return envelope(400, "Expected a WebSocket upgrade", "bad_request");
    }
    const { socket, response } = Deno.upgradeWebSocket(req);
    let resolveClosed!: () => void;
    const client: Client = { kind, socket, sent: 0, closed: new Promise((r) => resolveClosed = r) };
    this.#clients.add(client);
    socket.addEventListener("open", () => {
      this.#state.counters.connections[kind]++;
      if (kind === "streaming") this.#replay(client);
      else this.#greet(client);
    });
    socket.addEventListener("close", () => {
      clearInterval(client.heartbeat);
      this.#clients.delete(client);
      resolveClosed();
    });
    // Errors end in a close event; nothing else to do.
    socket.addEventListener("error", () => {});
    return response;
  }

  /** Sends a message to every open chat socket. */
  pushChat(message: unknown): void {
    this.#broadcast("chat", JSON.stringify(message));
  }

  /** Sends a message to every streaming socket and remembers it for replay. */
  pushStreaming(message: unknown): void {
    const now = this.#state.now();
    this.#remembered.push({ at: now, message });
    this.#remembered = this.#remembered.filter((r) => r.at >= now - REPLAY_MS).slice(-REPLAY_LIMIT);
    this.#broadcast("streaming", JSON.stringify(message));
  }

  /** Sends a frame that is not JSON and a JSON frame without `action`. */
  sendMalformed(kind: SocketKind): void {
    this.#broadcast(kind, "not json{");
    this.#broadcast(
      kind,
      JSON.stringify({ payload: {}, timestamp: Math.floor(this.#state.now() / 1000) }),
    );
  }

  /** Forgets pushed updates and remembers the seed ones again. */
  resetReplay(): void {
    const now = this.#state.now();
    this.#remembered = seedStreamingUpdates(this.#state.data, now).map((message) => ({
      at: now,
      message,
    }));
  }

  /** Stops the generators and closes every socket, waiting briefly for the handshakes. */
  async close(): Promise<void> {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    const clients = [...this.#clients];
    for (const client of clients) {
      clearInterval(client.heartbeat);
      try {
        client.socket.close(1001, "mock server closing");
      } catch {
        // Not open yet: the failed handshake ends it.
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => timer = setTimeout(resolve, CLOSE_WAIT_MS));
    await Promise.race([Promise.all(clients.map((c) => c.closed)), timeout]);
    clearTimeout(timer);
  }

  #replay(client: Client): void {
    const since = this.#state.now() - REPLAY_MS;
    for (const { at, message } of this.#remembered) {
      if (at >= since) this.#send(client, JSON.stringify(message));
    }
  }

  #greet(client: Client): void {
    for (const info of connectionInfos(this.#state.data, this.#state.now())) {
      this.#send(client, JSON.stringify(info));
    }
    const period = this.#timing.heartbeatSeconds * 1000;
    if (period > 0) {
      client.heartbeat = setInterval(() => {
        if (this.#state.faults.heartbeats) {
          this.#send(client, JSON.stringify(heartbeat(this.#state.now())));
        }
      }, period);
    }
  }

  #broadcast(kind: SocketKind, text: string): void {
    for (const client of this.#clients) if (client.kind === kind) this.#send(client, text);
  }

  #send(client: Client, text: string): void {
    if (client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(text);
    client.sent++;
    const limit = this.#state.faults.dropAfter;
    if (limit !== null && client.sent >= limit) {
      clearInterval(client.heartbeat);
      client.socket.close(
        1001,
        `mock: dropped after ${limit} ${limit === 1 ? "message" : "messages"}`,
      );
    }
  }
}
