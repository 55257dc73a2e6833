/**
 * The public types of the local mock Restream server: its options, the running server and
 * the control object that injects faults and pushes messages. Kept apart from the
 * implementation so `mod.ts` can export them without loading the server.
 *
 * @module
 */

/**
 * How a faulted response's body looks (RESTREAM_API.md, "Errors and limits"); `endless` is
 * a JSON array that never ends (it streams until the client gives up).
 */
export type MockFaultBody = "envelope" | "html" | "empty" | "json-message" | "endless";

/** A fault for {@link MockControl.failNext}. */
export interface MockFault {
  /** How many of the next matching requests fail; default 1. */
  count?: number;
  /** The HTTP status to answer with. */
  status: number;
  /** A `Retry-After` header value (seconds or an HTTP date). */
  retryAfter?: string;
  /** The body shape; default `"envelope"`. */
  body?: MockFaultBody;
  /** A JSON body sent instead of the shape (e.g. a page that always names a next page). */
  json?: unknown;
  /** A `Location` header: with a 3xx status, a redirect. */
  location?: string;
}

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** Interface to listen on; default `"127.0.0.1"`. */
  hostname?: string;
  /** Lifetime of access tokens issued by `/oauth/token`, in seconds; default 3600. */
  tokenLifetimeSeconds?: number;
  /** `/login` redirects at once with a code instead of showing Approve / Deny. */
  autoApprove?: boolean;
  /** Generated chat `event` messages per second; default 0 (none). */
  chatRatePerSecond?: number;
  /** Period of generated live streaming updates in ms; default 0 (none). */
  streamingIntervalMs?: number;
  /** Chat heartbeat period in seconds; default 45. */
  heartbeatSeconds?: number;
  /** Receives one compact line per request, secrets masked. */
  log?: (line: string) => void;
}

/** One entry of {@link MockControl.requestLog}. */
export interface MockRequestLogEntry {
  /** HTTP method. */
  method: string;
  /** URL path, without the query string. */
  path: string;
  /** The query string as received (`?a=1`, or empty): tests check what reached the mock. */
  query: string;
  /** The request headers as received, names lower-cased. */
  headers: Record<string, string>;
  /** Status answered (101 for an accepted WebSocket). */
  status: number;
  /** When the request arrived, Unix ms. */
  at: number;
}

/** What {@link MockControl.counters} reports, counted since start or the last reset. */
export interface MockCounters {
  /** Requests per `"METHOD /path"` (control API excluded). */
  requests: Record<string, number>;
  /** `refresh_token` grant requests that reached the token endpoint (successful or not). */
  refreshes: number;
  /** `authorization_code` grant requests that reached the token endpoint (successful or not). */
  tokenGrants: number;
  /** Requests to `/oauth/revoke`. */
  revocations: number;
  /** WebSocket connections accepted. */
  connections: { chat: number; streaming: number };
}

/** Tokens minted by {@link MockControl.issueTokens}. */
export interface MockIssuedTokens {
  /** The access token. */
  accessToken: string;
  /** Its refresh token (refreshable with the mock's client credentials). */
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
}

/**
 * Run-time control of a running mock server: faults, pushed messages, token state and
 * observations. The same operations are served as JSON over HTTP under `/__mock/`.
 */
export interface MockControl {
  /**
   * Fails the next `count` requests to a route with a status. `route` is `"METHOD /path"`;
   * a path segment `{name}` or `*` matches any segment, and the method may be `*`.
   */
  failNext(route: string, fault: MockFault): void;
  /** Delays every request (and WebSocket handshake) by `ms`. */
  setLatency(ms: number): void;
  /** Closes each WebSocket after it was sent `messages` messages; null turns it off. */
  dropSocketsAfter(messages: number | null): void;
  /** Sends `not json{` and a JSON frame without `action` to every open socket of a kind. */
  sendMalformed(socket: "chat" | "streaming"): void;
  /** Turns chat heartbeats on or off. */
  setHeartbeats(on: boolean): void;
  /** Every issued token, the ready token included, stops working. */
  revokeAllTokens(): void;
  /** Every access token expires now; refresh tokens keep working. */
  expireAllTokens(): void;
  /** Mints a token pair, as after a login, without the browser flow. */
  issueTokens(options?: { scopes?: string[]; lifetimeSeconds?: number }): MockIssuedTokens;
  /**
   * Replaces one value of the served data, e.g. `setData("channels.0.displayName", "…")`:
   * `path` is dot-separated keys and array indexes into the data (platforms, servers,
   * channels, events, files, projects, profile, streamKey…) and must name an existing field.
   * Tests plant hostile strings this way.
   */
  setData(path: string, value: unknown): void;
  /** Sends a message as is to every open chat socket. */
  pushChat(message: unknown): void;
  /** Sends a message to every streaming socket and remembers it for replay. */
  pushStreaming(message: unknown): void;
  /** Every request so far (control API excluded), oldest first. */
  requestLog(): MockRequestLogEntry[];
  /** Counters since start or the last reset. */
  counters(): MockCounters;
  /**
   * Back to the start: seed data, faults, latency, socket settings, heartbeats, counters,
   * log and streaming replay; the ready token works again. Tokens issued since are kept.
   */
  reset(): void;
}

/** A running mock server. */
export interface MockServer {
  /** Origin of REST (under `/v2`), `/login` and `/oauth/*`, e.g. `http://127.0.0.1:PORT`. */
  apiUrl: string;
  /** Streaming WebSocket URL, e.g. `ws://127.0.0.1:PORT/ws/streaming`. */
  streamingWsUrl: string;
  /** Chat WebSocket URL, e.g. `ws://127.0.0.1:PORT/ws/chat`. */
  chatWsUrl: string;
  /** A ready access token with every scope that never expires. */
  token: string;
  /** The OAuth client id the mock accepts. */
  clientId: string;
  /** The OAuth client secret the mock accepts. */
  clientSecret: string;
  /** Run-time control. */
  control: MockControl;
  /** Closes the server and every open WebSocket; leaves no timers behind. */
  close(): Promise<void>;
}
