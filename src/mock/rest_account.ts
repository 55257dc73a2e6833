/**
 * REST routes of the account: platforms, servers, profile, ingest, stream key, web chat,
 * channels (list shape with `enabled`, single channel in the snake_case shape) and channel
 * meta. PATCHes change what later GETs return.
 *
 * @module
 */

import { readJson, type RestContext, type RestRoute } from "./rest_helpers.ts";
import { badRequest, empty, json, notFound } from "./respond.ts";
import { MANUAL_PLATFORM_IDS, type MockChannel } from "./seed.ts";

/** Longest channel title `PATCH /user/channel-meta/{id}` accepts (Twitch's limit). */
export const CHANNEL_TITLE_MAX_LENGTH = 140;
/** Longest channel description it accepts. */
export const CHANNEL_DESCRIPTION_MAX_LENGTH = 5000;

function findChannel(ctx: RestContext): MockChannel | Response {
  const id = Number(ctx.params.id);
  const channel = /^\d+$/.test(ctx.params.id)
    ? ctx.state.data.channels.find((c) => c.id === id)
    : undefined;
  return channel ?? notFound("ChannelNotFound", "channel_not_found");
}

function listShape(c: MockChannel): Record<string, unknown> {
  return {
    id: c.id,
    streamingPlatformId: c.streamingPlatformId,
    embedUrl: c.embedUrl,
    url: c.url,
    identifier: c.identifier,
    displayName: c.displayName,
    enabled: c.enabled,
    ...c.extra,
  };
}

/** The single-channel answer, in the snake_case shape seen from the live API. */
function snakeShape(c: MockChannel): Record<string, unknown> {
  return {
    id: c.id,
    user_id: c.userId,
    service_id: c.streamingPlatformId,
    channel_identifier: c.identifier,
    channel_url: c.url,
    event_identifier: c.eventIdentifier,
    event_url: c.eventUrl,
    embed: c.embedUrl,
    active: c.enabled,
    display_name: c.displayName,
  };
}

async function patchChannel(ctx: RestContext): Promise<Response> {
  const channel = findChannel(ctx);
  if (channel instanceof Response) return channel;
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  if (typeof body.active !== "boolean") return badRequest('"active" must be a boolean');
  channel.enabled = body.active;
  return empty(200);
}

async function patchMeta(ctx: RestContext): Promise<Response> {
  const channel = findChannel(ctx);
  if (channel instanceof Response) return channel;
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  const { title, description } = body;
  if (typeof title !== "string" || title.trim() === "") return badRequest('"title" is required');
  if (title.length > CHANNEL_TITLE_MAX_LENGTH) {
    return badRequest(`"title" must be at most ${CHANNEL_TITLE_MAX_LENGTH} characters`);
  }
  if (description !== undefined && typeof description !== "string") {
    return badRequest('"description" must be a string');
  }
  if (typeof description === "string" && description.length > CHANNEL_DESCRIPTION_MAX_LENGTH) {
    return badRequest(`"description" must be at most ${CHANNEL_DESCRIPTION_MAX_LENGTH} characters`);
  }
  // A PATCH: a description left out keeps the one set before.
  channel.meta = { ...channel.meta, title };
  if (typeof description === "string") channel.meta.description = description;
  return empty(200);
}

async function addChannel(ctx: RestContext): Promise<Response> {
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  const { platformId, streamUrl, streamKey, displayName } = body;
  if (typeof platformId !== "number" || !MANUAL_PLATFORM_IDS.has(platformId)) {
    return badRequest('"platformId" must be a platform whose channels are added by hand');
  }
  if (typeof streamUrl !== "string" || streamUrl === "") {
    return badRequest('"streamUrl" is required');
  }
  if (typeof streamKey !== "string" || streamKey === "") {
    return badRequest('"streamKey" is required');
  }
  const data = ctx.state.data;
  const name = typeof displayName === "string" && displayName !== "" ? displayName : streamUrl;
  const channel: MockChannel = {
    id: data.nextChannelId++,
    userId: data.profile.id,
    streamingPlatformId: platformId,
    identifier: streamUrl,
    displayName: name,
    url: "",
    embedUrl: null,
    enabled: true,
    eventIdentifier: null,
    eventUrl: null,
    meta: { title: name },
    extra: {},
  };
  data.channels.push(channel);
  return json(201, { id: channel.id, platformId, channelUrl: channel.url, displayName: name });
}

function deleteChannel(ctx: RestContext): Response {
  const channel = findChannel(ctx);
  if (channel instanceof Response) return channel;
  const data = ctx.state.data;
  data.channels = data.channels.filter((c) => c !== channel);
  return empty(204);
}

/** The account routes. */
export const ACCOUNT_ROUTES: RestRoute[] = [
  {
    method: "GET",
    path: "/platform/all",
    scope: null,
    handle: (ctx) => json(200, ctx.state.data.platforms),
  },
  {
    method: "GET",
    path: "/server/all",
    scope: null,
    handle: (ctx) => json(200, ctx.state.data.servers),
  },
  {
    method: "GET",
    path: "/user/profile",
    scope: "profile.read",
    handle: (ctx) => json(200, ctx.state.data.profile),
  },
  {
    method: "GET",
    path: "/user/ingest",
    scope: "channels.read",
    handle: (ctx) => json(200, { ingestId: ctx.state.data.ingestId }),
  },
  {
    method: "GET",
    path: "/user/streamKey",
    scope: "stream.read",
    handle: (ctx) => json(200, ctx.state.data.streamKey),
  },
  {
    method: "GET",
    path: "/user/webchat/url",
    scope: "chat.read",
    handle: (ctx) => json(200, { webchatUrl: ctx.state.data.webchatUrl }),
  },
  {
    method: "GET",
    path: "/user/channel/all",
    scope: "channels.read",
    handle: (ctx) => json(200, ctx.state.data.channels.map(listShape)),
  },
  {
    method: "GET",
    path: "/user/channel/:id",
    scope: "channels.read",
    handle: (ctx) => {
      const channel = findChannel(ctx);
      return channel instanceof Response ? channel : json(200, snakeShape(channel));
    },
  },
  { method: "PATCH", path: "/user/channel/:id", scope: "channels.write", handle: patchChannel },
  {
    method: "GET",
    path: "/user/channel-meta/:id",
    scope: "channels.read",
    handle: (ctx) => {
      const channel = findChannel(ctx);
      return channel instanceof Response ? channel : json(200, channel.meta);
    },
  },
  { method: "PATCH", path: "/user/channel-meta/:id", scope: "channels.write", handle: patchMeta },
  { method: "POST", path: "/user/channels", scope: "channels.write", handle: addChannel },
  { method: "DELETE", path: "/user/channels/:id", scope: "channels.write", handle: deleteChannel },
];
