/**
 * What `logout`, `auth status` and `auth refresh` do; auth.ts imports this module when one of
 * them runs, so the OAuth and token-store code stays out of start-up.
 *
 * @module
 */

import { revokeToken } from "../auth/oauth.ts";
import { NOT_LOGGED_IN, notLoggedIn, type SessionState } from "../auth/session.ts";
import { apiOrigin, type StoredTokens } from "../auth/token_store.ts";
import { RestreamError } from "../errors.ts";
import { HttpClient } from "../http/http.ts";
import { type Account, describeAccount, fetchAccount } from "./account_summary.ts";
import type { CliContext } from "./context.ts";
import { formatTime } from "./format.ts";

/** `auth refresh`: refreshes the stored tokens now. */
export async function refresh(ctx: CliContext): Promise<void> {
  const session = ctx.session({ ignoreEnv: true });
  const stored = await session.forceRefresh().catch((error: unknown) => {
    // "not logged in … or set RESTREAM_TOKEN" would send a user who has it set in circles.
    if (ctx.config.token === undefined || (error as RestreamError).code !== NOT_LOGGED_IN) {
      throw error;
    }
    throw new RestreamError(
      "auth",
      `no stored login for ${session.origin} to refresh (RESTREAM_TOKEN is used as it is, ` +
        "never refreshed): run 'restream login' first",
    );
  });
  if (ctx.output.json) {
    ctx.output.printJson({ refreshed: true, expiresAt: stored.expiresAt ?? null });
  } else {
    ctx.output.notice(`Token refreshed; it expires ${describeExpiry(stored)}.`);
  }
  if (ctx.config.token !== undefined) {
    ctx.output.notice("note: RESTREAM_TOKEN is set and is used ahead of the stored tokens.");
  }
}

/** `logout`: revokes the stored tokens (best effort) and deletes them. */
export async function logout(ctx: CliContext): Promise<void> {
  const { config, output } = ctx;
  const store = ctx.tokenStore();
  const warnings: string[] = [];
  let found = false;
  if (store !== undefined) {
    // Under the lock, so a refresh elsewhere cannot write a new pair after we revoked the old.
    found = await store.withLock(async (locked) => {
      const stored = await locked.get(config.apiUrl);
      if (stored === undefined) return false;
      warnings.push(...await revokeBoth(ctx, stored));
      await locked.delete(config.apiUrl);
      return true;
    }, ctx.io.signal);
  }
  for (const warning of warnings) output.notice(`warning: ${warning}`);
  const origin = apiOrigin(config.apiUrl);
  if (output.json) {
    output.printJson({
      loggedOut: true,
      origin,
      removed: found,
      revoked: found && !warnings.length,
    });
  } else {
    output.notice(
      found ? `Logged out of ${origin}.` : `Not logged in to ${origin}; nothing to do.`,
    );
  }
  if (config.token !== undefined) {
    output.notice("note: RESTREAM_TOKEN is still set in the environment.");
  }
}

/** Revokes both tokens; returns what went wrong (logout deletes the tokens either way). */
async function revokeBoth(ctx: CliContext, stored: StoredTokens): Promise<string[]> {
  const clientId = ctx.config.clientId ?? stored.clientId;
  const clientSecret = ctx.config.clientSecret;
  if (clientId === undefined || clientSecret === undefined) {
    return [
      "the tokens were not revoked on the server (set RESTREAM_CLIENT_ID and " +
      "RESTREAM_CLIENT_SECRET to revoke them); deleting them here",
    ];
  }
  const http = new HttpClient({
    baseUrl: ctx.config.apiUrl,
    fetch: ctx.io.fetch,
    log: (line) => ctx.verbose(line),
    timeoutMs: 10_000,
    maxRetries: 0,
  });
  const tokens: Array<[string | undefined, "refresh_token" | "access_token"]> = [
    [stored.refreshToken, "refresh_token"],
    [stored.accessToken, "access_token"],
  ];
  const problems: string[] = [];
  for (const [token, hint] of tokens) {
    if (!token) continue;
    try {
      await revokeToken(http, { clientId, clientSecret, token, hint, signal: ctx.io.signal });
    } catch (error) {
      if (error instanceof RestreamError && error.kind === "interrupted") throw error;
      problems.push(`could not revoke the ${hint.replace("_", " ")}: ${messageOf(error)}`);
    }
  }
  return problems;
}

const SOURCE_LABELS: Record<SessionState["source"], string> = {
  env: "RESTREAM_TOKEN (environment)",
  file: "token file",
  memory: "memory (this process only)",
};

/** `auth status`: who is logged in, token source, expiry, scopes. */
export async function status(ctx: CliContext): Promise<void> {
  const { config, output } = ctx;
  const store = ctx.tokenStore();
  const origin = apiOrigin(config.apiUrl);
  // With --json, a script always learns the answer on stdout; the error object that explains
  // it (and exit 3) comes as for any other failure.
  const loggedOut = (error: RestreamError): RestreamError => {
    if (output.json) output.printJson({ loggedIn: false });
    return error;
  };
  if (config.token === undefined && (await store?.get(config.apiUrl)) === undefined) {
    throw loggedOut(notLoggedIn(origin));
  }
  const session = ctx.session();
  let account: Account;
  let state: SessionState;
  try {
    account = await fetchAccount(ctx.authenticatedClient(), ctx.io.signal);
    state = await session.current();
  } catch (error) {
    // Tokens the server refuses (and cannot be refreshed) are no login either.
    if (error instanceof RestreamError && error.kind === "auth") throw loggedOut(error);
    throw error;
  }
  const stored = state.stored;
  if (output.json) {
    output.printJson({
      loggedIn: true,
      source: state.source,
      origin,
      file: state.source === "file" ? store?.path ?? null : null,
      account: account.profile ?? null,
      accountError: account.unavailable,
      expiresAt: stored?.expiresAt ?? null,
      scopes: stored?.scopes ?? null,
    });
    return;
  }
  output.printBlock([
    ["Account", describeAccount(account)],
    ["Source", SOURCE_LABELS[state.source]],
    ["File", state.source === "file" ? store?.path : undefined],
    ["API", origin],
    ["Expires", stored ? describeExpiry(stored) : "unknown (RESTREAM_TOKEN)"],
    ["Scopes", stored ? stored.scopes.join(", ") || "none listed" : undefined],
  ]);
}

function describeExpiry(stored: StoredTokens): string {
  if (stored.expiresAt === undefined) return "at an unknown time";
  const minutes = Math.round((Date.parse(stored.expiresAt) - Date.now()) / 60_000);
  const relative = minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  return `${formatTime(stored.expiresAt)} (${relative})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
