/**
 * The one reconnecting socket behind both monitors (SPEC.md, "Monitors"): the token in the
 * query string, reconnects with backoff and jitter, a silence watchdog, a token check when a
 * handshake fails, malformed frames reported and skipped, and a clean close on abort.
 *
 * The library never prints: everything worth telling a person goes to `onEvent`.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { abortableSleep, type TokenProvider } from "../http/http.ts";
import { maskUrl } from "../http/mask.ts";
import { assertEncryptedTransport } from "../http/transport.ts";
import { RECONNECT_BASE_MS, RECONNECT_CAP_MS, reconnectDelay } from "./backoff.ts";
import { type SocketEnd, SocketSession } from "./socket.ts";
import { handshakeStatus, judgeRefusal, type RefusalStage } from "./refusal.ts";
import { type MonitorEvent, safeEmitter } from "./events.ts";
import { type MonitorFrame, parseFrame } from "./frame.ts";
import { flatten } from "./message.ts";

export type { MonitorEvent, MonitorFrame };

/** Timing knobs, all in ms; the defaults are the product's. Tests shrink them. */
export interface MonitorTuning {
  /** Reconnect when nothing arrives for this long; 0 disables the watchdog. */
  watchdogMs?: number;
  /** First reconnect delay; 1000. */
  backoffBaseMs?: number;
  /** Longest reconnect delay; 30 000. */
  backoffCapMs?: number;
  /** A connection that stayed up this long resets the backoff; 60 000. */
  healthyResetMs?: number;
  /** Retries of a first connection that never opened before giving up; 5. */
  firstConnectRetries?: number;
  /** How long a close waits for the closing handshake; 2000. */
  closeTimeoutMs?: number;
  /** Waits between attempts; rejects when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in ms. */
  now?: () => number;
  /** Random number in [0, 1) for jitter. */
  random?: () => number;
}

/** Options of {@link connectMonitor}. */
export interface MonitorOptions extends MonitorTuning {
  /** The socket URL without the token, e.g. `wss://chat.api.restream.io/ws`. */
  url: string;
  /** Where access tokens come from; asked again before each connection attempt. */
  tokens: TokenProvider;
  /** Stops the monitor: the socket closes with code 1000 and iteration ends quietly. */
  signal?: AbortSignal;
  /**
   * Tells whether the API accepts this very token, without refreshing it (e.g.
   * `profileTokenCheck`): false when it is refused. Asked when a handshake fails with 400 or
   * without a status, which may or may not be an auth failure; a refresh is spent only when
   * it says false (SPEC.md, "Refresh tokens are spent only on auth failures").
   */
  checkToken?: (token: string) => Promise<boolean>;
  /** Receives reconnect notices, malformed frames and the like. Never throws into the loop. */
  onEvent?: (event: MonitorEvent) => void;
  /** Creates the socket; the native WebSocket by default. */
  createSocket?: (url: string) => WebSocket;
  /** Names the API in error messages ("chat", "streaming"). */
  name?: string;
  /** The OAuth scope the socket needs (`chat.read`), named when a handshake gets 403. */
  scope?: string;
}

const DEFAULTS = {
  watchdogMs: 0,
  backoffBaseMs: RECONNECT_BASE_MS,
  backoffCapMs: RECONNECT_CAP_MS,
  healthyResetMs: 60_000,
  firstConnectRetries: 5,
  closeTimeoutMs: 2_000,
};

/**
 * Connects and keeps connecting until the signal aborts, yielding every well-formed frame.
 * Throws a RestreamError `auth` when the token is rejected, `network` when the very first
 * connection cannot be made after the retries.
 *
 * @example
 * ```ts
 * import { connectMonitor } from "./monitor.ts";
 * const stop = AbortSignal.timeout(10_000);
 * const frames = connectMonitor({
 *   url: "wss://chat.api.restream.io/ws",
 *   tokens: { getAccessToken: () => Promise.resolve("token") },
 *   signal: stop,
 * });
 * for await (const frame of frames) console.log(frame.action);
 * ```
 */
export function connectMonitor(
  options: MonitorOptions,
): AsyncGenerator<MonitorFrame, void, undefined> {
  return flatten(connectMonitorBatches(options), options.signal);
}

/**
 * {@link connectMonitor} in batches: each item is every frame that arrived together.
 *
 * A WebSocket cannot be paused, and an async iterator that takes one message per step
 * falls behind the socket under a flood, so the queue between them grows. A consumer that
 * handles each batch without awaiting keeps the socket's reader waiting instead, and memory
 * stays bounded by TCP flow control. The CLI consumes batches.
 */
export async function* connectMonitorBatches(
  options: MonitorOptions,
): AsyncGenerator<MonitorFrame[], void, undefined> {
  const o = { ...DEFAULTS, ...definedOnly(options) };
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const emit = safeEmitter(options.onEvent);
  const { signal } = options;
  const name = options.name ?? "WebSocket";
  // Before any token is asked for (which may refresh it): never in cleartext off this host.
  assertEncryptedTransport(options.url);

  let connections = 0;
  let failures = 0; // consecutive attempts that did not last, since the last healthy one
  let neverOpened = 0; // failed attempts before the first connection ever opened
  let stage: RefusalStage = "fresh";
  let nextToken: string | undefined;

  while (!signal?.aborted) {
    let token: string;
    let end: SocketEnd | undefined;
    let openedAt: number | undefined;
    try {
      token = nextToken ?? await options.tokens.getAccessToken();
    } catch (error) {
      // A token that cannot be had is fatal; a token endpoint out of reach is not.
      if (error instanceof RestreamError && (error.kind === "auth" || error.kind === "forbidden")) {
        throw error;
      }
      token = "";
      end = { kind: "end", cause: "closed", code: 0, reason: errorText(error) };
    }
    nextToken = undefined;
    if (signal?.aborted) return;

    if (end === undefined) {
      const url = withToken(options.url, token);
      emit({ type: "connecting", url: maskUrl(url), attempt: failures + 1 });
      const session = new SocketSession(createSocket(url), {
        watchdogMs: o.watchdogMs,
        signal,
        closeTimeoutMs: o.closeTimeoutMs,
      });
      try {
        while (end === undefined) {
          const items = await session.next();
          const frames: MonitorFrame[] = [];
          const receivedAt = now();
          for (const item of items) {
            if (item.kind === "end") {
              end = item;
            } else if (signal?.aborted) {
              continue;
            } else if (item.kind === "open") {
              connections++;
              openedAt = now();
              stage = "fresh";
              emit({ type: "connected", connection: connections });
            } else {
              const frame = parseFrame(item.data, connections, receivedAt, emit);
              if (frame) frames.push(frame);
            }
          }
          if (frames.length > 0) yield frames;
        }
      } finally {
        await session.close();
      }
    }
    if (end.cause === "aborted" || signal?.aborted) return;

    if (openedAt !== undefined && now() - openedAt >= o.healthyResetMs) failures = 0;
    if (openedAt === undefined) {
      if (connections === 0) neverOpened++;
      if (token !== "") {
        const verdict = await judgeRefusal(token, end.error ?? end.reason, stage, options);
        if (signal?.aborted) return;
        stage = verdict.stage;
        if (verdict.kind === "rejected") {
          throw new RestreamError(
            "auth",
            `the ${name} API refused the access token (expired or revoked); log in again`,
            { status: handshakeStatus(end.error) ?? null, code: "token_rejected" },
          );
        }
        if (verdict.kind === "forbidden") {
          const scope = options.scope === undefined ? "a scope" : `scope ${options.scope}`;
          throw new RestreamError(
            "forbidden",
            `the ${name} API refused the access token: missing ${scope} ` +
              "(the token was not granted it); log in again and grant it",
            { status: 403, code: "insufficient_scope" },
          );
        }
        if (verdict.kind === "refreshed") {
          emit({ type: "token_refreshed" });
          nextToken = verdict.token;
        }
      }
      if (connections === 0 && neverOpened > o.firstConnectRetries) {
        throw new RestreamError(
          "network",
          `cannot connect to the ${name} API at ${maskUrl(options.url)} ` +
            `after ${neverOpened} attempts: ${end.reason}`,
        );
      }
      if (nextToken !== undefined) continue;
    }

    const delayMs = reconnectDelay(failures, random(), {
      baseMs: o.backoffBaseMs,
      capMs: o.backoffCapMs,
    });
    failures++;
    emit({ type: "reconnecting", attempt: failures, delayMs, reason: end.reason });
    try {
      await sleep(delayMs, signal);
    } catch {
      return; // aborted while waiting
    }
  }
}

/** Adds the token to the URL's query, URL-encoded. */
export function withToken(url: string, token: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("accessToken", token);
  return parsed.toString();
}

function errorText(error: unknown): string {
  return maskUrl(error instanceof Error ? error.message : String(error));
}

/** The options without keys set to undefined, so they do not override defaults. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
