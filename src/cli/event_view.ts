/**
 * How events look to people: the table of the event lists and the block of `event get`.
 *
 * @module
 */

import type { RestreamEvent } from "../schemas/event.ts";
import { formatTableTime, formatTime } from "./format.ts";
import type { Column } from "./table.ts";
import type { PlatformNamer } from "./platform_names.ts";
import type { Style } from "./style.ts";

function paintStatus(text: string, style: Style): string {
  if (text === "in-progress") return style.green(text);
  if (text === "upcoming") return style.yellow(text);
  if (text === "missed") return style.red(text);
  return style.dim(text);
}

/**
 * The columns of every event list: id, status, title, start time, destination count. On a
 * narrow terminal the destination count goes first, then the start; the title (what people
 * read) keeps 20 characters until then.
 */
export const EVENT_COLUMNS: readonly Column<RestreamEvent>[] = [
  { header: "ID", value: (e) => e.id, keep: true },
  {
    header: "STATUS",
    value: (e) => e.status ?? "",
    color: (text, _e, style) => paintStatus(text, style),
    keep: true,
    priority: 3,
  },
  { header: "TITLE", value: (e) => e.title ?? "", min: 20 },
  // One time column: when it started, or, until it does, when it is scheduled to (the
  // status tells which).
  {
    header: "START",
    value: (e) => formatTableTime(e.startedAt ?? e.scheduledFor),
    keep: true,
    priority: 2,
  },
  {
    header: "DESTS",
    value: (e) => String(e.destinations?.length ?? 0),
    keep: true,
    priority: 1,
  },
];

function text(value: unknown): string | undefined {
  return value === null || value === undefined || value === "" ? undefined : String(value);
}

function yesNo(value: boolean | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : value ? "yes" : "no";
}

/** The `Key: value` entries of one event, destinations named by platform. */
export function eventEntries(
  event: RestreamEvent,
  platformName: PlatformNamer,
): Array<[string, string | undefined]> {
  const destinations = event.destinations ?? [];
  const entries: Array<[string, string | undefined]> = [
    ["ID", event.id],
    ["Title", text(event.title)],
    ["Status", text(event.status)],
    ["Description", text(event.description)],
    ["Scheduled", text(formatTime(event.scheduledFor))],
    ["Started", text(formatTime(event.startedAt))],
    ["Finished", text(formatTime(event.finishedAt))],
    ["Record only", yesNo(event.isRecordOnly)],
    ["Cover", text(event.coverUrl)],
    ["Destinations", String(destinations.length)],
  ];
  destinations.forEach((destination, i) => {
    const parts = [
      platformName(destination.streamingPlatformId),
      destination.channelId === null || destination.channelId === undefined
        ? ""
        : `channel ${destination.channelId}`,
      destination.externalUrl ?? "",
    ].filter((part) => part !== "");
    entries.push([`  ${i + 1}`, parts.join(", ")]);
  });
  return entries;
}
