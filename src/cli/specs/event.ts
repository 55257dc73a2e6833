/**
 * The specs (beyond their entries in ../tree.ts) of `event …` (handlers: ../event.ts,
 * ../event_create.ts, ../event_data.ts, ../event_media.ts).
 *
 * @module
 */

import type { UpcomingEventSource } from "../../client/events.ts";
import { parseChannelId, parseEventId, parseLimit, parsePage } from "../args.ts";
import type { DownloadFlags } from "../download_command.ts";
import type { CreateEventFlags } from "../event_create.ts";
import { nonEmpty, parseIsoTime, parsePageSize, parseSince, parseSource } from "../event_values.ts";
import { parseRecordingFileName } from "../ids.ts";
import type { ArgSpec, CommandBody } from "../spec.ts";
import { DOWNLOAD_FLAGS } from "./download.ts";

const ID: ArgSpec = { name: "id", summary: "event id (a UUID)", parse: parseEventId };
/** The in-progress event of `restream mock serve`. */
const LIVE = "9b4fb93c-bb15-47dc-8c06-b4ba5483403c";
/** A finished event of `restream mock serve`, with recordings, chat and analytics. */
const PAST = "f2156c8b-d3ba-4a54-b606-c77a78d335cc";

const LIMIT = {
  long: "limit",
  type: "int",
  summary: "how many past events (1-100)",
  parse: parseLimit,
  default: 10,
};

/** `event` and its subcommands. */
export const EVENT: CommandBody = {
  subcommands: [
    {
      name: "list",
      summary: "in-progress, then upcoming, then the most recent finished events",
      flags: [LIMIT],
      examples: ["restream event list", "restream event list --limit 3 --json"],
      run: async (ctx, { flags }) =>
        (await import("../event.ts")).listEvents(ctx, flags.limit as number),
    },
    {
      name: "get",
      summary: "show one event",
      args: [ID],
      examples: [`restream event get ${LIVE}`],
      run: async (ctx, { args }) => (await import("../event.ts")).showEvent(ctx, args.id as string),
    },
    {
      name: "history",
      summary: "finished and missed events, newest first",
      flags: [
        {
          long: "page",
          type: "int",
          summary: "page number (from 1)",
          parse: parsePage,
          default: 1,
        },
        { ...LIMIT, summary: "events per page (1-100)" },
        { long: "all", summary: "follow every page from --page on" },
      ],
      examples: ["restream event history --limit 5", "restream event history --all --json"],
      run: async (ctx, { flags }) =>
        (await import("../event.ts")).eventHistory(
          ctx,
          flags as { page: number; limit: number; all?: true },
        ),
    },
    {
      name: "in-progress",
      summary: "events live now",
      examples: ["restream event in-progress"],
      run: async (ctx) => (await import("../event.ts")).inProgressEvents(ctx),
    },
    {
      name: "upcoming",
      summary: "upcoming events",
      flags: [
        {
          long: "source",
          type: "string",
          summary: "only events of this source (or the API's numbers 1, 2, 3)",
          choices: ["studio", "encoder", "video"],
          parse: parseSource,
        },
        { long: "scheduled", summary: "only scheduled events" },
      ],
      examples: ["restream event upcoming", "restream event upcoming --source encoder --scheduled"],
      run: async (ctx, { flags }) =>
        (await import("../event.ts")).upcomingEvents(
          ctx,
          flags as { source?: UpcomingEventSource; scheduled?: true },
        ),
    },
    {
      name: "stream-key",
      summary: "show an event's stream key and SRT URL (secrets: shown in full)",
      args: [ID],
      examples: [`restream event stream-key ${LIVE}`],
      run: async (ctx, { args }) =>
        (await import("../event.ts")).showEventStreamKey(ctx, args.id as string),
    },
    {
      name: "create",
      summary: "create an event (scheduled with --at)",
      flags: [
        {
          long: "type",
          type: "string",
          summary: "stream type",
          choices: ["studio", "encoder"],
          required: true,
        },
        { long: "title", type: "string", summary: "title", parse: nonEmpty("--title") },
        { long: "description", type: "string", summary: "description" },
        {
          long: "at",
          type: "time",
          summary: "scheduled start, ISO-8601 (unscheduled without it)",
          parse: parseIsoTime,
        },
      ],
      examples: [
        "restream event create --type encoder --title 'Launch party' --at 2030-05-01T18:00:00Z",
      ],
      run: async (ctx, { flags }) =>
        (await import("../event_create.ts")).createEvent(
          ctx,
          flags as unknown as CreateEventFlags,
        ),
    },
    {
      name: "destination",
      summary: "an event's destinations",
      subcommands: [{
        name: "add",
        summary: "stream an event to a manual channel (Custom RTMP, SRT…)",
        args: [{ name: "event", summary: "event id (a UUID)", parse: parseEventId }],
        flags: [
          {
            long: "channel",
            type: "int",
            placeholder: "id",
            summary: "channel id",
            parse: parseChannelId,
            required: true,
          },
          { long: "vertical", summary: "send vertical video" },
        ],
        examples: [`restream event destination add ${LIVE} --channel 1030304`],
        run: async (ctx, { args, flags }) =>
          (await import("../event_create.ts")).addEventDestination(
            ctx,
            args.event as string,
            flags as { channel: number; vertical?: true },
          ),
      }],
    },
    {
      name: "srt-key",
      summary: "show an event's SRT credentials (Business/Enterprise plans; secrets)",
      args: [ID],
      examples: [`restream event srt-key ${LIVE}`],
      run: async (ctx, { args }) =>
        (await import("../event_data.ts")).showEventSrtKey(ctx, args.id as string),
    },
    {
      name: "transcriptions",
      summary: "list the transcriptions of an event's recordings",
      args: [ID],
      examples: [`restream event transcriptions ${PAST}`],
      run: async (ctx, { args }) =>
        (await import("../event_data.ts")).listEventTranscriptions(ctx, args.id as string),
    },
    {
      name: "analytics",
      summary: "an event's viewer and chat totals (--json: the raw series)",
      args: [ID],
      flags: [
        { long: "viewers", summary: "viewers only" },
        { long: "messages", summary: "chat messages only" },
      ],
      examples: [
        `restream event analytics ${PAST}`,
        `restream event analytics ${PAST} --viewers --json`,
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../event_data.ts")).showEventAnalytics(
          ctx,
          args.id as string,
          flags as { viewers?: true; messages?: true },
        ),
    },
    {
      name: "chat",
      summary: "an event's chat history (--all follows every page)",
      args: [ID],
      flags: [
        {
          long: "page-size",
          type: "int",
          summary: "messages per page (1-1000)",
          parse: parsePageSize,
        },
        {
          long: "since",
          type: "time",
          summary: "start at this time (ISO or Unix seconds)",
          parse: parseSince,
        },
        { long: "all", summary: "follow every page" },
      ],
      examples: [`restream event chat ${PAST}`, `restream event chat ${PAST} --all --json`],
      run: async (ctx, { args, flags }) =>
        (await import("../event_data.ts")).showEventChat(
          ctx,
          args.id as string,
          flags as { pageSize?: number; since?: Date; all?: true },
        ),
      subcommands: [{
        name: "download",
        summary: "download an event's whole chat history as a file",
        args: [ID],
        flags: DOWNLOAD_FLAGS,
        examples: [`restream event chat download ${PAST} -o chat.csv`],
        run: async (ctx, { args, flags }) =>
          (await import("../event_media.ts")).downloadEventChat(
            ctx,
            args.id as string,
            flags as DownloadFlags,
          ),
      }],
    },
    {
      name: "recordings",
      summary: "list an event's recordings (or download one: recordings download)",
      args: [ID],
      examples: [`restream event recordings ${PAST}`],
      run: async (ctx, { args }) =>
        (await import("../event_media.ts")).listEventRecordings(ctx, args.id as string),
      subcommands: [{
        name: "download",
        summary: "download one recording of an event (default name: its file name)",
        args: [ID, {
          name: "file",
          summary: "file name, as 'event recordings' lists it",
          parse: parseRecordingFileName,
        }],
        flags: DOWNLOAD_FLAGS,
        examples: [
          "# file names come from 'restream event recordings <id>'",
          `restream event recordings download ${PAST} speedrun-41.mp4`,
        ],
        run: async (ctx, { args, flags }) =>
          (await import("../event_media.ts")).downloadEventRecording(
            ctx,
            args.id as string,
            args.file as string,
            flags as DownloadFlags,
          ),
      }],
    },
  ],
};
