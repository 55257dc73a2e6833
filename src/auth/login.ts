/**
 * The interactive login (SPEC.md, "Login and tokens"): PKCE and `state`, a one-shot callback
 * listener on loopback, the pasted-URL fallback for remote shells, a timeout, cancellation,
 * and the code exchange. The UI (printing the URL, opening a browser, reading stdin) comes in
 * as callbacks: this module never prints.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { type FetchLike, HttpClient } from "../http/http.ts";
import {
  type CallbackOutcome,
  callbackPage,
  ignoredPage,
  isNavigation,
  notFoundPage,
  readCallback,
} from "./login_page.ts";
import {
  authorizeUrl,
  type ClientCredentials,
  createPkcePair,
  createState,
  exchangeCode,
} from "./oauth.ts";
import type { TokenSet } from "./token_set.ts";

/**
 * The port of the redirect URI when none is given (it must be registered for the app).
 *
 * @example
 * ```ts
 * import { DEFAULT_LOGIN_PORT } from "jsr:@restream/cli";
 * console.log(`register http://localhost:${DEFAULT_LOGIN_PORT}/callback for your app`);
 * ```
 */
export const DEFAULT_LOGIN_PORT = 12000;

/**
 * How long {@link login} waits for the callback when no timeout is given (ms).
 *
 * @example
 * ```ts
 * import { DEFAULT_LOGIN_TIMEOUT_MS } from "jsr:@restream/cli";
 * console.log(`waiting up to ${DEFAULT_LOGIN_TIMEOUT_MS / 60_000} minutes`);
 * ```
 */
export const DEFAULT_LOGIN_TIMEOUT_MS = 300_000;

/**
 * The user interface of a login, supplied by the caller: the library never prints.
 *
 * @example
 * ```ts
 * import { type LoginCallbacks, openInBrowser } from "jsr:@restream/cli";
 *
 * const callbacks: LoginCallbacks = {
 *   onAuthorizeUrl: (url) => console.error(`Open this URL to log in:\n  ${url}`),
 *   openBrowser: (url) => openInBrowser(url.href),
 *   onBrowserFailed: () => console.error("Could not open a browser; open the URL yourself."),
 * };
 * ```
 */
export interface LoginCallbacks {
  /** The listener is up: show the URL to open (the CLI prints it to stderr). */
  onAuthorizeUrl(url: URL, redirectUri: string): void;
  /** Opens a browser at the URL; resolves false (or rejects) when it could not. */
  openBrowser?(url: URL): Promise<boolean>;
  /** The browser could not be opened; the login carries on waiting. */
  onBrowserFailed?(): void;
  /**
   * Lines the user pastes (the URL the browser ended on, for remote shells). The flow stops
   * reading when `signal` aborts.
   */
  pastedLines?(signal: AbortSignal): AsyncIterable<string>;
  /** A pasted line was not a callback URL; the flow keeps waiting. */
  onPasteIgnored?(reason: string): void;
  /**
   * A request reached the callback address that does not belong to this login (a wrong or
   * missing `state`, a bare callback that was not a page load); it got an error page and
   * the flow keeps waiting. `reason` says which, e.g. "a callback without a state".
   */
  onCallbackIgnored?(reason: string): void;
}

/** Options of {@link login}. */
export interface LoginOptions extends ClientCredentials {
  /** Origin of the API: `/login` and `/oauth/token` live there. */
  apiUrl: string;
  /** The UI. */
  callbacks: LoginCallbacks;
  /** Port of `http://localhost:<port>/callback`; 0 picks a free one (tests). 12000 by default. */
  port?: number;
  /** Give up waiting for the callback after this many ms; 300 000 by default. */
  timeoutMs?: number;
  /** Aborting it (Ctrl+C) ends the login with an `interrupted` error. */
  signal?: AbortSignal;
  /** The fetch for the token endpoint. */
  fetch?: FetchLike;
  /** Masked request log. */
  log?: (line: string) => void;
  /** Current time in ms (token expiry). */
  now?: () => number;
}

/** What a successful login produced. */
export interface LoginResult {
  /** The tokens, expiry absolute. */
  tokens: TokenSet;
  /** The redirect URI that was used. */
  redirectUri: string;
  /** Scopes the callback listed (comma-separated there). */
  callbackScopes: string[];
}

/**
 * Runs the whole authorization-code flow and returns the tokens (storing them is the
 * caller's choice).
 *
 * @example
 * ```ts
 * import { login } from "jsr:@restream/cli";
 * const result = await login({
 *   apiUrl: "https://api.restream.io",
 *   clientId: "my-client-id",
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET")!,
 *   callbacks: { onAuthorizeUrl: (url) => console.error(`Open ${url}`) },
 * });
 * console.log(result.tokens.scopes);
 * ```
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const pkce = await createPkcePair();
  const state = createState();
  const http = new HttpClient({ baseUrl: options.apiUrl, fetch: options.fetch, log: options.log });
  return await waitForCode(
    options,
    state,
    (redirect) =>
      authorizeUrl({
        apiUrl: options.apiUrl,
        clientId: options.clientId,
        redirectUri: redirect,
        state,
        codeChallenge: pkce.challenge,
      }),
    (code, redirectUri) =>
      exchangeCode(http, {
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        code,
        redirectUri,
        codeVerifier: pkce.verifier,
        signal: options.signal,
      }, options.now),
  );
}

/**
 * Listens, shows the URL, waits for the first decisive callback, paste, timeout or abort, and
 * exchanges the code. The browser's page is answered once the exchange is over, so it says
 * whether the login really worked (a refused client secret shows there too).
 */
async function waitForCode(
  options: LoginOptions,
  state: string,
  buildUrl: (redirectUri: string) => URL,
  exchange: (code: string, redirectUri: string) => Promise<TokenSet>,
): Promise<LoginResult> {
  const settled = Promise.withResolvers<CallbackOutcome>();
  const exchanged = Promise.withResolvers<CallbackOutcome>();
  let done = false;
  const settle = (outcome: CallbackOutcome): void => {
    if (done) return;
    done = true;
    settled.resolve(outcome);
  };
  const handler = (request: Request): Response | Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname !== "/callback" || done) return notFoundPage();
    const outcome = readCallback(url.searchParams, state, isNavigation(request.headers));
    if ("ignored" in outcome) {
      options.callbacks.onCallbackIgnored?.(outcome.ignored);
      return ignoredPage(outcome);
    }
    settle(outcome);
    return outcome.ok ? exchanged.promise.then(callbackPage) : callbackPage(outcome);
  };

  const servers = startListeners(options.port ?? DEFAULT_LOGIN_PORT, handler);
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = (): void =>
    settle({ ok: false, error: new RestreamError("interrupted", "login cancelled") });
  try {
    const redirectUri = `http://localhost:${servers[0].addr.port}/callback`;
    const url = buildUrl(redirectUri);
    options.callbacks.onAuthorizeUrl(url, redirectUri);

    const timeoutMs = options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS;
    timer = setTimeout(() => {
      const seconds = Number((timeoutMs / 1000).toFixed(2));
      settle({
        ok: false,
        error: new RestreamError("auth", `login timed out after ${seconds} s without a callback`, {
          code: "timeout",
        }),
      });
    }, timeoutMs);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    if (options.callbacks.openBrowser) {
      const opened = await options.callbacks.openBrowser(url).catch(() => false);
      if (!opened && !done) options.callbacks.onBrowserFailed?.();
    }
    const pasting = readPasted(options.callbacks, state, stop.signal, settle);

    const outcome = await settled.promise;
    stop.abort();
    await pasting;
    if (!outcome.ok) throw outcome.error;
    try {
      const tokens = await exchange(outcome.code, redirectUri);
      exchanged.resolve(outcome);
      return { tokens, redirectUri, callbackScopes: outcome.scopes };
    } catch (error) {
      exchanged.resolve({ ok: false, error: pageError(error) });
      throw error;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    stop.abort();
    // A browser still waiting for its page must get one, or the shutdown would wait for it.
    exchanged.resolve({ ok: false, error: new RestreamError("auth", "the login did not finish") });
    await Promise.all(servers.map((server) => server.shutdown()));
  }
}

/** What the browser's page says about a failed exchange (a RestreamError's text has no secret). */
function pageError(error: unknown): RestreamError {
  return error instanceof RestreamError
    ? error
    : new RestreamError("auth", "the login failed while exchanging the code");
}

/** Reads pasted lines until one decides the login (or the flow ends). */
async function readPasted(
  callbacks: LoginCallbacks,
  state: string,
  signal: AbortSignal,
  settle: (outcome: CallbackOutcome) => void,
): Promise<void> {
  if (!callbacks.pastedLines) return;
  try {
    for await (const line of callbacks.pastedLines(signal)) {
      if (signal.aborted) return;
      const text = line.trim();
      if (text === "") continue;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        callbacks.onPasteIgnored?.("not a URL; paste the full address the browser ended on");
        continue;
      }
      if (url.pathname !== "/callback") {
        callbacks.onPasteIgnored?.("not the callback URL (it ends in /callback?code=…)");
        continue;
      }
      // The user pasted it: a page load in all but name.
      const outcome = readCallback(url.searchParams, state, true);
      if ("ignored" in outcome) {
        callbacks.onPasteIgnored?.(`${outcome.ignored}; paste the address from this login`);
        continue;
      }
      settle(outcome);
      return;
    }
  } catch {
    // stdin failing is not a reason to stop waiting for the browser.
  }
}

/**
 * Binds the callback port on 127.0.0.1, and on ::1 too when it is free there, since
 * `localhost` may resolve to either.
 */
function startListeners(
  port: number,
  handler: (request: Request) => Response | Promise<Response>,
): Deno.HttpServer<Deno.NetAddr>[] {
  const onListen = (): void => {};
  let first: Deno.HttpServer<Deno.NetAddr>;
  try {
    first = Deno.serve({ hostname: "127.0.0.1", port, onListen }, handler);
  } catch (error) {
    if (error instanceof Deno.errors.AddrInUse) {
      throw new RestreamError("auth", `port ${port} on 127.0.0.1 is already in use`, {
        code: "port_in_use",
      });
    }
    throw error;
  }
  const servers = [first];
  try {
    servers.push(Deno.serve({ hostname: "::1", port: first.addr.port, onListen }, handler));
  } catch {
    // No IPv6 loopback, or the port is taken there: 127.0.0.1 alone still works.
  }
  return servers;
}
