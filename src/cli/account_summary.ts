/**
 * Who is logged in, for `login` and `auth status`: GET /v2/user/profile, read leniently (the
 * account line is a courtesy; a token without `profile.read` is still a login).
 *
 * @module
 */

import type { RestreamClient } from "../client.ts";
import type { Profile } from "../schemas/profile.ts";
import { RestreamError } from "../errors.ts";

/** The profile fields shown, or why there are none. */
export interface Account {
  /** The profile, when the call worked. */
  profile?: Profile;
  /** Why the profile could not be read (not an auth failure). */
  unavailable?: string;
}

/**
 * Reads the profile. An `auth` error (token refused, refresh failed) is thrown: the login is
 * not usable. Anything else (no `profile.read` scope, network) is reported as unavailable.
 */
export async function fetchAccount(client: RestreamClient, signal?: AbortSignal): Promise<Account> {
  try {
    return { profile: await client.getProfile(signal) };
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
  const name = profile.username ?? `user ${profile.id}`;
  return profile.email ? `${name} (${profile.email})` : name;
}
