/**
 * Channels: list, read, enable/disable, title and description.
 *
 * @module
 */

import {
  type Channel,
  type ChannelMeta,
  ChannelMetaSchema,
  ChannelSchema,
  type ChannelSummary,
  ChannelSummaryListSchema,
  type CreatedChannel,
  CreatedChannelSchema,
} from "../schemas/channel.ts";
import { checkChannelTitle, MAX_TITLE_LENGTH } from "../channel_title.ts";
import { registerSecret } from "../http/mask.ts";
import type { ApiCore } from "./core.ts";
import { idSegment } from "../ids.ts";

export { checkChannelTitle, MAX_TITLE_LENGTH };

/** A change of a channel's title and description (PATCH /v2/user/channel-meta/{id}). */
export interface ChannelMetaUpdate {
  /** New title: not empty, at most {@link MAX_TITLE_LENGTH} characters. */
  title: string;
  /** New description; left unchanged when omitted. */
  description?: string;
}

const READ = "channels.read";
const WRITE = "channels.write";

/** GET /v2/user/channel/all. */
export function listChannels(api: ApiCore, signal?: AbortSignal): Promise<ChannelSummary[]> {
  return api.get("/v2/user/channel/all", ChannelSummaryListSchema, { scope: READ, signal });
}

/** GET /v2/user/channel/{id}, normalised to camelCase. */
export async function getChannel(api: ApiCore, id: number, signal?: AbortSignal): Promise<Channel> {
  return await api.get(`/v2/user/channel/${idSegment("channel id", id)}`, ChannelSchema, {
    resource: `channel ${id}`,
    scope: READ,
    signal,
  });
}

/** PATCH /v2/user/channel/{id} `{active}`; the API answers with an empty body. */
export async function updateChannel(
  api: ApiCore,
  id: number,
  change: { active: boolean },
  signal?: AbortSignal,
): Promise<void> {
  return await api.send("PATCH", `/v2/user/channel/${idSegment("channel id", id)}`, {
    active: change.active,
  }, {
    resource: `channel ${id}`,
    scope: WRITE,
    signal,
  });
}

/** GET /v2/user/channel-meta/{id}. */
export async function getChannelMeta(
  api: ApiCore,
  id: number,
  signal?: AbortSignal,
): Promise<ChannelMeta> {
  return await api.get(`/v2/user/channel-meta/${idSegment("channel id", id)}`, ChannelMetaSchema, {
    resource: `channel ${id}`,
    scope: READ,
    signal,
  });
}

/** PATCH /v2/user/channel-meta/{id}; the title is checked first, nothing sent if bad. */
export async function updateChannelMeta(
  api: ApiCore,
  id: number,
  change: ChannelMetaUpdate,
  signal?: AbortSignal,
): Promise<void> {
  checkChannelTitle(change.title);
  const body = change.description === undefined
    ? { title: change.title }
    : { title: change.title, description: change.description };
  await api.send("PATCH", `/v2/user/channel-meta/${idSegment("channel id", id)}`, body, {
    resource: `channel ${id}`,
    scope: WRITE,
    signal,
  });
}

/** A manual channel to add (POST /v2/user/channels): custom RTMP, SRT and the like. */
export interface NewChannel {
  /** Platform id (see the platform list). */
  platformId: number;
  /** Ingest URL of the destination. */
  streamUrl: string;
  /** Its stream key: a secret, sent in the body only. */
  streamKey: string;
  /** Name shown in Restream. */
  displayName?: string;
  /** RTMP user name, for servers that ask for one. */
  rtmpUsername?: string;
  /** RTMP password: a secret. */
  rtmpPassword?: string;
  /** Instagram user name, for Instagram channels. */
  instagramUsername?: string;
}

/** POST /v2/user/channels: adds a manual channel. */
export function addChannel(
  api: ApiCore,
  channel: NewChannel,
  signal?: AbortSignal,
): Promise<CreatedChannel> {
  registerSecret(channel.streamKey);
  registerSecret(channel.rtmpPassword);
  return api.send(
    "POST",
    "/v2/user/channels",
    channel,
    { scope: WRITE, signal },
    CreatedChannelSchema,
  );
}

/** DELETE /v2/user/channels/{id}: removes a channel (204). */
export async function removeChannel(api: ApiCore, id: number, signal?: AbortSignal): Promise<void> {
  return await api.send("DELETE", `/v2/user/channels/${idSegment("channel id", id)}`, undefined, {
    resource: `channel ${id}`,
    scope: WRITE,
    signal,
  });
}
