/**
 * `profile`: the account's profile.
 *
 * @module
 */

import type { CliContext } from "./context.ts";

/** `profile`. */
export async function showProfile(ctx: CliContext): Promise<void> {
  const profile = await ctx.authenticatedClient().getProfile(ctx.io.signal);
  ctx.output.printObject(profile, () => [
    ["ID", String(profile.id)],
    ["Username", profile.username ?? undefined],
    ["Email", profile.email ?? undefined],
  ]);
}
