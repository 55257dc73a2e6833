/**
 * The OAuth2 pieces of Restream's authorization-code flow (RESTREAM_API.md, "OAuth2"): PKCE,
 * `state`, the authorize URL, and the three token-endpoint calls (exchange, refresh, revoke).
 *
 * Every call goes through the one request pipeline with HTTP Basic client authentication and
 * a form body. The response is read by token_set.ts. A 400/401 from the token endpoint always means "log in again": it becomes an
 * `auth` error whose message never carries a secret.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { HttpClient } from "../http/http.ts";
import { maskSecrets, registerSecret } from "../http/mask.ts";
import { parseTokenResponse, type TokenSet } from "./token_set.ts";

/** A PKCE pair (RFC 7636): the verifier stays here, the challenge goes in the URL. */
export interface PkcePair {
  /** 43 characters of base64url randomness (256 bits). */
  verifier: string;
  /** base64url(SHA-256(verifier)). */
  challenge: string;
  /** Always `S256`. */
  method: "S256";
}

/** The client credentials of a registered Restream app. */
export interface ClientCredentials {
  /** OAuth client id (public). */
  clientId: string;
  /** OAuth client secret (never logged, never sent to another origin). */
  clientSecret: string;
}

/** base64url without padding. */
function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

function randomToken(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/**
 * Creates a fresh PKCE pair (S256).
 *
 * @example
 * ```ts
 * import { createPkcePair } from "jsr:@restream/cli";
 * const pkce = await createPkcePair();
 * console.log(pkce.challenge.length); // 43
 * ```
 */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = randomToken(32);
  registerSecret(verifier);
  return { verifier, challenge: await pkceChallenge(verifier), method: "S256" };
}

/**
 * The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))).
 *
 * @example
 * ```ts
 * import { pkceChallenge } from "jsr:@restream/cli";
 * // The example of RFC 7636, appendix B.
 * const challenge = await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
 * console.log(challenge); // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
 * ```
 */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * A fresh unguessable `state` value (256 bits, base64url).
 *
 * @example
 * ```ts
 * import { createState } from "jsr:@restream/cli";
 * const state = createState(); // compare it with the callback's `state`
 * ```
 */
export function createState(): string {
  return randomToken(32);
}

/** What {@link authorizeUrl} needs. */
export interface AuthorizeUrlOptions {
  /** Origin of the API (`https://api.restream.io`); the page is its `/login`. */
  apiUrl: string;
  /** OAuth client id. */
  clientId: string;
  /** The registered redirect URI, e.g. `http://localhost:12000/callback`. */
  redirectUri: string;
  /** The `state` the callback must carry back. */
  state: string;
  /** The PKCE challenge (S256). */
  codeChallenge: string;
}

/**
 * Builds the authorize page URL the user opens in a browser (when you run the flow yourself
 * instead of {@link login}).
 *
 * @example
 * ```ts
 * import { authorizeUrl, createPkcePair, createState } from "jsr:@restream/cli";
 *
 * const pkce = await createPkcePair();
 * const url = authorizeUrl({
 *   apiUrl: "https://api.restream.io",
 *   clientId: "my-client-id",
 *   redirectUri: "http://localhost:12000/callback",
 *   state: createState(),
 *   codeChallenge: pkce.challenge,
 * });
 * console.log(url.href);
 * ```
 */
export function authorizeUrl(options: AuthorizeUrlOptions): URL {
  const url = new URL(`${options.apiUrl.replace(/\/+$/, "")}/login`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  url.searchParams.set("code_challenge", options.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url;
}

/** What {@link exchangeCode} needs. */
export interface ExchangeCodeOptions extends ClientCredentials {
  /** The code from the callback. */
  code: string;
  /** The same redirect URI the authorize URL carried. */
  redirectUri: string;
  /** The PKCE verifier of the challenge the authorize URL carried. */
  codeVerifier: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/**
 * Exchanges an authorization code for tokens (`grant_type=authorization_code`).
 *
 * @example
 * ```ts
 * import { exchangeCode, HttpClient } from "jsr:@restream/cli";
 *
 * const http = new HttpClient({ baseUrl: "https://api.restream.io" });
 * const tokens = await exchangeCode(http, {
 *   clientId: "my-client-id",
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET")!,
 *   code: "code-from-the-callback",
 *   redirectUri: "http://localhost:12000/callback",
 *   codeVerifier: "the-verifier-of-the-challenge-you-sent",
 * });
 * console.log(tokens.expiresAt);
 * ```
 */
export function exchangeCode(
  http: HttpClient,
  options: ExchangeCodeOptions,
  now: () => number = Date.now,
): Promise<TokenSet> {
  return tokenRequest(
    http,
    options,
    {
      grant_type: "authorization_code",
      code: options.code,
      redirect_uri: options.redirectUri,
      code_verifier: options.codeVerifier,
    },
    "the login",
    now,
    options.signal,
    "try 'restream login' again",
  );
}

/** What {@link refreshTokens} needs. */
export interface RefreshOptions extends ClientCredentials {
  /** The current refresh token; it is invalid once this call succeeds (rotation). */
  refreshToken: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/**
 * Trades a refresh token for a new pair (`grant_type=refresh_token`). Restream rotates refresh
 * tokens: store the new pair before using it ({@link Session} does this for you).
 *
 * @example
 * ```ts
 * import { HttpClient, refreshTokens } from "jsr:@restream/cli";
 *
 * const http = new HttpClient({ baseUrl: "https://api.restream.io" });
 * const next = await refreshTokens(http, {
 *   clientId: "my-client-id",
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET")!,
 *   refreshToken: "the-current-refresh-token",
 * });
 * console.log(next.refreshToken !== undefined);
 * ```
 */
export function refreshTokens(
  http: HttpClient,
  options: RefreshOptions,
  now: () => number = Date.now,
): Promise<TokenSet> {
  return tokenRequest(
    http,
    options,
    {
      grant_type: "refresh_token",
      refresh_token: options.refreshToken,
    },
    "the token refresh",
    now,
    options.signal,
    "run 'restream login'",
  );
}

/** What {@link revokeToken} needs. */
export interface RevokeOptions extends ClientCredentials {
  /** The token to revoke. */
  token: string;
  /** Which kind it is. */
  hint: "access_token" | "refresh_token";
  /** Cancels the request. */
  signal?: AbortSignal;
}

/**
 * Revokes a token (`POST /oauth/revoke`); the server revokes the whole pair.
 *
 * @example
 * ```ts
 * import { HttpClient, revokeToken } from "jsr:@restream/cli";
 *
 * const http = new HttpClient({ baseUrl: "https://api.restream.io" });
 * await revokeToken(http, {
 *   clientId: "my-client-id",
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET")!,
 *   token: "the-refresh-token",
 *   hint: "refresh_token",
 * });
 * ```
 */
export async function revokeToken(http: HttpClient, options: RevokeOptions): Promise<void> {
  try {
    await http.request({
      method: "POST",
      path: "/oauth/revoke",
      auth: false,
      basic: { username: options.clientId, password: options.clientSecret },
      form: { token: options.token, token_type_hint: options.hint },
      signal: options.signal,
    });
  } catch (error) {
    throw tokenEndpointError(error, "the revocation", "");
  }
}

async function tokenRequest(
  http: HttpClient,
  credentials: ClientCredentials,
  form: Record<string, string>,
  what: string,
  now: () => number,
  signal: AbortSignal | undefined,
  hint: string,
): Promise<TokenSet> {
  let body: unknown;
  try {
    const response = await http.request({
      method: "POST",
      path: "/oauth/token",
      auth: false,
      basic: { username: credentials.clientId, password: credentials.clientSecret },
      form,
      signal,
    });
    body = response.body;
  } catch (error) {
    throw tokenEndpointError(error, what, hint);
  }
  return parseTokenResponse(body, now());
}

/**
 * Maps a token-endpoint failure: any 400/401 means the grant or the client was refused, so
 * the user must log in again, or fix the app's credentials (kind `auth`, exit 3). Other
 * failures keep their kind.
 */
export function tokenEndpointError(error: unknown, what: string, hint: string): unknown {
  if (!(error instanceof RestreamError)) return error;
  if (error.status !== 400 && error.status !== 401) return error;
  const code = error.code ?? (error.status === 401 ? "invalid_client" : "invalid_grant");
  const badClient = code === "invalid_client";
  const reason = badClient
    ? "the client id or secret was refused"
    : "the authorization was refused";
  // Logging in again does not help when the app's credentials are wrong.
  const advice = badClient
    ? "check the app's credentials (RESTREAM_CLIENT_ID, RESTREAM_CLIENT_SECRET)"
    : hint;
  const detail = maskSecrets(error.message.replace(/\s*\(HTTP \d+ from [^)]*\)$/, ""));
  return new RestreamError(
    "auth",
    `${what} failed: ${reason} (${code}: ${detail})${advice ? `; ${advice}` : ""}`,
    { status: error.status, code, cause: error },
  );
}
