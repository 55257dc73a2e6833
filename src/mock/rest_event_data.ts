/**
 * REST routes of an event's data: chat history (paged by `pageToken` or `timestamp`), its
 * one-time download URL, recordings and their download URLs, transcriptions, and viewer and
 * message analytics (404 when the event has none).
 *
 * @module
 */

import { decodeCursor, encodeCursor } from "./ids.ts";
import { intParam, readJson, type RestContext, type RestRoute, withEvent } from "./rest_helpers.ts";
import { badRequest, json, notFound } from "./respond.ts";
import type { MockEventRecord } from "./seed_events.ts";

function pageToken(offset: number): string {
  return encodeCursor(`offset:${offset}`);
}

function readPageToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(decodeCursor(token) ?? "");
  return match ? Number(match[1]) : null;
}

function chatHistory(record: MockEventRecord, ctx: RestContext): Response {
  const pageSize = intParam(ctx.url, "pageSize", 100, 1, 1000);
  if (pageSize instanceof Response) return pageSize;
  const token = ctx.url.searchParams.get("pageToken");
  const timestamp = ctx.url.searchParams.get("timestamp");
  const messages = record.chat;
  let offset = 0;
  if (token) {
    const decoded = readPageToken(token);
    if (decoded === null) return badRequest('"pageToken" is invalid');
    offset = decoded;
  } else if (timestamp) {
    if (!/^\d+$/.test(timestamp)) return badRequest('"timestamp" must be Unix seconds');
    const index = messages.findIndex((m) => m.timestamp >= Number(timestamp));
    offset = index < 0 ? messages.length : index;
  }
  const end = offset + pageSize;
  return json(200, {
    messages: messages.slice(offset, end),
    nextPageToken: end < messages.length ? pageToken(end) : null,
    previousPageToken: offset > 0 ? pageToken(Math.max(0, offset - pageSize)) : null,
  });
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function chatDownload(record: MockEventRecord, ctx: RestContext): Response {
  const rows = record.chat.map((m) =>
    [new Date(m.timestamp * 1000).toISOString(), m.platform, m.channelName, m.author, m.text]
      .map(csvCell).join(",")
  );
  const body = ["timestamp,platform,channel,author,text", ...rows].join("\n") + "\n";
  return json(200, { downloadUrl: ctx.state.downloads.add({ contentType: "text/csv", body }) });
}

async function recordingDownload(record: MockEventRecord, ctx: RestContext): Promise<Response> {
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  if (typeof body.fileName !== "string") return badRequest('"fileName" is required');
  const { primaryVideos, secondaryVideos, audio } = record.recordings;
  const file = [...primaryVideos, ...secondaryVideos, ...audio].find((f) =>
    f.fileName === body.fileName
  );
  if (!file) return notFound("RecordingNotFound", "recording_not_found");
  const contentType = file.fileName.endsWith(".m4a") ? "audio/mp4" : "video/mp4";
  const downloadUrl = ctx.state.downloads.add({
    contentType,
    body: `mock recording ${file.fileName}\n`,
  });
  return json(200, { downloadUrl });
}

function transcriptions(record: MockEventRecord, ctx: RestContext): Response {
  return json(200, {
    transcriptions: record.transcriptions.map((t) => ({
      ...t,
      downloadUrl: t.status === "Completed"
        ? ctx.state.downloads.add({
          contentType: "text/vtt",
          body: "WEBVTT\n\n00:00.000 --> 00:04.000\nWelcome back, everyone!\n",
        })
        : null,
    })),
  });
}

/** Minute marks of an event, at most two hours' worth. */
function minutes(record: MockEventRecord): number[] {
  const { startedAt, finishedAt } = record.event;
  if (startedAt === null) return [];
  const end = finishedAt ?? startedAt + 45 * 60;
  const count = Math.min(120, Math.max(1, Math.floor((end - startedAt) / 60)));
  return Array.from({ length: count }, (_, i) => startedAt + 60 * i);
}

function viewerStats(record: MockEventRecord, scale: number): Record<string, unknown> {
  const perMinute = minutes(record).map((timestamp, i) => ({
    timestamp,
    viewers: Math.round(scale * (40 + 30 * Math.sin(i / 7) + i)),
  }));
  const values = perMinute.map((p) => p.viewers);
  const max = Math.max(...values);
  return {
    mean: Math.round(values.reduce((a, b) => a + b, 0) / values.length),
    max,
    viewsTotal: Math.round(max * 3.2),
    peakTime: perMinute[values.indexOf(max)].timestamp,
    watchedTime: values.reduce((a, b) => a + b, 0) * 60,
    viewersPerMinute: perMinute,
  };
}

function messageStats(record: MockEventRecord, scale: number): Record<string, unknown> {
  const perMinute = minutes(record).map((timestamp, i) => ({
    timestamp,
    messages: Math.round(scale * (5 + 4 * Math.cos(i / 5))),
  }));
  const total = perMinute.reduce((a, p) => a + p.messages, 0);
  return {
    messagesTotal: total,
    chattersTotal: Math.ceil(total / 6),
    messagesPerMinute: perMinute,
  };
}

function analytics(
  kind: "viewers" | "messages",
  stats: (record: MockEventRecord, scale: number) => Record<string, unknown>,
): (record: MockEventRecord) => Response {
  return (record) => {
    if (!record.analytics[kind]) {
      return notFound("EventAnalyticsNotFound", "event_analytics_not_found");
    }
    const byChannel = Object.fromEntries(
      record.event.destinations.map((d, i) => [String(d.channelId), stats(record, 1 / (i + 2))]),
    );
    return json(200, { total: stats(record, 1), byChannel });
  };
}

/** The event data routes. */
export const EVENT_DATA_ROUTES: RestRoute[] = [
  {
    method: "GET",
    path: "/user/events/:id/chat/history",
    scope: "chat.read",
    handle: withEvent(chatHistory),
  },
  {
    method: "POST",
    path: "/user/events/:id/chat/history/download-url",
    scope: "chat.read",
    handle: withEvent(chatDownload),
  },
  {
    method: "GET",
    path: "/user/events/:id/recordings",
    scope: "storage.read",
    handle: withEvent((r) => json(200, r.recordings)),
  },
  {
    method: "POST",
    path: "/user/events/:id/recordings/download-url",
    scope: "storage.read",
    handle: withEvent(recordingDownload),
  },
  {
    method: "GET",
    path: "/user/events/:id/recordings/transcriptions",
    scope: "storage.read",
    handle: withEvent(transcriptions),
  },
  {
    method: "GET",
    path: "/user/events/:id/analytics/viewers",
    scope: "stream.read",
    handle: withEvent(analytics("viewers", viewerStats)),
  },
  {
    method: "GET",
    path: "/user/events/:id/analytics/messages",
    scope: "stream.read",
    handle: withEvent(analytics("messages", messageStats)),
  },
];
