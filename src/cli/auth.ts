/**
 * `login`, `logout`, `auth status`, `auth token`, `auth refresh` (SPEC.md, "Login and
 * tokens"): the definitions. What the actions do is in auth_run.ts and the login flow in
 * login.ts, each imported only when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import { parsePort } from "./args.ts";
import type { CliContext } from "./context.ts";

/** Registers `login`, `logout` and the `auth` group. */
export function registerAuthCommands(program: Command, ctx: CliContext): void {
  program
    .command("login")
    .description("log in with your Restream app (OAuth2 in the browser)")
    .option(
      "--port <port>",
      "port of the redirect URI http://localhost:<port>/callback",
      (v) => parsePort(v, true),
      12000,
    )
    .option("--no-browser", "print the URL only; do not open a browser")
    .option(
      "--timeout <seconds>",
      "give up waiting for the browser after this long",
      (v) => parseTimeout(v),
      300,
    )
    .option("--client-id <id>", "OAuth client id (default: RESTREAM_CLIENT_ID)")
    .action(async (flags) => {
      const { runLogin } = await import("./login.ts");
      await runLogin(ctx, flags);
    });

  program
    .command("logout")
    .description("revoke the stored tokens (best effort) and delete them")
    .action(async () => (await import("./auth_run.ts")).logout(ctx));

  const auth = program.command("auth").description("inspect and manage the login");
  auth.command("status").description("who is logged in, token source, expiry, scopes")
    .action(async () => (await import("./auth_run.ts")).status(ctx));
  auth.command("token").description("print a valid access token (refreshed if needed)")
    .action(async () => {
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
    });
  auth.command("refresh").description("refresh the stored tokens now")
    .action(async () => (await import("./auth_run.ts")).refresh(ctx));
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`invalid --timeout '${value}': expected a positive number of seconds`);
  }
  return n;
}
