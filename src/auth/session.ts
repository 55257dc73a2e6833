/**
 * The token source of the request pipeline and the monitors: `RESTREAM_TOKEN` when set (used
 * as is, never refreshed), else the tokens stored for this API origin, refreshed when they
 * expire within 60 s or after a 401.
 *
 * Restream rotates refresh tokens, so a refresh happens once at a time: inside a process all
 * callers share one in-flight refresh; across processes the store's lock serialises them, and
 * a process that waited re-reads the file and uses the pair the winner wrote. The new pair is
 * on disk before anyone uses it. A refused refresh leaves the stored tokens alone.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { type FetchLike, HttpClient, type TokenProvider } from "../http/http.ts";
import { registerSecret } from "../http/mask.ts";
import { type ClientCredentials, refreshTokens } from "./oauth.ts";
import type { TokenSet } from "./token_set.ts";
import { apiOrigin, type StoredTokens, type TokenStorage } from "./token_store.ts";

/** Refresh a token that expires within this many ms (SPEC.md: 60 s). */
export const REFRESH_MARGIN_MS = 60_000;

/** Where the session's token comes from. */
export type TokenSource = "env" | "file" | "memory";

/** What a session knows right now. */
export interface SessionState {
  /** `env` for `RESTREAM_TOKEN`, `file` for the token file, `memory` for a store in memory. */
  source: TokenSource;
  /** The API origin the token belongs to. */
  origin: string;
  /** The access token. */
  accessToken: string;
  /** The stored record (absent for `RESTREAM_TOKEN`). */
  stored?: StoredTokens;
}

/** Options of {@link Session}. */
export interface SessionOptions {
  /** Origin of the API the tokens belong to (and the token endpoint). */
  apiUrl: string;
  /** `RESTREAM_TOKEN`: used as is, ahead of stored tokens, never refreshed. */
  envToken?: string;
  /** Where tokens are stored; without one, only `envToken` can be used. */
  store?: TokenStorage;
  /** OAuth client id for refreshes (the stored one is used when absent). */
  clientId?: string;
  /** OAuth client secret for refreshes. */
  clientSecret?: string;
  /** The fetch for the token endpoint. */
  fetch?: FetchLike;
  /** Masked request log (`-v`). */
  log?: (line: string) => void;
  /** Current time in ms. */
  now?: () => number;
  /** Cancels a refresh or a wait for the lock. */
  signal?: AbortSignal;
}

/**
 * A token provider that refreshes. One per process (and per API origin) so every request
 * and monitor shares one refresh.
 *
 * @example
 * ```ts
 * import { RestreamClient, Session, TokenStore } from "jsr:@restream/cli";
 *
 * const apiUrl = "https://api.restream.io";
 * const session = new Session({
 *   apiUrl,
 *   store: new TokenStore({ dir: "/home/me/.config/restream.io" }),
 *   clientId: Deno.env.get("RESTREAM_CLIENT_ID"),
 *   clientSecret: Deno.env.get("RESTREAM_CLIENT_SECRET"),
 * });
 * const client = new RestreamClient({ apiUrl, tokens: session });
 * ```
 */
export class Session implements TokenProvider {
  /** The API origin the tokens belong to. */
  readonly origin: string;
  readonly #options: SessionOptions;
  readonly #http: HttpClient;
  readonly #now: () => number;
  #stored?: StoredTokens;
  #refreshing?: Promise<StoredTokens>;

  /** Creates a session; nothing is read until a token is asked for. */
  constructor(options: SessionOptions) {
    this.#options = options;
    registerSecret(options.envToken);
    registerSecret(options.clientSecret);
    this.origin = apiOrigin(options.apiUrl);
    this.#now = options.now ?? Date.now;
    // The token endpoint is on the same origin as the tokens: secrets never go elsewhere.
    this.#http = new HttpClient({
      baseUrl: options.apiUrl,
      fetch: options.fetch,
      log: options.log,
    });
  }

  /** Where the token comes from: `env` when `RESTREAM_TOKEN` is set, else the store's kind. */
  get source(): TokenSource {
    if (this.#options.envToken !== undefined) return "env";
    return this.#options.store?.kind ?? "file";
  }

  /** A token to send now; stored tokens that expire within 60 s are refreshed first. */
  async getAccessToken(): Promise<string> {
    return (await this.current()).accessToken;
  }

  /** The token in use and where it comes from, refreshed first if it is about to expire. */
  async current(): Promise<SessionState> {
    const envToken = this.#options.envToken;
    if (envToken !== undefined) {
      return { source: "env", origin: this.origin, accessToken: envToken };
    }
    let stored = this.#stored ?? await this.#load();
    if (this.#expiring(stored)) stored = await this.#refresh(stored.accessToken, false);
    return { source: this.source, origin: this.origin, accessToken: stored.accessToken, stored };
  }

  /**
   * After a 401: a new token to retry with, or null when there is none (`RESTREAM_TOKEN` is
   * never refreshed). Another process may already have refreshed: its pair is used then.
   */
  async refreshAfterUnauthorized(rejected: string): Promise<string | null> {
    if (this.#options.envToken !== undefined) return null;
    return (await this.#refresh(rejected, false)).accessToken;
  }

  /** Refreshes the stored tokens now (`auth refresh`), whatever their expiry. */
  async forceRefresh(): Promise<StoredTokens> {
    const stored = this.#stored ?? await this.#load();
    return await this.#refresh(stored.accessToken, true);
  }

  #expiring(stored: StoredTokens): boolean {
    if (stored.expiresAt === undefined) return false;
    return Date.parse(stored.expiresAt) - this.#now() <= REFRESH_MARGIN_MS;
  }

  async #load(): Promise<StoredTokens> {
    const stored = await this.#store().get(this.origin);
    if (stored === undefined) throw notLoggedIn(this.origin);
    this.#stored = stored;
    return stored;
  }

  /** One refresh at a time in this process; callers that arrive meanwhile share it. */
  #refresh(basis: string, force: boolean): Promise<StoredTokens> {
    this.#refreshing ??= this.#refreshLocked(basis, force).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshLocked(basis: string, force: boolean): Promise<StoredTokens> {
    const store = this.#store();
    const stored = await store.withLock(async (locked) => {
      const onDisk = await locked.get(this.origin);
      if (onDisk === undefined) throw notLoggedIn(this.origin);
      // Another process refreshed while we waited: its pair is the current one.
      if (!force && onDisk.accessToken !== basis && !this.#expiring(onDisk)) return onDisk;
      const next = toStored(
        await refreshTokens(this.#http, {
          ...this.#credentials(onDisk),
          refreshToken: this.#refreshTokenOf(onDisk),
          signal: this.#options.signal,
        }, this.#now),
        onDisk.clientId ?? this.#options.clientId,
        this.#now(),
        onDisk,
      );
      // Persist before use: the old refresh token is already dead on the server.
      await locked.set(this.origin, next);
      return next;
    }, this.#options.signal);
    this.#stored = stored;
    return stored;
  }

  #credentials(stored: StoredTokens): ClientCredentials {
    const clientId = this.#options.clientId ?? stored.clientId;
    const clientSecret = this.#options.clientSecret;
    if (clientId === undefined || clientSecret === undefined) {
      throw new RestreamError(
        "auth",
        // Also reached by `auth refresh` with a token that has not expired: say what is missing.
        "the access token cannot be refreshed without the app's credentials: " +
          "set RESTREAM_CLIENT_ID and RESTREAM_CLIENT_SECRET, or run 'restream login'",
      );
    }
    return { clientId, clientSecret };
  }

  #refreshTokenOf(stored: StoredTokens): string {
    if (!stored.refreshToken) {
      throw new RestreamError(
        "auth",
        "the access token cannot be refreshed: no refresh token is stored; run 'restream login'",
      );
    }
    return stored.refreshToken;
  }

  #store(): TokenStorage {
    if (this.#options.store === undefined) throw notLoggedIn(this.origin);
    return this.#options.store;
  }
}

/**
 * The record to store for a token response. A response without a new refresh token keeps the
 * previous one; one without scopes keeps the previous scopes.
 */
export function toStored(
  tokens: TokenSet,
  clientId: string | undefined,
  nowMs: number,
  previous?: StoredTokens,
): StoredTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? previous?.refreshToken,
    expiresAt: tokens.expiresAt,
    scopes: tokens.scopes.length > 0 ? tokens.scopes : previous?.scopes ?? [],
    tokenType: tokens.tokenType,
    clientId,
    obtainedAt: new Date(nowMs).toISOString(),
    // A refresh keeps the account the tokens belong to (presets are kept per account).
    ...(previous?.profileId === undefined ? {} : { profileId: previous.profileId }),
  };
}

/** The `code` of the "not logged in" error: no tokens are stored for the origin. */
export const NOT_LOGGED_IN = "not_logged_in";

/** The "not logged in" error of an API origin (exit 3). */
export function notLoggedIn(origin: string): RestreamError {
  return new RestreamError(
    "auth",
    `not logged in to ${origin}: run 'restream login' or set RESTREAM_TOKEN`,
    { code: NOT_LOGGED_IN },
  );
}
