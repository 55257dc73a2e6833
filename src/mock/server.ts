/**
 * The local mock Restream server: REST under `/v2`, the OAuth server (`/login`,
 * `/oauth/token`, `/oauth/revoke`), the streaming and chat WebSockets, one-time download
 * files (`/__files/<id>`) and the control API (`/__mock/`), on one loopback port.
 *
 * @example
 * ```ts
 * import { startMockServer } from "./server.ts";
 *
 * const mock = await startMockServer();
 * mock.control.failNext("GET /v2/user/profile", { status: 503, retryAfter: "1" });
 * const res = await fetch(`${mock.apiUrl}/v2/user/profile`, {
 *   headers: { authorization: `Bearer ${mock.token}` },
 * });
 * console.log(res.status); // 503
 * await res.body?.cancel();
 * await mock.close();
 * ```
 *
 * @module
 */

import { maskSecrets } from "../http/mask.ts";
import { readCappedBytes } from "../http/response.ts";
import { createControl, handleControl } from "./control.ts";
import { Faults } from "./faults.ts";
import { randomSecret } from "./ids.ts";
import { OAuthServer } from "./oauth.ts";
import { handleRest } from "./rest.ts";
import { empty, envelope, json, notFound } from "./respond.ts";
import { createSeed } from "./seed.ts";
import { SocketHub } from "./sockets.ts";
import { Downloads, type MockState, zeroCounters } from "./state.ts";
import { TokenStore } from "./tokens.ts";
import type { MockControl, MockServer, MockServerOptions } from "./types.ts";

/** The OAuth client id the mock accepts. */
export const MOCK_CLIENT_ID = "mock-client-id";
/** The OAuth client secret the mock accepts (a mock: not a secret anywhere else). */
export const MOCK_CLIENT_SECRET = "mock-client-secret";

/** A host as it goes in a URL: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(hostname: string): string {
  if (hostname === "0.0.0.0") return "127.0.0.1";
  if (hostname === "::") return "[::1]";
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

function positive(
  value: number | undefined,
  fallback: number,
  what: string,
  allowZero: boolean,
): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
    throw new RangeError(`invalid ${what} '${value}'`);
  }
  return n;
}

/** Largest request body the mock reads (SPEC.md, "Bounded work"): 1 MiB. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The request with its body read into memory, at most {@link MAX_REQUEST_BYTES} (counted as
 * it streams, whatever `Content-Length` says); undefined when it is larger. A request without
 * a body is returned as is (a WebSocket upgrade needs the original).
 */
async function withBoundedBody(req: Request): Promise<Request | undefined> {
  if (req.body === null) return req;
  const bytes = await readCappedBytes(req.body, MAX_REQUEST_BYTES);
  if (bytes === undefined) return undefined;
  const bodyless = req.method === "GET" || req.method === "HEAD";
  return new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: bodyless ? undefined : bytes,
  });
}

/**
 * Starts a mock server and resolves once it listens. Rejects with `Deno.errors.AddrInUse`
 * when the port is taken.
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  // Deno.serve binds synchronously; a failure becomes a rejection, not a throw.
  return Promise.resolve().then(() => start(options));
}

function start(options: MockServerOptions): MockServer {
  const hostname = options.hostname ?? "127.0.0.1";
  const timing = {
    chatRatePerSecond: positive(options.chatRatePerSecond, 0, "chat rate", true),
    streamingIntervalMs: positive(options.streamingIntervalMs, 0, "streaming interval", true),
    heartbeatSeconds: positive(options.heartbeatSeconds, 45, "heartbeat period", true),
  };
  const now = (): number => Date.now();
  const seedEpoch = Math.floor(now() / 1000);
  const state: MockState = {
    data: createSeed(seedEpoch),
    seedEpoch,
    tokens: new TokenStore(now),
    faults: new Faults(),
    downloads: new Downloads(() => state.apiUrl),
    apiUrl: "",
    clientId: MOCK_CLIENT_ID,
    clientSecret: MOCK_CLIENT_SECRET,
    readyToken: randomSecret(),
    tokenLifetimeSeconds: positive(options.tokenLifetimeSeconds, 3600, "token lifetime", false),
    autoApprove: options.autoApprove ?? false,
    counters: zeroCounters(),
    log: [],
    now,
  };
  state.tokens.addPermanent(state.readyToken);
  const oauth = new OAuthServer(state);
  const sockets = new SocketHub(state, timing);
  const control = createControl(state, sockets);
  const closing = new AbortController();
  const log = options.log ?? (() => {});

  async function route(req: Request, url: URL): Promise<Response> {
    const path = url.pathname;
    if (path === "/v2" || path.startsWith("/v2/")) return await handleRest(state, req, url);
    if (path === "/login" && (req.method === "GET" || req.method === "POST")) {
      return await oauth.login(req, url);
    }
    if (path === "/oauth/token" && req.method === "POST") return await oauth.token(req);
    if (path === "/oauth/revoke" && req.method === "POST") return await oauth.revoke(req);
    if (path === "/ws/streaming") return sockets.accept("streaming", req, url);
    if (path === "/ws/chat") return sockets.accept("chat", req, url);
    const file = /^\/__files\/([0-9a-f]+)$/.exec(path);
    if (file && req.method === "GET") {
      const found = state.downloads.take(file[1]);
      if (!found) return notFound("DownloadUrlExpired", "download_url_expired");
      return new Response(found.body, { headers: { "content-type": found.contentType } });
    }
    if (path === "/") {
      return json(200, {
        name: "restream.io mock server",
        apiUrl: state.apiUrl,
        rest: `${state.apiUrl}/v2`,
      });
    }
    return notFound();
  }

  async function handle(original: Request): Promise<Response> {
    const url = new URL(original.url);
    const started = performance.now();
    const line = (status: number, note = ""): void =>
      log(
        maskSecrets(
          `${original.method} ${url.pathname}${url.search} ${status} ${
            Math.round(performance.now() - started)
          }ms${note}`,
        ),
      );
    if (closing.signal.aborted) return envelope(503, "Service Unavailable", "service_unavailable");
    const req = await withBoundedBody(original);
    if (req === undefined) {
      line(413, " (body over 1 MiB)");
      return envelope(413, "Payload Too Large", "payload_too_large");
    }
    // Before the CORS preflight answer: the control API grants no origin anything.
    if (url.pathname.startsWith("/__mock/")) {
      const response = await handleControl(control, req, url, state.apiUrl);
      line(response.status, " (control)");
      return response;
    }
    if (req.method === "OPTIONS") return empty(204);
    const at = now();
    // Read now: after an upgrade the request is gone.
    const headers = Object.fromEntries(req.headers);
    const key = `${req.method} ${url.pathname}`;
    state.counters.requests[key] = (state.counters.requests[key] ?? 0) + 1;
    if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs, closing.signal);
    const fault = state.faults.take(req.method, url.pathname);
    let response: Response;
    try {
      response = fault ?? await route(req, url);
    } catch (error) {
      log(`error: ${error instanceof Error ? error.message : String(error)}`);
      response = envelope(500, "Internal Server Error", "server_error");
    }
    state.log.push({
      method: req.method,
      path: url.pathname,
      query: url.search,
      headers,
      status: response.status,
      at,
    });
    line(response.status, fault ? " (fault)" : "");
    return response;
  }

  const server = Deno.serve({ port: options.port ?? 0, hostname, onListen: () => {} }, handle);
  const origin = `${urlHost(hostname)}:${server.addr.port}`;
  state.apiUrl = `http://${origin}`;
  sockets.start();
  let closed: Promise<void> | undefined;
  return {
    apiUrl: state.apiUrl,
    streamingWsUrl: `ws://${origin}/ws/streaming`,
    chatWsUrl: `ws://${origin}/ws/chat`,
    token: state.readyToken,
    clientId: state.clientId,
    clientSecret: state.clientSecret,
    control: control satisfies MockControl,
    close(): Promise<void> {
      closed ??= (async () => {
        closing.abort();
        await sockets.close();
        await server.shutdown();
      })();
      return closed;
    },
  };
}
