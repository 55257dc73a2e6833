/**
 * `ingest get` and `chat url`: small facts about the account.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { CliContext } from "./context.ts";

/** Registers `ingest get` and `chat url`. */
export function registerAccountCommands(program: Command, ctx: CliContext): void {
  const ingest = program.command("ingest").description("the ingest server the account uses");
  ingest
    .command("get")
    .description("the account's ingest server, with its name and RTMP URL")
    .action(async () => {
      const client = ctx.authenticatedClient();
      const found = await client.getIngest(ctx.io.signal);
      const servers = await client.listServers(ctx.io.signal);
      const server = servers.find((s) => s.id === found.ingestId) ?? null;
      // The API's object, with the matching entry of GET /v2/server/all under `server`.
      ctx.output.printObject({ ...found, server }, () => [
        ["Ingest ID", String(found.ingestId)],
        ["Server", server?.name ?? "(not in the server list)"],
        ["RTMP URL", server?.rtmpUrl ?? undefined],
        ["Host", server?.url ?? undefined],
      ]);
    });

  const chat = program.command("chat").description("the account's web chat");
  chat
    .command("url")
    .description("the URL of the embeddable web chat")
    .action(async () => {
      const found = await ctx.authenticatedClient().getWebchatUrl(ctx.io.signal);
      if (ctx.globals.json) ctx.output.printJson(found);
      else ctx.output.printLine(found.webchatUrl);
    });
}
