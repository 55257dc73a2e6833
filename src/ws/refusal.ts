/**
 * What a failed WebSocket handshake means. A browser-style WebSocket cannot read the status
 * of a refused handshake (a 401 shows only as an error event and close code 0/1006), so a
 * failure may be a rejected token or a network problem. This decides which, by refreshing
 * the token once and asking `checkToken` (SPEC.md, "Monitors").
 *
 * @module
 */

import type { TokenProvider } from "../http/http.ts";

/** How far the token check went in the current streak of failed handshakes. */
export type RefusalStage = "fresh" | "refresh_tried" | "done";

/** The decision about one failed handshake. */
export type RefusalVerdict =
  | { kind: "network"; stage: RefusalStage }
  | { kind: "refreshed"; token: string; stage: RefusalStage }
  | { kind: "rejected"; stage: RefusalStage };

/** What the judge needs from the monitor options. */
export interface RefusalContext {
  /** The token source; its `refreshAfterUnauthorized` is tried once per streak. */
  tokens: TokenProvider;
  /** False when the API rejects the token; throwing means "could not tell". */
  checkToken?: (token: string) => Promise<boolean>;
}

/** Failures that plainly never reached an HTTP exchange (Deno's and browsers' wording). */
const NETWORK_FAILURE = /tcp connect|connection refused|dns|lookup|unreachable|timed out|tls/i;
/** Deno names the status of a refused handshake in the error text; browsers do not. */
const AUTH_STATUS = /status code:?\s*(400|401|403)\b/i;

/**
 * Judges a handshake that failed with `errorText`, given how far the checks went already:
 * - a plain network failure is a network failure;
 * - otherwise, first time in a streak: a refreshed token is tried at once;
 * - then `checkToken`: false means rejected; true means the token is fine (stop checking
 *   until a connection opens again);
 * - a runtime that said 401/403 (Deno does), with no way left to get a better token, is
 *   a rejection too.
 */
export async function judgeRefusal(
  token: string,
  errorText: string,
  stage: RefusalStage,
  context: RefusalContext,
): Promise<RefusalVerdict> {
  const saidAuth = AUTH_STATUS.test(errorText);
  if (stage === "done" || (!saidAuth && NETWORK_FAILURE.test(errorText))) {
    return { kind: "network", stage };
  }
  if (stage === "fresh") {
    const next = await tryRefresh(context.tokens, token);
    if (next !== null && next !== token) {
      return { kind: "refreshed", token: next, stage: "refresh_tried" };
    }
  }
  const valid = await tryCheck(context.checkToken, token);
  if (valid === false || (valid === undefined && saidAuth)) {
    return { kind: "rejected", stage: "refresh_tried" };
  }
  return { kind: "network", stage: valid === true ? "done" : "refresh_tried" };
}

async function tryRefresh(tokens: TokenProvider, token: string): Promise<string | null> {
  try {
    return await tokens.refreshAfterUnauthorized?.(token) ?? null;
  } catch {
    // A refresh that fails (token endpoint unreachable, refresh token revoked) yields nothing.
    return null;
  }
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
