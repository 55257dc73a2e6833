/**
 * `channel add` and `channel remove`: manual channels (custom RTMP, SRT…).
 *
 * @module
 */

import { UsageError } from "../errors.ts";
import type { RestreamClient } from "../client.ts";
import { readSecretArg } from "./args.ts";
import { confirmed } from "./confirm.ts";
import type { CliContext } from "./context.ts";

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

/** The flags of `channel add`. */
export interface AddChannelFlags {
  /** Platform id or name. */
  platform: string;
  /** Ingest URL. */
  url: string;
  /** Stream key, or "-" for stdin. */
  key: string;
  /** Display name. */
  name?: string;
  /** RTMP user name. */
  username?: string;
  /** RTMP password, or "-" for stdin. */
  password?: string;
}

/** `channel add`. */
export async function addChannel(ctx: CliContext, options: AddChannelFlags): Promise<void> {
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
}

/** `channel remove <id> [--yes]`. */
export async function removeChannel(ctx: CliContext, id: number, yes: boolean): Promise<void> {
  if (!await confirmed(ctx, `Remove channel ${id}?`, yes)) {
    ctx.output.notice(`channel ${id} not removed`);
    return;
  }
  await ctx.authenticatedClient().removeChannel(id, ctx.io.signal);
  if (ctx.output.json) ctx.output.printJson({ id, removed: true });
  else ctx.output.notice(`channel ${id} removed`);
}
