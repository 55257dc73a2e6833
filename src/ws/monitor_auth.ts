/**
 * How the monitors take their token: a plain `token` string, as `RestreamClient` does, or a
 * `tokens` provider that refreshes (the CLI's session).
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { type TokenProvider, tokenProviderFor } from "../http/http.ts";

/** The token options of `monitorChat` and `monitorStreaming`. */
export interface MonitorAuthOptions {
  /** A fixed access token. Ignored when `tokens` is given. */
  token?: string;
  /** A token provider that refreshes (see the auth module's session). */
  tokens?: TokenProvider;
}

/**
 * The provider the socket asks for tokens. Without a token it fails on the first connection
 * attempt, before anything is sent, with an `auth` error (the CLI's exit 3).
 */
export function monitorTokens(options: MonitorAuthOptions): TokenProvider {
  return tokenProviderFor(options) ?? {
    getAccessToken: () =>
      Promise.reject(
        new RestreamError("auth", "no token: pass `token` or `tokens` to the monitor"),
      ),
  };
}
