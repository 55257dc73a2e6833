/**
 * Creating events and adding destinations, and what an event leaves behind: SRT
 * credentials, transcriptions, analytics and chat history.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { type Created, CreatedSchema } from "../schemas/event.ts";
import {
  type ChatHistoryPage,
  ChatHistoryPageSchema,
  type MessageAnalytics,
  MessageAnalyticsSchema,
  type TranscriptionList,
  TranscriptionListSchema,
  type ViewerAnalytics,
  ViewerAnalyticsSchema,
} from "../schemas/event_data.ts";
import {
  registerStreamKeySecrets,
  type SrtStreamKey,
  SrtStreamKeySchema,
} from "../schemas/stream_key.ts";
import type { ApiCore } from "./core.ts";
import { eventPath } from "./events.ts";
import { checkId } from "../ids.ts";
import { followPages, type PagingOptions } from "./pages.ts";

/** An event to create (POST /v2/user/events/new). */
export interface NewEvent {
  /** Streamed from Restream Studio or from an encoder. */
  streamType: "studio" | "encoder";
  /** Title. */
  title?: string;
  /** Description. */
  description?: string;
  /** When it is scheduled for; sent as ISO-8601. Unscheduled when omitted. */
  scheduledFor?: Date;
}

/** A destination to add to an event. */
export interface NewEventDestination {
  /** The channel to stream to (manual platforms only, e.g. Custom RTMP). */
  channelId: number;
  /** Vertical or horizontal video; the API's default when omitted. */
  streamingOrientation?: "horizontal" | "vertical";
}

/** Which chat history page to read. */
export interface ChatHistoryOptions extends PagingOptions {
  /** Messages per page, 1–1000. */
  pageSize?: number;
  /** Continue from this page token (from a previous page). */
  pageToken?: string;
  /** Start at this time instead of a page token; sent as Unix seconds. */
  since?: Date;
  /** Cancels the requests. */
  signal?: AbortSignal;
}

/** POST /v2/user/events/new → `{id}`. */
export function createEvent(api: ApiCore, event: NewEvent, signal?: AbortSignal): Promise<Created> {
  const body = {
    streamType: event.streamType,
    title: event.title,
    description: event.description,
    scheduledFor: event.scheduledFor?.toISOString(),
  };
  return api.send(
    "POST",
    "/v2/user/events/new",
    body,
    { scope: "stream.write", signal },
    CreatedSchema,
  );
}

/** POST /v2/user/events/{id}/destinations → `{id}` of the destination. */
export async function addEventDestination(
  api: ApiCore,
  eventId: string,
  destination: NewEventDestination,
  signal?: AbortSignal,
): Promise<Created> {
  checkId("channel id", destination.channelId);
  return await api.send("POST", `${eventPath(eventId)}/destinations`, destination, {
    resource: `event ${eventId}`,
    others: { channel: `channel ${destination.channelId}` },
    scope: "stream.write",
    signal,
  }, CreatedSchema);
}

/** GET /v2/user/events/{id}/srt/streamKey: Business and Enterprise plans only. */
export async function getEventSrtKey(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<SrtStreamKey> {
  return await api.get(`${eventPath(id)}/srt/streamKey`, SrtStreamKeySchema, {
    resource: `event ${id}`,
    scope: "stream.read",
    forbidden: "SRT stream keys need a Business or Enterprise plan",
    signal,
  }).then(registerStreamKeySecrets);
}

/** GET /v2/user/events/{id}/recordings/transcriptions. */
export async function listEventTranscriptions(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<TranscriptionList> {
  return await api.get(`${eventPath(id)}/recordings/transcriptions`, TranscriptionListSchema, {
    resource: `event ${id}`,
    scope: "storage.read",
    signal,
  });
}

/** GET /v2/user/events/{id}/analytics/viewers. */
export async function getEventViewerAnalytics(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<ViewerAnalytics> {
  return await api.get(`${eventPath(id)}/analytics/viewers`, ViewerAnalyticsSchema, {
    resource: `event ${id}`,
    scope: "stream.read",
    signal,
  });
}

/** GET /v2/user/events/{id}/analytics/messages; a 404 also means "no chat analytics". */
export async function getEventMessageAnalytics(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<MessageAnalytics> {
  return await api.get(`${eventPath(id)}/analytics/messages`, MessageAnalyticsSchema, {
    resource: `chat analytics of event ${id}`,
    scope: "stream.read",
    signal,
  });
}

/** GET /v2/user/events/{id}/chat/history: one page. */
export async function getEventChatHistory(
  api: ApiCore,
  id: string,
  options: ChatHistoryOptions = {},
): Promise<ChatHistoryPage> {
  const { pageSize, pageToken, since, signal } = options;
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)) {
    throw new RestreamError("usage", `invalid page size ${pageSize}: expected 1 to 1000`);
  }
  // The API takes a page token or a starting time, not both.
  const timestamp = pageToken === undefined && since !== undefined
    ? Math.floor(since.getTime() / 1000)
    : undefined;
  return await api.get(`${eventPath(id)}/chat/history`, ChatHistoryPageSchema, {
    query: { pageSize, pageToken, timestamp },
    resource: `event ${id}`,
    scope: "chat.read",
    signal,
  });
}

/** Every chat history page from the first (or `since`), following `nextPageToken`. */
export function iterateEventChat(
  api: ApiCore,
  id: string,
  options: ChatHistoryOptions = {},
): AsyncGenerator<ChatHistoryPage, void, undefined> {
  return followPages({
    first: options.pageToken,
    fetchPage: (pageToken) => getEventChatHistory(api, id, { ...options, pageToken }),
    next: (page) => page.nextPageToken || undefined,
    items: (page) => page.messages,
    onWarning: options.onWarning,
  });
}
