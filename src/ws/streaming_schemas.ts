/**
 * Messages of the streaming WebSocket (RESTREAM_API.md, "Streaming"). Shapes are "probably":
 * every field is optional and nullable, unknown fields are kept, and only a field of the
 * wrong type makes a message fall back to "unknown".
 *
 * @module
 */

import * as v from "../valibot.ts";

/** Bitrate of the incoming stream, bits per second. */
export interface IncomingBitrate {
  /** Audio and video together. */
  total?: number | null;
  /** Audio. */
  audio?: number | null;
  /** Video. */
  video?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Encoder metrics of the incoming stream. */
export interface IncomingStreaming {
  /** Frames per second. */
  fps?: number | null;
  /** Seconds between keyframes. */
  keyframeInterval?: number | null;
  /** Share of packets lost. */
  lossRate?: number | null;
  /** Bitrates in bits per second. */
  bitrate?: IncomingBitrate | null;
  /** Codec names, e.g. `{audio: "aac", video: "h264"}`. */
  codec?: { audio?: string | null; video?: string | null; [key: string]: unknown } | null;
  /** H.264 profile and level. */
  profileAndLevel?: string | null;
  /** Frame height in pixels. */
  height?: number | null;
  /** Frame width in pixels. */
  width?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** `updateIncoming`: the encoder's stream reaching Restream. */
export interface UpdateIncoming {
  /** Always "updateIncoming". */
  action: "updateIncoming";
  /** Account id. */
  userId?: number | null;
  /** The event being streamed, when there is one. */
  eventId?: string | null;
  /** When the update was made (Unix seconds). */
  createdAt?: number | string | null;
  /** Id of the incoming stream. */
  suid?: string | null;
  /** Encoder metrics. */
  streaming?: IncomingStreaming | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** `deleteIncoming`: the encoder's stream stopped. */
export interface DeleteIncoming {
  /** Always "deleteIncoming". */
  action: "deleteIncoming";
  /** Account id. */
  userId?: number | null;
  /** When (Unix seconds). */
  createdAt?: number | string | null;
  /** Id of the incoming stream. */
  suid?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** State of the stream sent to one destination. */
export interface OutgoingStreaming {
  /** `CONNECTING`, `CONNECTED` or `DISCONNECTED` (others may appear). */
  status?: string | null;
  /** Bits per second. */
  bitrate?: number | null;
  /** Bytes waiting to be sent. */
  bufferedBytes?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** `updateOutgoing`: the stream sent to one channel. */
export interface UpdateOutgoing {
  /** Always "updateOutgoing". */
  action: "updateOutgoing";
  /** Account id. */
  userId?: number | null;
  /** Platform id (see `platforms`). */
  platformId?: number | null;
  /** Channel id. */
  channelId?: number | null;
  /** When (Unix seconds). */
  createdAt?: number | string | null;
  /** The channel on the platform. */
  channelIdentifier?: string | null;
  /** The broadcast on the platform. */
  eventIdentifier?: string | null;
  /** Destination state. */
  streaming?: OutgoingStreaming | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** `deleteOutgoing`: streaming to one channel stopped. */
export interface DeleteOutgoing {
  /** Always "deleteOutgoing". */
  action: "deleteOutgoing";
  /** Account id. */
  userId?: number | null;
  /** Platform id. */
  platformId?: number | null;
  /** Channel id. */
  channelId?: number | null;
  /** When (Unix seconds). */
  createdAt?: number | string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** `updateStatuses`: audience figures of one channel (null = unknown). */
export interface UpdateStatuses {
  /** Always "updateStatuses". */
  action: "updateStatuses";
  /** Account id. */
  userId?: number | null;
  /** Platform id. */
  platformId?: number | null;
  /** Channel id. */
  channelId?: number | null;
  /** When created (Unix seconds). */
  createdAt?: number | string | null;
  /** When updated (Unix seconds). */
  updatedAt?: number | string | null;
  /** The channel on the platform. */
  channelIdentifier?: string | null;
  /** The broadcast on the platform. */
  eventIdentifier?: string | null;
  /** Views of the channel. */
  channelViews?: number | null;
  /** Followers. */
  followers?: number | null;
  /** Game or category. */
  gameTitle?: string | null;
  /** Live on the platform. */
  online?: boolean | null;
  /** Views of the stream. */
  streamViews?: number | null;
  /** Stream title. */
  title?: string | null;
  /** Current viewers. */
  viewers?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

const num = v.optional(v.nullable(v.number()));
const str = v.optional(v.nullable(v.string()));
const time = v.optional(v.nullable(v.union([v.number(), v.string()])));

const IncomingStreamingSchema = v.looseObject({
  fps: num,
  keyframeInterval: num,
  lossRate: num,
  bitrate: v.optional(v.nullable(v.looseObject({ total: num, audio: num, video: num }))),
  codec: v.optional(v.nullable(v.looseObject({ audio: str, video: str }))),
  profileAndLevel: str,
  height: num,
  width: num,
});

/** Schema of `updateIncoming`. */
export const UpdateIncomingSchema: v.GenericSchema<unknown, UpdateIncoming> = v.looseObject({
  action: v.literal("updateIncoming"),
  userId: num,
  eventId: str,
  createdAt: time,
  suid: str,
  streaming: v.optional(v.nullable(IncomingStreamingSchema)),
});

/** Schema of `deleteIncoming`. */
export const DeleteIncomingSchema: v.GenericSchema<unknown, DeleteIncoming> = v.looseObject({
  action: v.literal("deleteIncoming"),
  userId: num,
  createdAt: time,
  suid: str,
});

/** Schema of `updateOutgoing`. */
export const UpdateOutgoingSchema: v.GenericSchema<unknown, UpdateOutgoing> = v.looseObject({
  action: v.literal("updateOutgoing"),
  userId: num,
  platformId: num,
  channelId: num,
  createdAt: time,
  channelIdentifier: str,
  eventIdentifier: str,
  streaming: v.optional(
    v.nullable(v.looseObject({ status: str, bitrate: num, bufferedBytes: num })),
  ),
});

/** Schema of `deleteOutgoing`. */
export const DeleteOutgoingSchema: v.GenericSchema<unknown, DeleteOutgoing> = v.looseObject({
  action: v.literal("deleteOutgoing"),
  userId: num,
  platformId: num,
  channelId: num,
  createdAt: time,
});

/** Schema of `updateStatuses`. */
export const UpdateStatusesSchema: v.GenericSchema<unknown, UpdateStatuses> = v.looseObject({
  action: v.literal("updateStatuses"),
  userId: num,
  platformId: num,
  channelId: num,
  createdAt: time,
  updatedAt: time,
  channelIdentifier: str,
  eventIdentifier: str,
  channelViews: num,
  followers: num,
  gameTitle: str,
  online: v.optional(v.nullable(v.boolean())),
  streamViews: num,
  title: str,
  viewers: num,
});
