/**
 * `profile`: the account's profile.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { CliContext } from "./context.ts";

/** Registers `profile`. */
export function registerProfileCommand(program: Command, ctx: CliContext): void {
  program
    .command("profile")
    .description("show the account's profile")
    .action(async () => {
      const profile = await ctx.authenticatedClient().getProfile(ctx.io.signal);
      ctx.output.printObject(profile, () => [
        ["ID", String(profile.id)],
        ["Username", profile.username ?? undefined],
        ["Email", profile.email ?? undefined],
      ]);
    });
}
