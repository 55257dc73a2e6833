/**
 * The mock's token store: access and refresh tokens, scopes, expiry and Restream's
 * rotation rule (each refresh invalidates the previous pair; RESTREAM_API.md, "OAuth2").
 *
 * @module
 */

import { randomSecret } from "./ids.ts";

/** Every scope the mock knows; the ready token has them all. */
export const ALL_SCOPES: readonly string[] = [
  "profile.read",
  "channels.read",
  "channels.write",
  "stream.read",
  "stream.write",
  "chat.read",
  "storage.read",
  "clips.read",
  "clips.write",
  "studio.read",
  "studio.write",
];

/**
 * The scopes of the mock's OAuth app, as logins grant them: some carry the `.default.`
 * infix real tokens often have, so clients must compare scopes without it.
 */
export const APP_SCOPES: readonly string[] = ALL_SCOPES.map((scope) =>
  scope.startsWith("stream.") ? scope.replace(".", ".default.") : scope
);

/** Refresh token lifetime (one year). */
export const REFRESH_LIFETIME_SECONDS = 31_536_000;

/** The outcome of checking a token for a scope. */
export type TokenCheck = "ok" | "invalid" | "expired" | "insufficient_scope";

/** A freshly issued pair. */
export interface IssuedPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
  /** Access token expiry, Unix ms. */
  accessExpiresAt: number;
  /** Refresh token expiry, Unix ms. */
  refreshExpiresAt: number;
  scopes: string[];
}

interface AccessRecord {
  scopes: string[];
  /** Unix ms, or null for never. */
  expiresAt: number | null;
  refreshToken: string | null;
}

interface RefreshRecord {
  scopes: string[];
  accessToken: string;
  clientId: string;
  lifetimeSeconds: number;
  expiresAt: number;
}

/** `stream.default.read` and `stream.read` are the same scope. */
export function normaliseScope(scope: string): string {
  return scope.replace(/\.default\./, ".");
}

/** Issued tokens, checked on every request. */
export class TokenStore {
  readonly #now: () => number;
  readonly #access = new Map<string, AccessRecord>();
  readonly #refresh = new Map<string, RefreshRecord>();

  /** Creates an empty store with a clock (Unix ms). */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Registers a token that never expires and has every scope (the ready token). */
  addPermanent(token: string): void {
    this.#access.set(token, { scopes: [...ALL_SCOPES], expiresAt: null, refreshToken: null });
  }

  /** Issues a new pair bound to a client. */
  issue(scopes: readonly string[], lifetimeSeconds: number, clientId: string): IssuedPair {
    const now = this.#now();
    const accessToken = randomSecret();
    const refreshToken = randomSecret();
    const accessExpiresAt = now + lifetimeSeconds * 1000;
    const refreshExpiresAt = now + REFRESH_LIFETIME_SECONDS * 1000;
    this.#access.set(accessToken, {
      scopes: [...scopes],
      expiresAt: accessExpiresAt,
      refreshToken,
    });
    this.#refresh.set(refreshToken, {
      scopes: [...scopes],
      accessToken,
      clientId,
      lifetimeSeconds,
      expiresAt: refreshExpiresAt,
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: lifetimeSeconds,
      accessExpiresAt,
      refreshExpiresAt,
      scopes: [...scopes],
    };
  }

  /** Checks an access token; `scope` null only checks that the token is valid. */
  check(token: string, scope: string | null): TokenCheck {
    const record = this.#access.get(token);
    if (!record) return "invalid";
    if (record.expiresAt !== null && record.expiresAt <= this.#now()) return "expired";
    if (scope !== null && !record.scopes.some((s) => normaliseScope(s) === scope)) {
      return "insufficient_scope";
    }
    return "ok";
  }

  /**
   * Rotates a pair: the old access and refresh tokens stop working, a new pair with the
   * same scopes and lifetime is returned. A string is the reason the grant failed.
   */
  refresh(refreshToken: string, clientId: string): IssuedPair | string {
    const record = this.#refresh.get(refreshToken);
    if (!record) return "Invalid grant: refresh token is invalid";
    if (record.clientId !== clientId) {
      return "Invalid grant: refresh token was issued to another client";
    }
    if (record.expiresAt <= this.#now()) return "Invalid grant: refresh token has expired";
    this.#refresh.delete(refreshToken);
    this.#access.delete(record.accessToken);
    return this.issue(record.scopes, record.lifetimeSeconds, clientId);
  }

  /** Revokes the pair a token (access or refresh) belongs to; unknown tokens are ignored. */
  revoke(token: string): void {
    const access = this.#access.get(token);
    if (access) {
      this.#access.delete(token);
      if (access.refreshToken) this.#refresh.delete(access.refreshToken);
    }
    const refresh = this.#refresh.get(token);
    if (refresh) {
      this.#refresh.delete(token);
      this.#access.delete(refresh.accessToken);
    }
  }

  /** Every token stops working. */
  revokeAll(): void {
    this.#access.clear();
    this.#refresh.clear();
  }

  /** Every access token expires now; refresh tokens keep working. */
  expireAll(): void {
    const past = this.#now() - 1;
    for (const record of this.#access.values()) record.expiresAt = past;
  }
}
