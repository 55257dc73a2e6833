/**
 * Tokens stay with their origin (SPEC.md, "Hostile input"): a stored token belongs to the
 * API origin that issued it, and goes only to that origin and to WebSocket URLs that belong
 * to it. Before anything opens a WebSocket, its URL is checked here, so a leftover
 * `RESTREAM_CHAT_WS_URL` (say, from a mock's export lines) cannot receive the real
 * account's token.
 *
 * @module
 */

import { DEFAULT_API_URL } from "../config.ts";
import { UsageError } from "../errors.ts";
import { assertEncryptedTransport } from "../http/transport.ts";
import type { TokenSource } from "./session.ts";

/** The WebSocket hosts of the production API (RESTREAM_API.md, "WebSockets"). */
const PRODUCTION_SOCKET_HOSTS: ReadonlySet<string> = new Set([
  "streaming.api.restream.io",
  "chat.api.restream.io",
]);

/** What {@link assertWebSocketUrlBelongs} checks. */
export interface WebSocketBinding {
  /** The API origin of the token (`RESTREAM_API_URL`). */
  apiUrl: string;
  /** The WebSocket URL about to be opened, set or default. */
  wsUrl: string;
  /**
   * Where the token comes from: `file` or `memory` (stored, so bound to `apiUrl`) or `env`
   * (`RESTREAM_TOKEN`: the user chose token and URLs together; only cleartext is refused).
   */
  source: TokenSource;
  /** The setting that chose `wsUrl`, named in the error (e.g. `RESTREAM_CHAT_WS_URL`). */
  variable: string;
  /** That setting's default: tells a URL that was set (unset it) from the default (set it). */
  defaultUrl?: string;
}

function port(url: URL): string {
  if (url.port !== "") return url.port;
  return url.protocol === "https:" || url.protocol === "wss:" ? "443" : "80";
}

/**
 * True when a WebSocket URL belongs to an API origin: the production pairing
 * (`https://api.restream.io` with `wss://streaming.api.restream.io` and
 * `wss://chat.api.restream.io`), or the same host and port as the API (a mock serves both).
 *
 * @example
 * ```ts
 * import { webSocketUrlBelongs } from "jsr:@restream/cli";
 * webSocketUrlBelongs("https://api.restream.io", "wss://chat.api.restream.io/ws"); // true
 * webSocketUrlBelongs("http://127.0.0.1:8080", "ws://127.0.0.1:8080/ws/chat"); // true
 * webSocketUrlBelongs("https://api.restream.io", "ws://127.0.0.1:8080/ws/chat"); // false
 * ```
 */
export function webSocketUrlBelongs(apiUrl: string, wsUrl: string): boolean {
  const api = new URL(apiUrl);
  const ws = new URL(wsUrl);
  if (ws.protocol !== "ws:" && ws.protocol !== "wss:") return false;
  if (
    api.origin === new URL(DEFAULT_API_URL).origin && ws.protocol === "wss:" &&
    PRODUCTION_SOCKET_HOSTS.has(ws.hostname) && port(ws) === "443"
  ) return true;
  return ws.hostname === api.hostname && port(ws) === port(api);
}

/**
 * Checks, before anything is sent, that the token may go to a WebSocket URL and to its API
 * origin: never in cleartext to a host that is not loopback, and a stored token only to a
 * URL that {@link webSocketUrlBelongs} to its origin. Throws a {@link UsageError} naming
 * the setting to change.
 *
 * @example
 * ```ts
 * import { assertWebSocketUrlBelongs, DEFAULT_CHAT_WS_URL } from "jsr:@restream/cli";
 * assertWebSocketUrlBelongs({
 *   apiUrl: "https://api.restream.io",
 *   wsUrl: Deno.env.get("RESTREAM_CHAT_WS_URL") ?? DEFAULT_CHAT_WS_URL,
 *   source: "file",
 *   variable: "RESTREAM_CHAT_WS_URL",
 *   defaultUrl: DEFAULT_CHAT_WS_URL,
 * });
 * ```
 */
export function assertWebSocketUrlBelongs(binding: WebSocketBinding): void {
  const { apiUrl, wsUrl, variable } = binding;
  assertEncryptedTransport(apiUrl, "RESTREAM_API_URL");
  assertEncryptedTransport(wsUrl, variable);
  if (binding.source === "env" || webSocketUrlBelongs(apiUrl, wsUrl)) return;
  const api = new URL(apiUrl);
  const ws = new URL(wsUrl);
  const owner = `${api.origin}, whose stored token it would receive`;
  const setIt = `set ${variable} to a WebSocket URL on ${api.host}`;
  const defaultUrl = binding.defaultUrl;
  if (defaultUrl !== undefined && ws.href === new URL(defaultUrl).href) {
    throw new UsageError(
      `${variable} is not set and its default (${ws.origin}) does not belong to ${owner}: ${setIt}`,
    );
  }
  const unsetIt = defaultUrl !== undefined && webSocketUrlBelongs(apiUrl, defaultUrl);
  throw new UsageError(
    `${variable} (${ws.origin}) does not belong to ${owner}: ` +
      (unsetIt ? `unset ${variable}` : setIt),
  );
}
