/**
 * `ingest get` and `chat url`: small facts about the account.
 *
 * @module
 */

import type { CliContext } from "./context.ts";

/** `ingest get`: the API's object, with the matching entry of GET /v2/server/all under `server`. */
export async function showIngest(ctx: CliContext): Promise<void> {
  const client = ctx.authenticatedClient();
  const found = await client.getIngest(ctx.io.signal);
  const servers = await client.listServers(ctx.io.signal);
  const server = servers.find((s) => s.id === found.ingestId) ?? null;
  ctx.output.printObject({ ...found, server }, () => [
    ["Ingest ID", String(found.ingestId)],
    ["Server", server?.name ?? "(not in the server list)"],
    ["RTMP URL", server?.rtmpUrl ?? undefined],
    ["Host", server?.url ?? undefined],
  ]);
}

/** `chat url`. */
export async function showWebchatUrl(ctx: CliContext): Promise<void> {
  const found = await ctx.authenticatedClient().getWebchatUrl(ctx.io.signal);
  if (ctx.globals.json) ctx.output.printJson(found);
  else ctx.output.printLine(found.webchatUrl);
}
