/**
 * What an event leaves behind: transcriptions of its recordings, viewer and chat
 * analytics, and its chat history.
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One transcription of a recording. */
export interface Transcription {
  /** Transcription id. */
  id: string | number;
  /** Recording file it transcribes. */
  fileName?: string | null;
  /** `InProgress`, `Completed`, `Failed` or `Unknown`. */
  status?: string | null;
  /** Where to download it once completed (a one-time URL). */
  downloadUrl?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** GET /v2/user/events/{id}/recordings/transcriptions. */
export interface TranscriptionList {
  /** The transcriptions. */
  transcriptions: Transcription[];
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Viewer analytics of an event or of one of its channels. */
export interface ViewerStats {
  /** Mean viewers. */
  mean?: number | null;
  /** Peak viewers. */
  max?: number | null;
  /** Views. */
  viewsTotal?: number | null;
  /** When the peak was. */
  peakTime?: number | string | null;
  /** Time watched. */
  watchedTime?: number | null;
  /** The series, one point a minute. */
  viewersPerMinute?: Array<{ timestamp?: number | string; viewers?: number }> | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** GET /v2/user/events/{id}/analytics/viewers. */
export interface ViewerAnalytics {
  /** Across channels. */
  total: ViewerStats;
  /** By channel id. */
  byChannel?: Record<string, ViewerStats> | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Chat analytics of an event or of one of its channels. */
export interface MessageStats {
  /** Messages. */
  messagesTotal?: number | null;
  /** People who wrote. */
  chattersTotal?: number | null;
  /** The series, one point a minute. */
  messagesPerMinute?: Array<{ timestamp?: number | string; messages?: number }> | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** GET /v2/user/events/{id}/analytics/messages. */
export interface MessageAnalytics {
  /** Across channels. */
  total: MessageStats;
  /** By channel id. */
  byChannel?: Record<string, MessageStats> | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One chat message from an event's history. */
export interface ChatHistoryMessage {
  /** When it was sent (Unix seconds or ISO). */
  timestamp?: number | string | null;
  /** The platform it came from. */
  platform?: unknown;
  /** The channel it was sent to. */
  channelName?: string | null;
  /** Who wrote it: a name, or an object with one. */
  author?: unknown;
  /** The text. */
  text?: string | null;
  /** Platform-specific details. */
  meta?: unknown;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One page of an event's chat history. */
export interface ChatHistoryPage {
  /** Messages of this page. */
  messages: ChatHistoryMessage[];
  /** Token of the next page; null on the last. */
  nextPageToken?: string | null;
  /** Token of the previous page. */
  previousPageToken?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const optionalNumber = v.optional(v.nullable(v.number()));
const optionalString = v.optional(v.nullable(v.string()));
const optionalTime = v.optional(v.nullable(v.union([v.number(), v.string()])));
const series = v.optional(v.nullable(v.array(v.looseObject({}))));

/** Schema of the transcription list; unknown fields are kept. */
export const TranscriptionListSchema: v.GenericSchema<unknown, TranscriptionList> = v
  .looseObject({
    transcriptions: v.array(v.looseObject({
      id: v.union([v.string(), v.number()]),
      fileName: optionalString,
      status: optionalString,
      downloadUrl: optionalString,
    })),
  });

const ViewerStatsSchema = v.looseObject({
  mean: optionalNumber,
  max: optionalNumber,
  viewsTotal: optionalNumber,
  peakTime: optionalTime,
  watchedTime: optionalNumber,
  viewersPerMinute: series,
});

/** Schema of the viewer analytics; unknown fields are kept. */
export const ViewerAnalyticsSchema: v.GenericSchema<unknown, ViewerAnalytics> = v.looseObject({
  total: ViewerStatsSchema,
  byChannel: v.optional(v.nullable(v.record(v.string(), ViewerStatsSchema))),
});

const MessageStatsSchema = v.looseObject({
  messagesTotal: optionalNumber,
  chattersTotal: optionalNumber,
  messagesPerMinute: series,
});

/** Schema of the chat analytics; unknown fields are kept. */
export const MessageAnalyticsSchema: v.GenericSchema<unknown, MessageAnalytics> = v.looseObject({
  total: MessageStatsSchema,
  byChannel: v.optional(v.nullable(v.record(v.string(), MessageStatsSchema))),
});

/** Schema of a chat history page; unknown fields are kept. */
export const ChatHistoryPageSchema: v.GenericSchema<unknown, ChatHistoryPage> = v.looseObject({
  messages: v.array(v.looseObject({
    timestamp: optionalTime,
    channelName: optionalString,
    text: optionalString,
  })),
  nextPageToken: optionalString,
  previousPageToken: optionalString,
});
