/**
 * Events: scheduled, live, finished and missed broadcasts (GET /v2/user/events/…).
 *
 * @module
 */

import * as v from "../valibot.ts";

/** A time the API sends: Unix seconds for events, sometimes an ISO string; null when unset. */
export type ApiTime = number | string | null;

/** Where an event is streamed to. */
export interface EventDestination {
  /** Channel id. */
  channelId?: number | null;
  /** The broadcast's URL on the platform, once known. */
  externalUrl?: string | null;
  /** Platform id. */
  streamingPlatformId?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/**
 * One event. Named RestreamEvent so it does not shadow the DOM's `Event`.
 */
export interface RestreamEvent {
  /** Event id (a UUID). */
  id: string;
  /** `upcoming`, `in-progress`, `finished` or `missed` (new values are kept). */
  status?: string | null;
  /** Title. */
  title?: string | null;
  /** Description. */
  description?: string | null;
  /** Cover image URL. */
  coverUrl?: string | null;
  /** Recorded only, not streamed. */
  isRecordOnly?: boolean | null;
  /** Scheduled start, Unix seconds. */
  scheduledFor?: ApiTime;
  /** Actual start, Unix seconds. */
  startedAt?: ApiTime;
  /** End, Unix seconds. */
  finishedAt?: ApiTime;
  /** Destinations. */
  destinations?: EventDestination[] | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Paging of the event history; the API's snake_case names are kept. */
export interface EventPagination {
  /** Number of pages. */
  pages_total: number;
  /** This page, from 1. */
  page: number;
  /** Events per page. */
  limit?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One page of the event history. */
export interface EventHistoryPage {
  /** Finished and missed events, newest first. */
  items: RestreamEvent[];
  /** Where this page is; missing means there is no next page. */
  pagination?: EventPagination | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const optionalString = v.optional(v.nullable(v.string()));
const optionalNumber = v.optional(v.nullable(v.number()));
const optionalTime = v.optional(v.nullable(v.union([v.number(), v.string()])));

const DestinationSchema = v.looseObject({
  channelId: optionalNumber,
  externalUrl: optionalString,
  streamingPlatformId: optionalNumber,
});

/** Schema of one event; unknown fields are kept. */
export const EventSchema: v.GenericSchema<unknown, RestreamEvent> = v.looseObject({
  id: v.string(),
  status: optionalString,
  title: optionalString,
  description: optionalString,
  coverUrl: optionalString,
  isRecordOnly: v.optional(v.nullable(v.boolean())),
  scheduledFor: optionalTime,
  startedAt: optionalTime,
  finishedAt: optionalTime,
  destinations: v.optional(v.nullable(v.array(DestinationSchema))),
});

/** Schema of an event list. */
export const EventListSchema: v.GenericSchema<unknown, RestreamEvent[]> = v.array(EventSchema);

/** Schema of one event history page; unknown fields are kept. */
export const EventHistoryPageSchema: v.GenericSchema<unknown, EventHistoryPage> = v.looseObject({
  items: EventListSchema,
  pagination: v.optional(v.nullable(v.looseObject({
    pages_total: v.number(),
    page: v.number(),
    limit: optionalNumber,
  }))),
});

/** The answer to a POST that creates something: its id. */
export interface Created {
  /** The new resource's id. */
  id: string | number;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of a creation answer (`{id}`); unknown fields are kept. */
export const CreatedSchema: v.GenericSchema<unknown, Created> = v.looseObject({
  id: v.union([v.string(), v.number()]),
});
