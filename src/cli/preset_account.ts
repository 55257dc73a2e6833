/**
 * Whose presets a command works on: the API origin of the session and the account's profile
 * id, from the stored tokens (`login` records it) or else from GET /v2/user/profile.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { PresetAccount } from "../preset/store.ts";
import type { CliContext } from "./context.ts";

/**
 * The account of this run. Not logged in is exit 3; so is a token that may not read the
 * profile, since presets cannot be kept apart per account without it.
 */
export async function presetAccount(ctx: CliContext): Promise<PresetAccount> {
  const state = await ctx.session().current();
  const stored = state.stored?.profileId;
  if (typeof stored === "number") return { origin: state.origin, profileId: stored };
  try {
    const profile = await ctx.authenticatedClient().getProfile(ctx.io.signal);
    return { origin: state.origin, profileId: profile.id };
  } catch (error) {
    if (error instanceof RestreamError && error.kind === "forbidden") {
      throw new RestreamError(
        "forbidden",
        "presets are kept per account, and this token may not read which account it is: " +
          `it needs the profile.read scope (${error.message})`,
        { status: error.status, code: error.code, cause: error },
      );
    }
    throw error;
  }
}
