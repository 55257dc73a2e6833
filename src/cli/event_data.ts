/**
 * `event srt-key`, `event transcriptions`, `event analytics` and `event chat`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { RestreamError, UsageError } from "../errors.ts";
import type {
  ChatHistoryMessage,
  MessageAnalytics,
  Transcription,
  ViewerAnalytics,
} from "../schemas/event_data.ts";
import { parseEventId, positiveInteger } from "./args.ts";
import type { CliContext } from "./context.ts";
import { formatSpan, formatTime, toDate } from "./format.ts";
import type { Column } from "./output.ts";
import { morePagesHint } from "./paging.ts";

const TRANSCRIPTION_COLUMNS: Column<Transcription>[] = [
  { header: "ID", value: (t) => String(t.id), keep: true },
  { header: "STATUS", value: (t) => t.status ?? "", keep: true, priority: 2 },
  { header: "FILE", value: (t) => t.fileName ?? "", min: 20 },
  { header: "DOWNLOAD URL", value: (t) => t.downloadUrl ?? "", keep: true, priority: 1 },
];

const CHAT_COLUMNS: Column<ChatHistoryMessage>[] = [
  { header: "TIME", value: (m) => formatTime(m.timestamp), keep: true },
  // The message is what people read: the channel goes first, then the platform, then
  // the author, before it is cut below 20 characters.
  { header: "PLATFORM", value: (m) => nameOf(m.platform), priority: 2 },
  { header: "CHANNEL", value: (m) => m.channelName ?? "", priority: 1 },
  { header: "AUTHOR", value: (m) => nameOf(m.author), priority: 3 },
  { header: "TEXT", value: (m) => m.text ?? "", min: 20 },
];

/** A name from a field that may be a string, a number or an object carrying a name. */
function nameOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  const record = value as Record<string, unknown>;
  const name = record.displayName ?? record.name ?? record.username;
  return typeof name === "string" ? name : "";
}

/** `--page-size`: 1–1000. */
function parsePageSize(value: string): number {
  const n = positiveInteger(value, "--page-size");
  if (n > 1000) throw new UsageError(`invalid --page-size '${value}': expected 1 to 1000`);
  return n;
}

/** `--since`: an ISO time or Unix seconds. */
function parseSince(value: string): Date {
  const date = /^\d{4}-\d\d-\d\d/.test(value) || /^\d+$/.test(value) ? toDate(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new UsageError(`invalid --since '${value}': expected an ISO time or Unix seconds`);
  }
  return date;
}

function count(value: number | null | undefined, digits = 0): string | undefined {
  return typeof value === "number" ? value.toFixed(digits).replace(/\.0+$/, "") : undefined;
}

function analyticsEntries(
  viewers: ViewerAnalytics | undefined,
  messages: MessageAnalytics | null | undefined,
): Array<[string, string | undefined]> {
  const entries: Array<[string, string | undefined]> = [];
  if (viewers) {
    const t = viewers.total;
    entries.push(
      ["Peak viewers", count(t.max)],
      ["Peak time", t.peakTime == null ? undefined : formatTime(t.peakTime)],
      ["Mean viewers", count(t.mean, 1)],
      ["Views", count(t.viewsTotal)],
      // Viewer-seconds: the sum of every viewer's time watching.
      ["Watched time", t.watchedTime == null ? undefined : formatSpan(t.watchedTime)],
    );
    for (const [channel, stats] of Object.entries(viewers.byChannel ?? {})) {
      entries.push([
        `  channel ${channel}`,
        `peak ${count(stats.max) ?? "?"}, views ${count(stats.viewsTotal) ?? "?"}`,
      ]);
    }
  }
  if (messages === null) entries.push(["Messages", "none"]);
  else if (messages) {
    entries.push(
      ["Messages", count(messages.total.messagesTotal)],
      ["Chatters", count(messages.total.chattersTotal)],
    );
  }
  return entries;
}

/** Adds the srt-key, transcriptions, analytics and chat commands to `event`. */
export function registerEventDataCommands(event: Command, ctx: CliContext): void {
  event
    .command("srt-key")
    .description("show an event's SRT credentials (Business/Enterprise plans; secrets)")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .action(async (id) => {
      const key = await ctx.authenticatedClient().getEventSrtKey(id, ctx.io.signal);
      ctx.output.printObject(key, () => [
        ["Stream ID", key.streamId],
        ["Passphrase", key.passPhrase ?? undefined],
        ["URL", key.url ?? undefined],
      ]);
    });

  event
    .command("transcriptions")
    .description("list the transcriptions of an event's recordings")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .action(async (id) => {
      const list = await ctx.authenticatedClient().listEventTranscriptions(id, ctx.io.signal);
      ctx.output.printList(list.transcriptions, TRANSCRIPTION_COLUMNS);
    });

  event
    .command("analytics")
    .description("an event's viewer and chat totals (--json: the raw series)")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .option("--viewers", "viewers only")
    .option("--messages", "chat messages only")
    .action(async (id, options) => {
      if (options.viewers && options.messages) {
        throw new UsageError("give at most one of --viewers or --messages");
      }
      const client = ctx.authenticatedClient();
      const signal = ctx.io.signal;
      if (options.viewers || options.messages) {
        const data = options.viewers
          ? await client.getEventViewerAnalytics(id, signal)
          : await client.getEventMessageAnalytics(id, signal);
        ctx.output.printObject(
          data,
          () =>
            options.viewers
              ? analyticsEntries(data as ViewerAnalytics, undefined)
              : analyticsEntries(undefined, data as MessageAnalytics),
        );
        return;
      }
      const [viewers, messages] = await Promise.all([
        client.getEventViewerAnalytics(id, signal),
        // An event without chat answers 404 here: that is "no messages", not a failure.
        client.getEventMessageAnalytics(id, signal).catch((error: unknown) => {
          if (error instanceof RestreamError && error.kind === "not_found") return null;
          throw error;
        }),
      ]);
      ctx.output.printObject({ viewers, messages }, () => analyticsEntries(viewers, messages));
    });

  event
    .command("chat")
    .description("an event's chat history (--all follows every page)")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .option("--page-size <n>", "messages per page (1-1000)", parsePageSize)
    .option("--since <time>", "start at this time (ISO or Unix seconds)", parseSince)
    .option("--all", "follow every page")
    .action(async (id, options) => {
      const client = ctx.authenticatedClient();
      const query = {
        pageSize: options.pageSize,
        since: options.since,
        signal: ctx.io.signal,
        onWarning: ctx.warn,
      };
      if (!options.all) {
        const page = await client.getEventChatHistory(id, query);
        ctx.output.printList(page.messages, CHAT_COLUMNS);
        if (page.nextPageToken && page.messages.length > 0) morePagesHint(ctx.output, "messages");
        return;
      }
      if (ctx.output.json) {
        const all: ChatHistoryMessage[] = [];
        for await (const page of client.iterateEventChat(id, query)) all.push(...page.messages);
        ctx.output.printJson(all);
        return;
      }
      const table = ctx.output.table(CHAT_COLUMNS);
      for await (const page of client.iterateEventChat(id, query)) table.push(page.messages);
      table.end();
    });
}
