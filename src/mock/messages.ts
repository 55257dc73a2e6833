/**
 * Generated WebSocket messages, shaped as RESTREAM_API.md describes them: chat
 * `connection_info`, `heartbeat` and `event` messages from several platforms (Twitch text
 * with emote `replaces`, YouTube text and Super Chat, Facebook, Kick), and streaming
 * `updateIncoming` / `updateOutgoing` / `updateStatuses` updates for the live event.
 *
 * @module
 */

import { stableUuid } from "./ids.ts";
import type { MockChannel, MockData } from "./seed.ts";

/** Chat event source per streaming platform id (Twitch, YouTube, Facebook page, Kick). */
const CHAT_SOURCES: Readonly<Record<number, { sourceId: number; slug: string }>> = {
  1: { sourceId: 2, slug: "twitch" },
  5: { sourceId: 13, slug: "youtube" },
  37: { sourceId: 20, slug: "facebook_page" },
  96: { sourceId: 29, slug: "kick" },
};

function seconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

function connectionIdentifier(channel: MockChannel): string {
  return `${channel.userId}-${
    CHAT_SOURCES[channel.streamingPlatformId].slug
  }-${channel.identifier}`;
}

function chatChannels(data: MockData): MockChannel[] {
  return data.channels.filter((c) => c.streamingPlatformId in CHAT_SOURCES);
}

/** A heartbeat. */
export function heartbeat(nowMs: number): unknown {
  return { action: "heartbeat", payload: {}, timestamp: seconds(nowMs) };
}

/** One `connection_info` per channel that has a chat; disabled channels report an error. */
export function connectionInfos(data: MockData, nowMs: number): unknown[] {
  return chatChannels(data).map((channel) => {
    const source = CHAT_SOURCES[channel.streamingPlatformId];
    const owner = {
      id: channel.identifier,
      name: channel.identifier,
      displayName: channel.displayName,
    };
    const target = source.slug === "youtube"
      ? {
        websiteChannelId: channel.identifier,
        event: { id: channel.eventIdentifier, title: channel.meta.title },
      }
      : source.slug === "facebook_page"
      ? { owner, post: { id: `${channel.identifier}_8812` } }
      : { owner };
    return {
      action: "connection_info",
      payload: {
        connectionIdentifier: connectionIdentifier(channel),
        connectionUuid: stableUuid(`connection-${channel.id}`),
        eventSourceId: source.sourceId,
        status: channel.enabled ? "connected" : "error",
        reason: channel.enabled ? null : "channel_disabled",
        target,
        userId: channel.userId,
      },
      timestamp: seconds(nowMs),
    };
  });
}

interface ChatTemplate {
  platformId: number;
  eventTypeId: number;
  author: Record<string, unknown>;
  payload: Record<string, unknown>;
}

const TEMPLATES: readonly ChatTemplate[] = [
  {
    platformId: 1,
    eventTypeId: 4,
    author: {
      id: "71092938",
      name: "speedy_sam",
      displayName: "speedy_sam",
      avatar: null,
      color: "#FF4500",
      badges: { subscriber: "12" },
    },
    payload: {
      text: "Kappa that skip was clean PogChamp",
      replaces: [
        {
          type: "emoticon",
          from: 0,
          to: 4,
          payload: { url: "https://static-cdn.jtvnw.net/emoticons/v2/25/default/dark/1.0" },
        },
        {
          type: "emoticon",
          from: 26,
          to: 33,
          payload: { url: "https://static-cdn.jtvnw.net/emoticons/v2/305954156/default/dark/1.0" },
        },
      ],
      contentModifiers: { whisper: false },
    },
  },
  {
    platformId: 5,
    eventTypeId: 5,
    author: {
      id: "UCx9c1bX",
      name: "Ana María",
      displayName: "Ana María",
      avatar: "https://yt3.example.com/ana.jpg",
      isChatModerator: false,
    },
    payload: { text: "hola desde Madrid 👋" },
  },
  {
    platformId: 37,
    eventTypeId: 13,
    author: { id: "10223344556677", name: "Jonas Berg", displayName: "Jonas Berg", avatar: null },
    payload: { text: "Great stream, sharing with my friends!", parent: null },
  },
  {
    platformId: 5,
    eventTypeId: 7,
    author: {
      id: "UCq2w3e4",
      name: "北川 ゆき",
      displayName: "北川 ゆき",
      avatar: "https://yt3.example.com/yuki.jpg",
    },
    payload: {
      text: "Thanks for the tips!",
      donation: { amount: 5, currencyString: "$5.00", tier: 2 },
    },
  },
  {
    platformId: 96,
    eventTypeId: 24,
    author: {
      id: "889900",
      name: "night_owl_42",
      displayName: "night_owl_42",
      avatar: null,
      badges: [{ type: "og" }],
    },
    payload: { text: "Kick chat checking in 🦉" },
  },
  {
    platformId: 1,
    eventTypeId: 4,
    author: {
      id: "55667788",
      name: "devdana",
      displayName: "DevDana",
      avatar: null,
      color: null,
      badges: {},
    },
    payload: { text: "@gamenight_live what split are you on?", replaces: [] },
  },
];

/** The n-th generated chat `event`, cycling through platforms; null when no channel fits. */
export function chatEvent(data: MockData, n: number, nowMs: number): unknown | null {
  const template = TEMPLATES[n % TEMPLATES.length];
  const channel = data.channels.find((c) => c.streamingPlatformId === template.platformId);
  if (!channel) return null;
  return {
    action: "event",
    payload: {
      connectionIdentifier: connectionIdentifier(channel),
      eventIdentifier: `${CHAT_SOURCES[template.platformId].slug}-${n}-${nowMs.toString(36)}`,
      eventSourceId: CHAT_SOURCES[template.platformId].sourceId,
      eventTypeId: template.eventTypeId,
      userId: channel.userId,
      eventPayload: { author: template.author, bot: false, ...template.payload },
    },
    timestamp: seconds(nowMs),
  };
}

function liveEvent(data: MockData): MockData["events"][number] | undefined {
  return data.events.find((r) => r.event.status === "in-progress");
}

function outgoing(data: MockData, channel: MockChannel, n: number, nowMs: number): unknown {
  return {
    action: "updateOutgoing",
    userId: channel.userId,
    platformId: channel.streamingPlatformId,
    channelId: channel.id,
    createdAt: liveEvent(data)?.event.startedAt ?? seconds(nowMs),
    channelIdentifier: channel.identifier,
    eventIdentifier: channel.eventIdentifier,
    streaming: {
      status: "CONNECTED",
      bitrate: 6_000_000 + Math.round(150_000 * Math.sin(n + channel.id)),
      bufferedBytes: 4096 * ((n + channel.id) % 5),
    },
  };
}

/** The n-th batch of live streaming updates for the in-progress event. */
export function streamingUpdates(data: MockData, n: number, nowMs: number): unknown[] {
  const live = liveEvent(data);
  const createdAt = live?.event.startedAt ?? seconds(nowMs);
  const video = 5_800_000 + Math.round(200_000 * Math.sin(n / 3));
  const updates: unknown[] = [{
    action: "updateIncoming",
    userId: data.profile.id,
    eventId: live?.event.id ?? null,
    createdAt,
    suid: stableUuid(`suid-${createdAt}`),
    streaming: {
      fps: n % 7 === 6 ? 59.94 : 60,
      keyframeInterval: 2,
      lossRate: n % 5 === 4 ? 0.01 : 0,
      bitrate: { total: video + 160_000, audio: 160_000, video },
      codec: { audio: "aac", video: "h264" },
      profileAndLevel: "high/4.2",
      height: 1080,
      width: 1920,
    },
  }];
  const destinations = (live?.event.destinations ?? [])
    .map((d) => data.channels.find((c) => c.id === d.channelId && c.enabled))
    .filter((c): c is MockChannel => c !== undefined);
  for (const channel of destinations) updates.push(outgoing(data, channel, n, nowMs));
  if (n % 3 === 0 && destinations.length > 0) {
    const channel = destinations[(n / 3) % destinations.length];
    updates.push({
      action: "updateStatuses",
      userId: channel.userId,
      platformId: channel.streamingPlatformId,
      channelId: channel.id,
      createdAt,
      updatedAt: seconds(nowMs),
      channelIdentifier: channel.identifier,
      eventIdentifier: channel.eventIdentifier,
      channelViews: 18_204 + n,
      followers: channel.streamingPlatformId === 5 ? null : 3_120 + Math.floor(n / 10),
      gameTitle: channel.streamingPlatformId === 1 ? "Celeste" : null,
      online: true,
      streamViews: 930 + 4 * n,
      title: channel.meta.title,
      viewers: 120 + (n % 17),
    });
  }
  return updates;
}

/**
 * The updates a fresh server remembers, so a first connection replays something: one
 * `updateIncoming`, two `updateOutgoing` and one `updateStatuses`.
 */
export function seedStreamingUpdates(data: MockData, nowMs: number): unknown[] {
  const [incoming, ...rest] = streamingUpdates(data, 0, nowMs);
  const outgoingUpdates = rest.filter((u) => (u as { action: string }).action === "updateOutgoing")
    .slice(0, 2);
  const statuses = rest.filter((u) => (u as { action: string }).action === "updateStatuses").slice(
    0,
    1,
  );
  return [incoming, ...outgoingUpdates, ...statuses];
}
