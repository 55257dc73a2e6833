/**
 * `event srt-key`, `event transcriptions`, `event analytics` and `event chat`.
 *
 * @module
 */

import { RestreamError, UsageError } from "../errors.ts";
import type {
  ChatHistoryMessage,
  MessageAnalytics,
  Transcription,
  ViewerAnalytics,
} from "../schemas/event_data.ts";
import type { CliContext } from "./context.ts";
import { formatSpan, formatTime } from "./format.ts";
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

/** `event srt-key <id>`. */
export async function showEventSrtKey(ctx: CliContext, id: string): Promise<void> {
  const key = await ctx.authenticatedClient().getEventSrtKey(id, ctx.io.signal);
  ctx.output.printObject(key, () => [
    ["Stream ID", key.streamId],
    ["Passphrase", key.passPhrase ?? undefined],
    ["URL", key.url ?? undefined],
  ]);
}

/** `event transcriptions <id>`. */
export async function listEventTranscriptions(ctx: CliContext, id: string): Promise<void> {
  const list = await ctx.authenticatedClient().listEventTranscriptions(id, ctx.io.signal);
  ctx.output.printList(list.transcriptions, TRANSCRIPTION_COLUMNS);
}

/** `event analytics <id> [--viewers|--messages]`. */
export async function showEventAnalytics(
  ctx: CliContext,
  id: string,
  options: { viewers?: true; messages?: true },
): Promise<void> {
  if (options.viewers && options.messages) {
    throw new UsageError("give at most one of --viewers or --messages");
  }
  const client = ctx.authenticatedClient();
  const signal = ctx.io.signal;
  if (options.viewers) {
    const viewers = await client.getEventViewerAnalytics(id, signal);
    return ctx.output.printObject(viewers, () => analyticsEntries(viewers, undefined));
  }
  if (options.messages) {
    const messages = await client.getEventMessageAnalytics(id, signal);
    return ctx.output.printObject(messages, () => analyticsEntries(undefined, messages));
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
}

/** `event chat <id> [--page-size N] [--since T] [--all]`. */
export async function showEventChat(
  ctx: CliContext,
  id: string,
  options: { pageSize?: number; since?: Date; all?: true },
): Promise<void> {
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
  await ctx.output.printPages(
    client.iterateEventChat(id, query),
    (page) => page.messages,
    CHAT_COLUMNS,
  );
}
