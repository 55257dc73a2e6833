/**
 * What the token endpoint returns (RESTREAM_API.md, "OAuth2"): snake_case fields with
 * camelCase twins, read into one {@link TokenSet} whose expiry is absolute; and the scope
 * comparison that ignores Restream's `.default` infix.
 *
 * @module
 */

import * as v from "../valibot.ts";
import { RestreamError } from "../errors.ts";
import { registerSecret } from "../http/mask.ts";
import { parseResponse } from "../schemas/parse.ts";

/** A token response, normalised from its snake_case and camelCase twins. */
export interface TokenSet {
  /** The bearer token for REST and WebSocket calls. */
  accessToken: string;
  /** The refresh token; Restream rotates it on every refresh. */
  refreshToken?: string;
  /** When the access token expires, as an ISO date, when the server said. */
  expiresAt?: string;
  /** Granted scopes, as sent (e.g. `stream.default.read`). */
  scopes: string[];
  /** Token type, `Bearer`. */
  tokenType: string;
}

/** The raw token response; both spellings of each field are accepted. */
interface TokenResponse {
  access_token?: string;
  accessToken?: string;
  refresh_token?: string;
  refreshToken?: string;
  expires_in?: number;
  accessTokenExpiresIn?: number;
  expires?: number;
  accessTokenExpiresEpoch?: number;
  scope?: string;
  scopeJson?: string[];
  token_type?: string;
  tokenType?: string;
  [key: string]: unknown;
}

const TokenResponseSchema: v.GenericSchema<unknown, TokenResponse> = v.looseObject({
  access_token: v.optional(v.string()),
  accessToken: v.optional(v.string()),
  refresh_token: v.optional(v.string()),
  refreshToken: v.optional(v.string()),
  expires_in: v.optional(v.number()),
  accessTokenExpiresIn: v.optional(v.number()),
  expires: v.optional(v.number()),
  accessTokenExpiresEpoch: v.optional(v.number()),
  scope: v.optional(v.string()),
  scopeJson: v.optional(v.array(v.string())),
  token_type: v.optional(v.string()),
  tokenType: v.optional(v.string()),
});

/**
 * Reads a token response into a {@link TokenSet} with an absolute expiry; a response
 * without an access token is an `invalid_response` error.
 */
export function parseTokenResponse(body: unknown, nowMs: number): TokenSet {
  const raw = parseResponse(TokenResponseSchema, body, "POST /oauth/token");
  const accessToken = raw.access_token ?? raw.accessToken;
  if (!accessToken) {
    throw new RestreamError(
      "invalid_response",
      'unexpected response from POST /oauth/token: field "access_token" is missing',
    );
  }
  registerSecret(accessToken);
  registerSecret(raw.refresh_token ?? raw.refreshToken);
  const expiresIn = raw.expires_in ?? raw.accessTokenExpiresIn;
  const epoch = raw.expires ?? raw.accessTokenExpiresEpoch;
  const expiresAtMs = expiresIn !== undefined
    ? nowMs + expiresIn * 1000
    : epoch !== undefined
    ? epoch * 1000
    : undefined;
  const scopes = raw.scopeJson ??
    (raw.scope ?? "").split(/[\s,]+/).filter((s) => s !== "");
  return {
    accessToken,
    refreshToken: raw.refresh_token ?? raw.refreshToken,
    expiresAt: expiresAtMs === undefined ? undefined : new Date(expiresAtMs).toISOString(),
    scopes,
    tokenType: raw.token_type ?? raw.tokenType ?? "Bearer",
  };
}

/** A scope name without Restream's `.default` infix (`stream.default.read` → `stream.read`). */
export function normaliseScope(scope: string): string {
  return scope.trim().replace(/\.default(?=\.)/g, "");
}

/**
 * True when `granted` includes `wanted`, ignoring Restream's `.default` infix.
 *
 * @example
 * ```ts
 * import { hasScope } from "jsr:@restream/cli";
 * hasScope(["stream.default.read", "chat.read"], "stream.read"); // true
 * ```
 */
export function hasScope(granted: readonly string[], wanted: string): boolean {
  const target = normaliseScope(wanted);
  return granted.some((s) => normaliseScope(s) === target);
}
