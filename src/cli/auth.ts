/**
 * `auth token`: prints a valid access token for scripts. The other login commands live in
 * auth_run.ts and login.ts; their tree entries are in specs/account.ts.
 *
 * @module
 */

import type { CliContext } from "./context.ts";

/** `auth token`: the access token (refreshed first if needed); `--json` adds its source. */
export async function printToken(ctx: CliContext): Promise<void> {
  const state = await ctx.session().current();
  if (ctx.output.json) {
    ctx.output.printJson({
      accessToken: state.accessToken,
      source: state.source,
      expiresAt: state.stored?.expiresAt ?? null,
    });
  } else {
    ctx.output.printLine(state.accessToken);
  }
}
