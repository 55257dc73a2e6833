/**
 * `channel add` and `channel remove`: manual channels (custom RTMP, SRT…).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import type { RestreamClient } from "../client.ts";
import { parseChannelId, readSecretArg } from "./args.ts";
import { confirmed } from "./confirm.ts";
import type { CliContext } from "./context.ts";

/** `--url`: an absolute URL (rtmp://, rtmps://, srt://…). */
function parseStreamUrl(value: string): string {
  try {
    new URL(value);
  } catch {
    throw new UsageError(`invalid --url '${value}': expected an absolute URL like rtmp://host/app`);
  }
  return value;
}

/** A platform given by id, or by name looked up in the public platform list. */
async function resolvePlatform(
  client: RestreamClient,
  value: string,
  signal?: AbortSignal,
): Promise<number> {
  if (/^\d+$/.test(value) && Number(value) > 0) return Number(value);
  const platforms = await client.listPlatforms(signal);
  const wanted = value.trim().toLowerCase();
  const found = platforms.find((p) => p.name.toLowerCase() === wanted);
  if (found === undefined) {
    throw new UsageError(`unknown platform '${value}': see 'restream platforms' for names and ids`);
  }
  return found.id;
}

/** Adds `channel add` and `channel remove` to the `channel` command. */
export function registerChannelManageCommands(channel: Command, ctx: CliContext): void {
  channel
    .command("add")
    .description("add a manual channel (custom RTMP, SRT…)")
    .requiredOption("--platform <id|name>", "platform id or name (see 'restream platforms')")
    .requiredOption("--url <url>", "ingest URL of the destination", parseStreamUrl)
    .requiredOption("--key <key>", "stream key ('-' reads it from stdin)")
    .option("--name <name>", "name shown in Restream")
    .option("--username <user>", "RTMP user name (with --password)")
    .option("--password <password>", "RTMP password ('-' reads it from stdin)")
    .action(async (options) => {
      if ((options.username === undefined) !== (options.password === undefined)) {
        throw new UsageError("--username and --password go together");
      }
      if (options.key === "-" && options.password === "-") {
        throw new UsageError("only one of --key and --password can be read from stdin");
      }
      const streamKey = await readSecretArg(options.key, ctx.io.stdin, "--key");
      const rtmpPassword = options.password === undefined
        ? undefined
        : await readSecretArg(options.password, ctx.io.stdin, "--password");
      const client = ctx.authenticatedClient();
      const platformId = await resolvePlatform(client, options.platform, ctx.io.signal);
      const created = await client.addChannel({
        platformId,
        streamUrl: options.url,
        streamKey,
        displayName: options.name,
        rtmpUsername: options.username,
        rtmpPassword,
      }, ctx.io.signal);
      if (ctx.output.json) ctx.output.printJson(created);
      else ctx.output.notice(`channel ${created.id} added`);
    });

  channel
    .command("remove")
    .description("remove a channel (asks first on a terminal)")
    .argument("<id>", "channel id (a positive integer)", parseChannelId)
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (id, options) => {
      if (!await confirmed(ctx, `Remove channel ${id}?`, options.yes === true)) {
        ctx.output.notice(`channel ${id} not removed`);
        return;
      }
      await ctx.authenticatedClient().removeChannel(id, ctx.io.signal);
      if (ctx.output.json) ctx.output.printJson({ id, removed: true });
      else ctx.output.notice(`channel ${id} removed`);
    });
}
