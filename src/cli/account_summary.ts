/**
 * Who is logged in, for `login` and `auth status`: GET /v2/user/profile, read leniently (the
 * account line is a courtesy; a token without `profile.read` is still a login).
 *
 * @module
 */

import type { RestreamClient } from "../client.ts";
import { RestreamError } from "../errors.ts";

/** The profile fields shown, or why there are none. */
export interface Account {
  /** `{id, username, email}` as the API sent them, when the call worked. */
  profile?: { id?: unknown; username?: string; email?: string };
  /** Why the profile could not be read (not an auth failure). */
  unavailable?: string;
}

/**
 * Reads the profile. An `auth` error (token refused, refresh failed) is thrown: the login is
 * not usable. Anything else (no `profile.read` scope, network) is reported as unavailable.
 */
export async function fetchAccount(client: RestreamClient, signal?: AbortSignal): Promise<Account> {
  try {
    const { body } = await client.http.request({ path: "/v2/user/profile", signal });
    const record = typeof body === "object" && body !== null ? body as Record<string, unknown> : {};
    const text = (value: unknown): string | undefined =>
      typeof value === "string" ? value : undefined;
    return {
      profile: { id: record.id, username: text(record.username), email: text(record.email) },
    };
  } catch (error) {
    if (!(error instanceof RestreamError) || error.kind === "auth") throw error;
    if (error.kind === "interrupted") throw error;
    return { unavailable: error.message };
  }
}

/** "name (email)", or what is known. */
export function describeAccount(account: Account): string {
  const profile = account.profile;
  if (profile === undefined) {
    return `an account whose profile is unavailable (${account.unavailable})`;
  }
  const name = profile.username ?? (profile.id === undefined ? "unknown" : `user ${profile.id}`);
  return profile.email ? `${name} (${profile.email})` : name;
}
