/**
 * Events: upcoming, in progress, history (paged), one event, its stream key, and the
 * merged overview of `event list`.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import {
  type ApiTime,
  type EventHistoryPage,
  EventHistoryPageSchema,
  EventListSchema,
  EventSchema,
  type RestreamEvent,
} from "../schemas/event.ts";
import {
  registerStreamKeySecrets,
  type StreamKey,
  StreamKeySchema,
} from "../schemas/stream_key.ts";
import type { ApiCore } from "./core.ts";
import { idSegment } from "../ids.ts";
import { followPages, type PagingOptions } from "./pages.ts";

/** Where an upcoming event streams from: a name, or the API's number (1, 2, 3). */
export type UpcomingEventSource = "studio" | "encoder" | "video" | 1 | 2 | 3;

/** Filters of {@link listUpcomingEvents}. */
export interface UpcomingEventsOptions {
  /** Only events from Studio (1), an encoder (2) or a video (3). */
  source?: UpcomingEventSource;
  /** Only scheduled events. */
  scheduled?: boolean;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Which history page to read. */
export interface EventHistoryOptions extends PagingOptions {
  /** Page number from 1; 1 by default. */
  page?: number;
  /** Events per page, 1–100; 10 by default. */
  limit?: number;
  /** Cancels the requests. */
  signal?: AbortSignal;
}

/** Options of {@link listEvents}. */
export interface ListEventsOptions {
  /** How many of the most recent finished or missed events to include, 1–100; 10 by default. */
  limit?: number;
  /** Cancels the requests. */
  signal?: AbortSignal;
}

const SOURCES: Readonly<Record<string, 1 | 2 | 3>> = { studio: 1, encoder: 2, video: 3 };
const READ = "stream.read";

/** GET /v2/user/events/upcoming. */
export async function listUpcomingEvents(
  api: ApiCore,
  options: UpcomingEventsOptions = {},
): Promise<RestreamEvent[]> {
  const source = sourceNumber(options.source);
  return await api.get("/v2/user/events/upcoming", EventListSchema, {
    query: { source, scheduled: options.scheduled ? true : undefined },
    scope: READ,
    signal: options.signal,
  });
}

function sourceNumber(source: UpcomingEventSource | undefined): number | undefined {
  if (typeof source !== "string") return source;
  if (!Object.hasOwn(SOURCES, source)) {
    throw new RestreamError(
      "usage",
      `invalid source '${source}': expected studio, encoder or video`,
    );
  }
  return SOURCES[source];
}

/** GET /v2/user/events/in-progress. */
export function listInProgressEvents(
  api: ApiCore,
  signal?: AbortSignal,
): Promise<RestreamEvent[]> {
  return api.get("/v2/user/events/in-progress", EventListSchema, { scope: READ, signal });
}

/** GET /v2/user/events/history: one page. */
export function getEventHistory(
  api: ApiCore,
  options: EventHistoryOptions = {},
): Promise<EventHistoryPage> {
  return api.get("/v2/user/events/history", EventHistoryPageSchema, {
    query: { page: options.page ?? 1, limit: options.limit ?? 10 },
    scope: READ,
    signal: options.signal,
  });
}

/**
 * Every history page from `page` on, one request at a time, while the API says there is a
 * next one (`page < pages_total`). Stops at a page without pagination or without items.
 */
export function iterateEventHistory(
  api: ApiCore,
  options: EventHistoryOptions = {},
): AsyncGenerator<EventHistoryPage, void, undefined> {
  return followPages({
    first: options.page ?? 1,
    fetchPage: (page) => getEventHistory(api, { ...options, page }),
    next: (result, page = 1) => {
      const pagination = result.pagination;
      if (!pagination) return undefined;
      const current = Math.max(pagination.page, page);
      return current < pagination.pages_total ? current + 1 : undefined;
    },
    items: (result) => result.items,
    onWarning: options.onWarning,
  });
}

/** The path of one event: the id is checked first (a UUID), so nothing in it changes the path. */
export function eventPath(id: string): string {
  return `/v2/user/events/${idSegment("event id", id)}`;
}

/** GET /v2/user/events/{id}. */
export async function getEvent(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<RestreamEvent> {
  return await api.get(eventPath(id), EventSchema, {
    resource: `event ${id}`,
    scope: READ,
    signal,
  });
}

/** GET /v2/user/events/{id}/streamKey: a secret; the pipeline logs only the URL. */
export async function getEventStreamKey(
  api: ApiCore,
  id: string,
  signal?: AbortSignal,
): Promise<StreamKey> {
  return await api.get(`${eventPath(id)}/streamKey`, StreamKeySchema, {
    resource: `event ${id}`,
    scope: READ,
    signal,
  }).then(registerStreamKeySecrets);
}

/**
 * In-progress, upcoming and the most recent history page, fetched concurrently, merged by
 * {@link mergeEvents}.
 */
export async function listEvents(
  api: ApiCore,
  options: ListEventsOptions = {},
): Promise<RestreamEvent[]> {
  const { limit = 10, signal } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new RestreamError("usage", `invalid limit ${limit}: expected 1 to 100`);
  }
  const [inProgress, upcoming, history] = await Promise.all([
    listInProgressEvents(api, signal),
    listUpcomingEvents(api, { signal }),
    getEventHistory(api, { page: 1, limit, signal }),
  ]);
  return mergeEvents(inProgress, upcoming, history.items);
}

/**
 * The `event list` order: in progress (by start, newest first), then upcoming (by
 * scheduled time, soonest first), then history (newest first); each event once, by id,
 * first occurrence wins. Events without the time they are sorted by go last in their group.
 */
export function mergeEvents(
  inProgress: readonly RestreamEvent[],
  upcoming: readonly RestreamEvent[],
  history: readonly RestreamEvent[],
): RestreamEvent[] {
  const groups = [
    sortBy(inProgress, (e) => e.startedAt ?? e.scheduledFor, "desc"),
    sortBy(upcoming, (e) => e.scheduledFor, "asc"),
    sortBy(history, (e) => e.finishedAt ?? e.startedAt ?? e.scheduledFor, "desc"),
  ];
  const seen = new Set<string>();
  const merged: RestreamEvent[] = [];
  for (const event of groups.flat()) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    merged.push(event);
  }
  return merged;
}

function sortBy(
  events: readonly RestreamEvent[],
  time: (event: RestreamEvent) => ApiTime | undefined,
  order: "asc" | "desc",
): RestreamEvent[] {
  const key = (event: RestreamEvent): number | undefined => toSeconds(time(event));
  return [...events].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) {
      return (ka === undefined ? 1 : 0) - (kb === undefined ? 1 : 0);
    }
    return order === "asc" ? ka - kb : kb - ka;
  });
}

/** Unix seconds of an API time (seconds or an ISO string); undefined when unknown. */
function toSeconds(value: ApiTime | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return value;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
