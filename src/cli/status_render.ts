/**
 * How `status` looks: a `Key: value` block (account, channels, live, next, health), then a
 * table of the enabled channels with their titles (and, with `--health`, their last stream
 * status and bitrate). A failed part reads "unavailable"; its error is on stderr.
 *
 * @module
 */

import type { ChannelMeta, ChannelSummary } from "../schemas/channel.ts";
import type { RestreamEvent } from "../schemas/event.ts";
import type { UpdateOutgoing } from "../ws/streaming_schemas.ts";
import { formatDuration, formatKbps, formatTableTime, toDate } from "./format.ts";
import type { Output } from "./output.ts";
import type { Part } from "./parts.ts";
import type { PlatformNamer } from "./platform_names.ts";
import type { StatusData } from "./status.ts";
import type { Column } from "./table.ts";

const UNAVAILABLE = "unavailable";

/** One enabled channel's row. */
interface ChannelRow {
  channel: ChannelSummary;
  meta?: Part<ChannelMeta>;
  report?: UpdateOutgoing;
}

/** Writes the status block and the channel table to stdout. */
export function renderStatus(
  output: Output,
  data: StatusData,
  platformName: PlatformNamer,
  nowMs: number,
): void {
  const channels = data.channels.ok ? data.channels.value : undefined;
  const enabled = channels?.filter((channel) => channel.enabled === true) ?? [];
  const reports = data.health?.ok
    ? new Map(data.health.value.map((report) => [report.channelId, report]))
    : undefined;
  const entries: Array<[string, string | undefined]> = [
    ["Account", data.account.ok ? accountText(data.account.value) : UNAVAILABLE],
    ["Channels", channels ? `${enabled.length} of ${channels.length} enabled` : UNAVAILABLE],
    ["Live", data.live.ok ? liveText(data.live.value, channels, platformName, nowMs) : UNAVAILABLE],
    ["Next", data.next.ok ? nextText(data.next.value, nowMs) : UNAVAILABLE],
  ];
  if (data.health !== undefined) {
    entries.push([
      "Health",
      reports
        ? `${enabled.filter((c) => reports.has(c.id)).length} of ${enabled.length} enabled ` +
          "channels reporting"
        : UNAVAILABLE,
    ]);
  }
  output.printBlock(entries);
  if (enabled.length === 0) return;
  output.printLine("");
  const rows: ChannelRow[] = enabled.map((channel) => ({
    channel,
    meta: data.metas.get(channel.id),
    report: reports?.get(channel.id),
  }));
  output.printTable(rows, columns(platformName, reports !== undefined));
}

function columns(platformName: PlatformNamer, health: boolean): Column<ChannelRow>[] {
  const list: Column<ChannelRow>[] = [
    { header: "ID", value: (r) => String(r.channel.id), keep: true },
    { header: "PLATFORM", value: (r) => platformName(r.channel.streamingPlatformId) },
    {
      header: "NAME",
      value: (r) => r.channel.displayName ?? "",
      color: (text, _r, style) => style.cyan(text),
    },
    {
      header: "TITLE",
      value: (r) => r.meta === undefined ? "" : r.meta.ok ? r.meta.value.title : UNAVAILABLE,
    },
  ];
  if (health) {
    list.push(
      {
        header: "STATUS",
        keep: true,
        value: (r) => r.report?.streaming?.status ?? "no report",
        color: (text, _r, style) =>
          text === "CONNECTED"
            ? style.green(text)
            : text === "no report"
            ? style.dim(text)
            : style.yellow(text),
      },
      {
        header: "BITRATE",
        keep: true,
        value: (r) => formatKbps(r.report?.streaming?.bitrate),
      },
    );
  }
  return list;
}

function accountText(profile: { id: number; username?: string | null; email?: string | null }) {
  const name = profile.username ?? `user ${profile.id}`;
  return profile.email ? `${name} (${profile.email})` : name;
}

/** `Title since 2026-11-25 17:31 (2 h 5 min) on GameNight Live, YouTube`; events joined by `; `. */
function liveText(
  events: readonly RestreamEvent[],
  channels: readonly ChannelSummary[] | undefined,
  platformName: PlatformNamer,
  nowMs: number,
): string {
  if (events.length === 0) return "nothing live";
  return events.map((event) => {
    const parts = [event.title || "(untitled)"];
    const started = event.startedAt === null || event.startedAt === undefined
      ? undefined
      : toDate(event.startedAt);
    if (started !== undefined) {
      parts.push(
        `since ${formatTableTime(started.getTime() / 1000)} ` +
          `(${formatDuration(nowMs - started.getTime())})`,
      );
    }
    const destinations = (event.destinations ?? []).map((destination) =>
      channels?.find((c) => c.id === destination.channelId)?.displayName ||
      platformName(destination.streamingPlatformId)
    ).filter((name) => name !== "");
    if (destinations.length > 0) parts.push(`on ${destinations.join(", ")}`);
    return parts.join(" ");
  }).join("; ");
}

/** `Title at 2026-11-26 18:16 (in 23 h 40 min)`. */
function nextText(event: RestreamEvent | null, nowMs: number): string {
  if (event === null) return "nothing scheduled";
  const title = event.title || "(untitled)";
  const at = event.scheduledFor === null || event.scheduledFor === undefined
    ? undefined
    : toDate(event.scheduledFor);
  if (at === undefined) return `${title} (not scheduled)`;
  const delta = at.getTime() - nowMs;
  const when = delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} overdue`;
  return `${title} at ${formatTableTime(at.getTime() / 1000)} (${when})`;
}
