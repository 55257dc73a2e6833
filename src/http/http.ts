/**
 * The one request pipeline: URL building, bearer auth with one refresh after a 401, retries
 * with backoff and `Retry-After`, per-attempt timeouts, error mapping and a masked verbose log.
 *
 * Everything above this file deals in paths and parsed bodies; nothing above it knows about
 * retries or headers.
 *
 * @module
 */

import { apiUrlWithoutV2 } from "../config.ts";
import { RestreamError, UsageError } from "../errors.ts";
import { maskUrl, registerSecret } from "./mask.ts";
import {
  errorFromResponse,
  networkReason,
  parseBody,
  readCapped,
  redirectError,
  retryReason,
} from "./response.ts";
import { assertEncryptedTransport } from "./transport.ts";
import {
  backoffDelay,
  isConnectFailure,
  isIdempotent,
  MAX_RETRIES,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from "./retry.ts";

/**
 * The shape of `fetch` the pipeline needs; tests pass a fake.
 *
 * @example
 * ```ts
 * import { type FetchLike, RestreamClient } from "jsr:@restream/cli";
 * const fake: FetchLike = () => Promise.resolve(Response.json([{ id: 1, name: "Twitch", url: "" }]));
 * console.log(await new RestreamClient({ fetch: fake }).listPlatforms());
 * ```
 */
export type FetchLike = (input: Request) => Promise<Response>;

/**
 * Where bearer tokens come from. {@link Session} implements it; {@link fixedToken} is the
 * simplest one.
 *
 * @example
 * ```ts
 * import { RestreamClient, type TokenProvider } from "jsr:@restream/cli";
 *
 * // Tokens kept by your own app (a database, a secret manager…).
 * const tokens: TokenProvider = {
 *   getAccessToken: () => Promise.resolve(Deno.env.get("RESTREAM_TOKEN")!),
 *   refreshAfterUnauthorized: () => Promise.resolve(null), // cannot refresh: a 401 is final
 * };
 * const client = new RestreamClient({ tokens });
 * ```
 */
export interface TokenProvider {
  /** A token to send now (refreshed first if it is about to expire). */
  getAccessToken(): Promise<string>;
  /**
   * Called once after a 401 with the token that was refused. Returns a new token to retry
   * with, or null when none can be had (the 401 then becomes an auth error).
   */
  refreshAfterUnauthorized?(rejected: string): Promise<string | null>;
}

/**
 * A token provider for a token that never changes (`RESTREAM_TOKEN`): never refreshed.
 *
 * @example
 * ```ts
 * import { fixedToken, RestreamClient } from "jsr:@restream/cli";
 * const client = new RestreamClient({ tokens: fixedToken(Deno.env.get("RESTREAM_TOKEN")!) });
 * console.log((await client.getProfile()).username);
 * ```
 */
export function fixedToken(token: string): TokenProvider {
  return { getAccessToken: () => Promise.resolve(token) };
}

/**
 * The provider for the `token` and `tokens` options of the client and the monitors: `tokens`
 * when given, else one for `token` unless it is empty (an unset variable read as "" is no
 * token); undefined without either.
 */
export function tokenProviderFor(
  options: { token?: string; tokens?: TokenProvider },
): TokenProvider | undefined {
  if (options.tokens !== undefined) return options.tokens;
  const { token } = options;
  return token === undefined || token === "" ? undefined : fixedToken(token);
}

/** Query parameter values; undefined ones are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/** One request through the pipeline. */
export interface RequestOptions {
  /** HTTP method; GET by default. */
  method?: string;
  /** Path from the origin (`/v2/user/profile`, `/oauth/token`). */
  path: string;
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** A JSON body. */
  json?: unknown;
  /** A form-encoded body (OAuth endpoints). */
  form?: Record<string, string>;
  /** A raw body, sent as is (the `api --input` command). */
  body?: string | Uint8Array;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Send the bearer token from the provider; true by default when a provider is set. */
  auth?: boolean;
  /** HTTP Basic credentials (OAuth client authentication). Replaces bearer auth. */
  basic?: { username: string; password: string };
  /** Cancels the request and its retries. */
  signal?: AbortSignal;
  /**
   * False to skip JSON parsing of a successful body (`body` is then null and `text` holds
   * it): the raw `api` command passes any body through. True by default.
   */
  parse?: boolean;
}

/** A successful response, body read. */
export interface HttpResponse {
  /** HTTP status. */
  status: number;
  /** The status line's reason phrase, as sent (may be empty). */
  statusText?: string;
  /** Response headers. */
  headers: Headers;
  /** The body exactly as received. */
  text: string;
  /** The body parsed as JSON, or null when it was empty. */
  body: unknown;
}

/** Options of {@link HttpClient}. */
export interface HttpClientOptions {
  /** Origin of REST and OAuth, e.g. `https://api.restream.io`. */
  baseUrl: string;
  /** The fetch to use; the global one by default. */
  fetch?: FetchLike;
  /** Source of bearer tokens; without one, requests go unauthenticated. */
  tokens?: TokenProvider;
  /** Milliseconds before one attempt is abandoned; 30 000 by default. */
  timeoutMs?: number;
  /** Retries after the first attempt; 3 by default. */
  maxRetries?: number;
  /** Waits between retries; injectable so tests run instantly. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in ms; injectable for `Retry-After` dates. */
  now?: () => number;
  /** Random number in [0, 1) for jitter. */
  random?: () => number;
  /** Receives one already-masked line per request, response and retry (`-v`). */
  log?: (line: string) => void;
  /**
   * Told before each wait for a retry, so a UI can announce a long one (the library never
   * prints). Never throws into the pipeline.
   */
  onRetry?: (notice: RetryNotice) => void;
  /** Sent as `User-Agent`. */
  userAgent?: string;
}

/** A retry about to happen, for {@link HttpClientOptions.onRetry}. */
export interface RetryNotice {
  /** Method of the request. */
  method: string;
  /** Path of the request (no query: it may carry secrets). */
  path: string;
  /** What went wrong: `HTTP 429`, or the failure's message. */
  reason: string;
  /** The HTTP status, when a response came. */
  status?: number;
  /** How long the pipeline waits before the next attempt, in ms. */
  delayMs: number;
  /** The attempt that comes next: 2 for the first retry. */
  attempt: number;
  /** The most attempts there will be (retries + 1). */
  maxAttempts: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Most decoded bytes read from one response body (SPEC.md, "Bounded work"): 32 MiB. A body
 * that goes on is cancelled there, whatever its `Content-Length` said, and the request fails
 * with `invalid_response` ("response too large").
 *
 * @example
 * ```ts
 * import { MAX_RESPONSE_BYTES } from "jsr:@restream/cli";
 * console.log(MAX_RESPONSE_BYTES / 1024 / 1024); // 32
 * ```
 */
export const MAX_RESPONSE_BYTES: number = 32 * 1024 * 1024;

/** Sleeps, waking early (with a rejection) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** What one attempt produced: a response, or a failure that may be retried. */
type Attempt =
  | { response: Response; text: string }
  | { failure: RestreamError; retryable: boolean };

/**
 * Sends requests with the product's rules. One instance per process shares fetch's
 * keep-alive connection pool.
 *
 * @example
 * ```ts
 * import { HttpClient } from "jsr:@restream/cli";
 * const http = new HttpClient({ baseUrl: "https://api.restream.io" });
 * const { body } = await http.request({ path: "/v2/platform/all", auth: false });
 * ```
 */
export class HttpClient {
  /** Origin requests go to. */
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #tokens?: TokenProvider;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #log?: (line: string) => void;
  readonly #onRetry?: (notice: RetryNotice) => void;
  readonly #userAgent?: string;

  /**
   * Creates a pipeline for one origin. A base URL ending in `/v2` is refused (a
   * {@link UsageError}): paths already start with `/v2`.
   */
  constructor(options: HttpClientOptions) {
    const origin = apiUrlWithoutV2(options.baseUrl);
    if (origin !== undefined) {
      throw new UsageError(
        `the API URL '${options.baseUrl}' ends in /v2: pass the origin, ${origin} (/v2 is added)`,
      );
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#fetch = options.fetch ?? ((request) => fetch(request));
    this.#tokens = options.tokens;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? MAX_RETRIES;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#log = options.log;
    this.#onRetry = options.onRetry;
    this.#userAgent = options.userAgent;
  }

  /** True when requests can carry a bearer token (a token provider was given). */
  get hasTokens(): boolean {
    return this.#tokens !== undefined;
  }

  /** Builds the absolute URL of a path and query on this origin. */
  url(path: string, query?: Record<string, QueryValue>): URL {
    const url = new URL(this.baseUrl + (path.startsWith("/") ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
    }
    return url;
  }

  /**
   * Sends a request and returns the response with its body read. Throws a RestreamError for
   * any failure once retries are spent.
   *
   * Redirects are never followed (a body with secrets must not be re-sent elsewhere): a 3xx
   * is an `invalid_response` error naming where it pointed. A body over
   * {@link MAX_RESPONSE_BYTES} is refused while it streams. A credential (bearer, Basic, an
   * Authorization header) is never sent over `http://` to a host that is not loopback.
   */
  async request(options: RequestOptions): Promise<HttpResponse> {
    const method = (options.method ?? "GET").toUpperCase();
    const url = this.url(options.path, options.query);
    const useBearer = options.basic === undefined && (options.auth ?? true) &&
      this.#tokens !== undefined;
    const authorization = Object.keys(options.headers ?? {}).some((name) =>
      name.toLowerCase() === "authorization"
    );
    if (useBearer || options.basic !== undefined || authorization) assertEncryptedTransport(url);
    let token = useBearer ? await this.#tokens!.getAccessToken() : undefined;
    let refreshed = false;

    for (let retry = 0;; retry++) {
      const attempt = await this.#attempt(method, url, options, token);
      if ("failure" in attempt) {
        if (!attempt.retryable || retry >= this.#maxRetries) throw attempt.failure;
        const reason = attempt.failure.message;
        await this.#wait({ method, url, retry, reason }, undefined, options.signal);
        continue;
      }
      const { response, text } = attempt;
      if (response.status >= 300 && response.status < 400) {
        throw redirectError(response, method, url);
      }
      if (response.ok) {
        return {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          text,
          body: options.parse === false ? null : parseBody(text, url),
        };
      }

      // A 401 means the request was not applied, so even a PATCH may be sent again once.
      if (response.status === 401 && token !== undefined && !refreshed) {
        refreshed = true;
        const next = await this.#tokens!.refreshAfterUnauthorized?.(token) ?? null;
        if (next !== null) {
          this.#log?.("token refused (401); retrying once with a refreshed token");
          token = next;
          retry--;
          continue;
        }
      }
      const error = errorFromResponse(response, text, method, url);
      const retryable = RETRYABLE_STATUSES.has(response.status) && isIdempotent(method);
      if (!retryable || retry >= this.#maxRetries) throw error;
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"), this.#now());
      const { status } = response;
      await this.#wait(
        { method, url, retry, reason: retryReason(status), status },
        retryAfter,
        options.signal,
      );
    }
  }

  async #attempt(
    method: string,
    url: URL,
    options: RequestOptions,
    token: string | undefined,
  ): Promise<Attempt> {
    // AbortSignal.timeout, not setTimeout: in Deno 2.9 the first timer call of a process loads
    // Deno's Node timers (~5 ms, DESIGN.md "Known sharp edges"), on every API command.
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = this.#now();
    this.#log?.(`→ ${method} ${maskUrl(url)}`);
    try {
      const response = await this.#fetch(this.#buildRequest(method, url, options, token, signal));
      const text = await readCapped(response, MAX_RESPONSE_BYTES);
      this.#log?.(`← ${response.status} ${method} ${maskUrl(url)} (${this.#now() - started} ms)`);
      if (text === undefined) {
        const mib = MAX_RESPONSE_BYTES / 1024 / 1024;
        const failure = new RestreamError(
          "invalid_response",
          `response too large: more than ${mib} MiB from ${method} ${url.pathname}`,
          { status: response.status },
        );
        return { failure, retryable: false };
      }
      return { response, text };
    } catch (error) {
      // A denied --allow-net is the user's invocation, not the network: report it as is.
      if (error instanceof Deno.errors.NotCapable) throw error;
      if (options.signal?.aborted) {
        throw new RestreamError("interrupted", "request cancelled", { cause: error });
      }
      if (timeout.aborted) {
        const seconds = Math.round(this.#timeoutMs / 1000);
        return {
          failure: new RestreamError(
            "timeout",
            `${method} ${url.pathname} timed out after ${seconds} s`,
          ),
          retryable: isIdempotent(method),
        };
      }
      const failure = new RestreamError(
        "network",
        `cannot reach ${url.origin}: ${networkReason(error)}`,
        { cause: error },
      );
      return { failure, retryable: isIdempotent(method) || isConnectFailure(error) };
    }
  }

  #buildRequest(
    method: string,
    url: URL,
    options: RequestOptions,
    token: string | undefined,
    signal: AbortSignal,
  ): Request {
    const headers = new Headers(options.headers);
    headers.set("Accept", "application/json");
    if (this.#userAgent) headers.set("User-Agent", this.#userAgent);
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(options.json);
    } else if (options.form !== undefined) {
      // Codes, verifiers and tokens sent to the token endpoint: masked if a body echoes them.
      for (const [key, value] of Object.entries(options.form)) {
        if (SECRET_FORM_FIELDS.has(key)) registerSecret(value);
      }
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(options.form).toString();
    }
    if (options.basic) {
      const { username, password } = options.basic;
      const credentials = basicCredentials(username, password);
      registerSecret(password);
      registerSecret(credentials);
      headers.set("Authorization", `Basic ${credentials}`);
    } else if (token !== undefined) {
      registerSecret(token);
      headers.set("Authorization", `Bearer ${token}`);
    }
    return new Request(url, {
      method,
      headers,
      body: body as BodyInit | undefined,
      signal,
      redirect: "manual",
    });
  }

  async #wait(
    what: { method: string; url: URL; retry: number; reason: string; status?: number },
    retryAfterMs: number | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const { retry, reason } = what;
    const delay = retryAfterMs ?? backoffDelay(retry, this.#random());
    // The words of the CLI's notice for long waits (context.ts), to the millisecond.
    this.#log?.(
      `${reason}; waiting ${delay} ms before attempt ${retry + 2} of ${this.#maxRetries + 1}`,
    );
    try {
      this.#onRetry?.({
        method: what.method,
        path: what.url.pathname,
        reason,
        status: what.status,
        delayMs: delay,
        attempt: retry + 2,
        maxAttempts: this.#maxRetries + 1,
      });
    } catch {
      // A UI callback must not change what the request does.
    }
    try {
      await this.#sleep(delay, signal);
    } catch (error) {
      throw new RestreamError("interrupted", "request cancelled", { cause: error });
    }
  }
}

/** Form fields whose values are secrets (OAuth token and revoke requests). */
const SECRET_FORM_FIELDS = new Set([
  "code",
  "code_verifier",
  "refresh_token",
  "token",
  "client_secret",
  "password",
]);

/** HTTP Basic credentials: each part form-encoded first, as RFC 6749 §2.3.1 asks. */
function basicCredentials(username: string, password: string): string {
  const encode = (s: string): string => encodeURIComponent(s).replace(/%20/g, "+");
  const bytes = new TextEncoder().encode(`${encode(username)}:${encode(password)}`);
  return btoa(String.fromCharCode(...bytes));
}
