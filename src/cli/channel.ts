/**
 * `channel list|get|set` and `channel meta get|set`.
 *
 * @module
 */

import { checkChannelTitle } from "../channel_title.ts";
import { UsageError } from "../errors.ts";
import type { Channel, ChannelSummary } from "../schemas/channel.ts";
import type { CliContext } from "./context.ts";
import { formatOnOff } from "./format.ts";
import type { Column } from "./output.ts";
import { loadPlatformNames, type PlatformNamer } from "./platform_names.ts";
import type { Style } from "./style.ts";

function channelColumns(platformName: PlatformNamer): Column<ChannelSummary>[] {
  return [
    { header: "ID", value: (c) => String(c.id), keep: true },
    { header: "PLATFORM", value: (c) => platformName(c.streamingPlatformId), priority: 3 },
    {
      header: "NAME",
      value: (c) => c.displayName ?? "",
      color: (text, _c, style) => style.cyan(text),
      min: 20,
    },
    {
      header: "ENABLED",
      keep: true,
      priority: 2,
      value: (c) => formatOnOff(c.enabled),
      color: (text, c, style) => paintOnOff(text, c.enabled, style),
    },
    // A cut link is useless: whole or left out.
    { header: "URL", value: (c) => c.url ?? "", keep: true, priority: 1 },
  ];
}

function paintOnOff(text: string, on: boolean | null | undefined, style: Style): string {
  if (on === null || on === undefined) return text;
  return on ? style.green(text) : style.red(text);
}

/** `active` is kept as the API sent it: a boolean, or 0/1 in the snake_case shape. */
function isActive(active: Channel["active"]): boolean | undefined {
  return active === null || active === undefined ? undefined : Boolean(active);
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : String(value);
}

function channelEntries(
  channel: Channel,
  platformName: PlatformNamer,
): Array<[string, string | undefined]> {
  const platformId = channel.streamingPlatformId;
  return [
    ["ID", String(channel.id)],
    ["Name", optionalText(channel.displayName)],
    [
      "Platform",
      platformId === null || platformId === undefined
        ? undefined
        : `${platformName(platformId)} (${platformId})`,
    ],
    ["Active", optionalText(formatOnOff(isActive(channel.active)))],
    ["URL", optionalText(channel.url)],
    ["Identifier", optionalText(channel.identifier)],
    ["Embed URL", optionalText(channel.embedUrl)],
    ["Event URL", optionalText(channel.eventUrl)],
    ["Event identifier", optionalText(channel.eventIdentifier)],
  ];
}

/** `channel list`. */
export async function listChannels(ctx: CliContext): Promise<void> {
  const client = ctx.authenticatedClient();
  const channels = await client.listChannels(ctx.io.signal);
  if (ctx.output.json) return ctx.output.printJson(channels);
  const names = await loadPlatformNames(ctx, client, channels.length > 0);
  ctx.output.printTable(channels, channelColumns(names));
}

/** `channel get <id>`. */
export async function showChannel(ctx: CliContext, id: number): Promise<void> {
  const client = ctx.authenticatedClient();
  const found = await client.getChannel(id, ctx.io.signal);
  if (ctx.output.json) return ctx.output.printJson(found);
  const names = await loadPlatformNames(ctx, client);
  ctx.output.printBlock(channelEntries(found, names));
}

/** `channel set <id> --active|--inactive`. */
export async function setChannelActive(
  ctx: CliContext,
  id: number,
  options: { active?: true; inactive?: true },
): Promise<void> {
  if (Boolean(options.active) === Boolean(options.inactive)) {
    throw new UsageError("give exactly one of --active or --inactive");
  }
  const active = options.active === true;
  await ctx.authenticatedClient().updateChannel(id, { active }, ctx.io.signal);
  if (ctx.output.json) ctx.output.printJson({ id, active });
  else ctx.output.notice(`channel ${id} ${active ? "enabled" : "disabled"}`);
}

/** `channel meta get <id>`. */
export async function showChannelMeta(ctx: CliContext, id: number): Promise<void> {
  const found = await ctx.authenticatedClient().getChannelMeta(id, ctx.io.signal);
  ctx.output.printObject(found, () => [
    ["Title", found.title],
    ["Description", optionalText(found.description)],
  ]);
}

/**
 * `channel meta set <id> [--title T] [--description D]`: at least one. The API requires a
 * title in every change, so a title not given is read first and sent as it is.
 */
export async function setChannelMeta(
  ctx: CliContext,
  id: number,
  options: { title?: string; description?: string },
): Promise<void> {
  const { title, description } = options;
  if (title === undefined && description === undefined) {
    throw new UsageError("nothing to change: give --title, --description or both");
  }
  if (title !== undefined) checkChannelTitle(title);
  const client = ctx.authenticatedClient();
  const sentTitle = title ?? (await client.getChannelMeta(id, ctx.io.signal)).title;
  await client.updateChannelMeta(id, { title: sentTitle, description }, ctx.io.signal);
  if (ctx.output.json) {
    const sent = { id, title: sentTitle };
    ctx.output.printJson(description === undefined ? sent : { ...sent, description });
  } else {
    const changed = [
      title === undefined ? "" : "title",
      description === undefined ? "" : "description",
    ];
    ctx.output.notice(`channel ${id}: ${changed.filter((w) => w !== "").join(" and ")} updated`);
  }
}
