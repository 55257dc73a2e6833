/**
 * REST routes of events: the three lists (upcoming with `source` and `scheduled` filters,
 * in progress, paged history), one event, stream keys (SRT only on some plans: 403
 * otherwise), creating events and adding destinations.
 *
 * @module
 */

import { stableUuid } from "./ids.ts";
import { EVENT_DATA_ROUTES } from "./rest_event_data.ts";
import {
  findEvent,
  intParam,
  readJson,
  type RestContext,
  type RestRoute,
  withEvent,
} from "./rest_helpers.ts";
import { badRequest, envelope, json, notFound } from "./respond.ts";
import { MANUAL_PLATFORM_IDS } from "./seed.ts";
import type { MockEventRecord } from "./seed_events.ts";

function events(ctx: RestContext, status: string): MockEventRecord[] {
  return ctx.state.data.events.filter((r) => r.event.status === status);
}

function upcoming(ctx: RestContext): Response {
  const source = ctx.url.searchParams.get("source");
  if (source !== null && !["1", "2", "3"].includes(source)) {
    return badRequest('"source" must be 1 (studio), 2 (encoder) or 3 (video)');
  }
  const scheduledOnly = ctx.url.searchParams.get("scheduled") === "true";
  const list = events(ctx, "upcoming")
    .filter((r) => source === null || r.source === Number(source))
    .filter((r) => !scheduledOnly || r.event.scheduledFor !== null)
    .map((r) => r.event)
    .sort((a, b) => (a.scheduledFor ?? Infinity) - (b.scheduledFor ?? Infinity));
  return json(200, list);
}

function history(ctx: RestContext): Response {
  const page = intParam(ctx.url, "page", 1, 1, Number.MAX_SAFE_INTEGER);
  if (page instanceof Response) return page;
  const limit = intParam(ctx.url, "limit", 10, 1, 100);
  if (limit instanceof Response) return limit;
  const all = [...events(ctx, "finished"), ...events(ctx, "missed")]
    .map((r) => r.event)
    .sort((a, b) => (b.startedAt ?? b.scheduledFor ?? 0) - (a.startedAt ?? a.scheduledFor ?? 0));
  return json(200, {
    items: all.slice((page - 1) * limit, page * limit),
    pagination: { pages_total: Math.ceil(all.length / limit), page, limit },
  });
}

async function createEvent(ctx: RestContext): Promise<Response> {
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  const { streamType, title, description, scheduledFor } = body;
  if (streamType !== "studio" && streamType !== "encoder") {
    return badRequest('"streamType" must be "studio" or "encoder"');
  }
  let scheduled: number | null = null;
  if (scheduledFor !== undefined && scheduledFor !== null) {
    const ms = typeof scheduledFor === "string" ? Date.parse(scheduledFor) : NaN;
    if (Number.isNaN(ms)) return badRequest('"scheduledFor" must be an ISO-8601 date-time');
    scheduled = Math.floor(ms / 1000);
  }
  const data = ctx.state.data;
  const id = stableUuid(`created-${data.events.length}-${ctx.state.now()}`);
  data.events.push({
    event: {
      id,
      status: "upcoming",
      title: typeof title === "string" && title !== "" ? title : "Untitled event",
      description: typeof description === "string" ? description : "",
      coverUrl: null,
      isRecordOnly: false,
      scheduledFor: scheduled,
      startedAt: null,
      finishedAt: null,
      destinations: [],
    },
    source: streamType === "studio" ? 1 : 2,
    streamKey: {
      streamKey: `re_${data.profile.id}_${id.replace(/-/g, "").slice(0, 20)}`,
      srtUrl: null,
    },
    srt: null,
    chat: [],
    recordings: { primaryVideos: [], secondaryVideos: [], audio: [] },
    transcriptions: [],
    analytics: { viewers: false, messages: false },
  });
  return json(201, { id });
}

async function addDestination(ctx: RestContext): Promise<Response> {
  const record = findEvent(ctx);
  if (record instanceof Response) return record;
  const body = await readJson(ctx.req);
  if (body instanceof Response) return body;
  const { channelId, streamingOrientation } = body;
  const channel = ctx.state.data.channels.find((c) => c.id === channelId);
  if (!channel) return notFound("ChannelNotFound", "channel_not_found");
  if (!MANUAL_PLATFORM_IDS.has(channel.streamingPlatformId)) {
    return badRequest("Only channels of manual platforms (Custom RTMP, Steam, …) can be added");
  }
  if (
    streamingOrientation !== undefined && streamingOrientation !== "horizontal" &&
    streamingOrientation !== "vertical"
  ) {
    return badRequest('"streamingOrientation" must be "horizontal" or "vertical"');
  }
  if (record.event.status === "finished" || record.event.status === "missed") {
    return badRequest(`The event is ${record.event.status}`);
  }
  if (record.event.destinations.some((d) => d.channelId === channel.id)) {
    return badRequest("The channel is already a destination of this event");
  }
  record.event.destinations.push({
    channelId: channel.id,
    externalUrl: null,
    streamingPlatformId: channel.streamingPlatformId,
  });
  return json(201, { id: stableUuid(`destination-${record.event.id}-${channel.id}`) });
}

/** The event routes (the specific paths come before `/user/events/:id`). */
export const EVENT_ROUTES: RestRoute[] = [
  { method: "GET", path: "/user/events/upcoming", scope: "stream.read", handle: upcoming },
  {
    method: "GET",
    path: "/user/events/in-progress",
    scope: "stream.read",
    handle: (ctx) =>
      json(
        200,
        events(ctx, "in-progress").map((r) => r.event).sort((a, b) =>
          (b.startedAt ?? 0) - (a.startedAt ?? 0)
        ),
      ),
  },
  { method: "GET", path: "/user/events/history", scope: "stream.read", handle: history },
  { method: "POST", path: "/user/events/new", scope: "stream.write", handle: createEvent },
  {
    method: "GET",
    path: "/user/events/:id",
    scope: "stream.read",
    handle: withEvent((r) => json(200, r.event)),
  },
  {
    method: "GET",
    path: "/user/events/:id/streamKey",
    scope: "stream.read",
    handle: withEvent((r) => json(200, r.streamKey)),
  },
  {
    method: "GET",
    path: "/user/events/:id/srt/streamKey",
    scope: "stream.read",
    handle: withEvent((r) =>
      r.srt ? json(200, r.srt) : envelope(
        403,
        "SRT ingest is available on Business and Enterprise plans only",
        "plan_restriction",
      )
    ),
  },
  {
    method: "POST",
    path: "/user/events/:id/destinations",
    scope: "stream.write",
    handle: addDestination,
  },
  ...EVENT_DATA_ROUTES,
];
