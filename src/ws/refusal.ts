/**
 * What a failed WebSocket handshake means, and whether it is worth a refresh (SPEC.md,
 * "Refresh tokens are spent only on auth failures"). Restream rotates refresh tokens, so
 * each needless refresh invalidates the access tokens of other processes: a refresh is
 * spent only when the handshake said 401, or said 400 or nothing and the API refuses the
 * same token on a REST call. A 403 is a missing scope; anything else (a 502, a network
 * failure) is retried with backoff.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { HttpClient, TokenProvider } from "../http/http.ts";

/** How far the handling of the current streak of failed handshakes went. */
export type RefusalStage = "fresh" | "refresh_tried" | "done";

/** The decision about one failed handshake. */
export type RefusalVerdict =
  /** Retry with backoff, with the same token. */
  | { kind: "retry"; stage: RefusalStage }
  /** Retry at once with this refreshed token. */
  | { kind: "refreshed"; token: string; stage: RefusalStage }
  /** The token is refused and no better one can be had: an auth error. */
  | { kind: "rejected"; stage: RefusalStage }
  /** 403: the token lacks the socket's scope. */
  | { kind: "forbidden"; stage: RefusalStage };

/** What the judge needs from the monitor options. */
export interface RefusalContext {
  /** The token source; its `refreshAfterUnauthorized` is tried once per streak. */
  tokens: TokenProvider;
  /**
   * Whether the API accepts a token, asked with that very token and without refreshing:
   * false when refused (401); throwing means "could not tell".
   */
  checkToken?: (token: string) => Promise<boolean>;
}

/** Failures that plainly never reached an HTTP exchange (Deno's and browsers' wording). */
const NETWORK_FAILURE = /tcp connect|connection refused|dns|lookup|unreachable|timed out|tls/i;

/**
 * The HTTP status of a refused handshake, from the runtime's error text: Deno reports it
 * only there ("NetworkError: failed to connect to WebSocket: Invalid status code: 502").
 * Undefined when the text names none (a network failure, or a runtime that does not say).
 *
 * @example
 * ```ts
 * import { handshakeStatus } from "./refusal.ts";
 * handshakeStatus("failed to connect to WebSocket: Invalid status code: 401"); // 401
 * handshakeStatus("failed to connect to WebSocket: tcp connect error"); // undefined
 * ```
 */
export function handshakeStatus(errorText: string | undefined): number | undefined {
  const match = /\bstatus code:?\s*([1-5]\d\d)\b/i.exec(errorText ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * Judges a handshake that failed with `errorText`, given how far this streak went:
 * - 401: refresh once per streak (then retry at once); nothing better to be had: rejected;
 * - 403: forbidden (a missing scope), no refresh;
 * - 400, or no status and not a plain network failure: ask `checkToken` with the same
 *   token; a refusal is handled like a 401, a good token ends the checks of this streak;
 * - any other status, or a network failure: retry with backoff, no refresh.
 */
export async function judgeRefusal(
  token: string,
  errorText: string,
  stage: RefusalStage,
  context: RefusalContext,
): Promise<RefusalVerdict> {
  const status = handshakeStatus(errorText);
  if (status === 401) return await spendRefresh(token, stage, context.tokens);
  if (status === 403) return { kind: "forbidden", stage };
  const unexplained = status === 400 ||
    (status === undefined && !NETWORK_FAILURE.test(errorText));
  if (!unexplained || stage === "done") return { kind: "retry", stage };
  const valid = await tryCheck(context.checkToken, token);
  if (valid === false) return await spendRefresh(token, stage, context.tokens);
  return { kind: "retry", stage: valid === true ? "done" : stage };
}

/** The one refresh of a streak; a token endpoint out of reach is retried later. */
async function spendRefresh(
  token: string,
  stage: RefusalStage,
  tokens: TokenProvider,
): Promise<RefusalVerdict> {
  if (stage === "refresh_tried") return { kind: "rejected", stage };
  let next: string | null;
  try {
    next = await tokens.refreshAfterUnauthorized?.(token) ?? null;
  } catch (error) {
    // A refresh the server refused (revoked, no credentials) ends it; one that could not
    // reach the server is tried again after the next failed handshake.
    const final = error instanceof RestreamError &&
      (error.kind === "auth" || error.kind === "forbidden" || error.kind === "usage");
    if (!final) return { kind: "retry", stage };
    next = null;
  }
  if (next === null || next === token) return { kind: "rejected", stage: "refresh_tried" };
  return { kind: "refreshed", token: next, stage: "refresh_tried" };
}

async function tryCheck(
  check: ((token: string) => Promise<boolean>) | undefined,
  token: string,
): Promise<boolean | undefined> {
  if (!check) return undefined;
  try {
    return await check(token);
  } catch {
    return undefined;
  }
}

/**
 * A `checkToken` for the monitors: `GET /v2/user/profile` with exactly this token, never
 * refreshed (`http` has no token source of its own). False on a 401; true on success or a
 * 403 (the token is valid, only a scope is missing); throws when it cannot tell.
 *
 * @example
 * ```ts
 * import { HttpClient } from "../http/http.ts";
 * import { profileTokenCheck } from "./refusal.ts";
 * const check = profileTokenCheck(new HttpClient({ baseUrl: "https://api.restream.io" }));
 * console.log(await check("an-access-token")); // false when the API refuses it
 * ```
 */
export function profileTokenCheck(
  http: HttpClient,
  signal?: AbortSignal,
): (token: string) => Promise<boolean> {
  return async (token) => {
    try {
      await http.request({
        path: "/v2/user/profile",
        auth: false,
        headers: { Authorization: `Bearer ${token}` },
        signal,
      });
      return true;
    } catch (error) {
      if (error instanceof RestreamError && error.status === 401) return false;
      if (error instanceof RestreamError && error.status === 403) return true;
      throw error;
    }
  };
}
