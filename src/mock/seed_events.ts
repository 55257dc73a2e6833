/**
 * The seed's events: one in progress, upcoming ones from each source (one unscheduled),
 * and a history of finished and missed events long enough for several pages, each with its
 * stream key, SRT access, chat history, recordings, transcriptions and analytics.
 * Event times are Unix seconds (RESTREAM_API.md); recordings use ISO strings.
 *
 * @module
 */

import { stableUuid } from "./ids.ts";
import type { MockChannel } from "./seed.ts";

/** An event as the API sends it. */
export interface MockEvent {
  id: string;
  status: "upcoming" | "in-progress" | "finished" | "missed";
  title: string;
  description: string;
  coverUrl: string | null;
  isRecordOnly: boolean;
  scheduledFor: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  destinations: Array<
    { channelId: number; externalUrl: string | null; streamingPlatformId: number }
  >;
  [key: string]: unknown;
}

/** A message of `/user/events/{id}/chat/history`. */
export interface MockChatHistoryMessage {
  timestamp: number;
  platform: string;
  channelName: string;
  author: string;
  text: string;
  meta: Record<string, unknown>;
}

/** A recording file. */
export interface MockRecordingFile {
  fileName: string;
  expiresAt: string;
}

/** Everything the mock knows about one event. */
export interface MockEventRecord {
  event: MockEvent;
  /** 1 Studio, 2 Encoder, 3 Video (`/user/events/upcoming?source=`). */
  source: 1 | 2 | 3;
  streamKey: { streamKey: string; srtUrl: string | null };
  /** SRT credentials; null when the plan does not include SRT (403). */
  srt: { streamId: string; passPhrase: string; url: string } | null;
  chat: MockChatHistoryMessage[];
  recordings: {
    primaryVideos: MockRecordingFile[];
    secondaryVideos: MockRecordingFile[];
    audio: MockRecordingFile[];
  };
  transcriptions: Array<
    { id: string; fileName: string; status: "InProgress" | "Completed" | "Failed" | "Unknown" }
  >;
  /** Which analytics exist (404 otherwise). */
  analytics: { viewers: boolean; messages: boolean };
}

/** Ids of notable seed events, for tests. */
export const SEED_EVENT_IDS = {
  inProgress: stableUuid("event-live"),
  upcomingStudio: stableUuid("event-upcoming-studio"),
  upcomingEncoder: stableUuid("event-upcoming-encoder"),
  upcomingVideo: stableUuid("event-upcoming-video"),
  /** The newest finished event: chat history, recordings, transcriptions. */
  latestFinished: stableUuid("event-history-0"),
  /** A finished event without message analytics (404). */
  withoutMessageAnalytics: stableUuid("event-history-1"),
} as const;

/** Number of finished and missed events in the history. */
export const SEED_HISTORY_SIZE = 27;

const AUTHORS = ["speedy_sam", "Ana María", "北川 ゆき", "night_owl_42", "Jonas 🦊", "DevDana"];
const LINES = [
  "hello from Berlin!",
  "that skip was clean Kappa",
  "first time here, love the stream",
  "GG 🎉",
  "what split are you on?",
  "can you show the route again?",
];

function destinations(
  channels: MockChannel[],
  indexes: number[],
  finished: boolean,
  n: number,
): MockEvent["destinations"] {
  return indexes.map((i) => {
    const c = channels[i];
    let externalUrl: string | null = null;
    if (finished && c.streamingPlatformId === 1) {
      externalUrl = `https://twitch.tv/videos/19${n}8342${n}`;
    }
    if (finished && c.streamingPlatformId === 5) {
      externalUrl = `https://youtube.com/watch?v=mockVid${n}x`;
    }
    return { channelId: c.id, externalUrl, streamingPlatformId: c.streamingPlatformId };
  });
}

function chat(start: number, count: number, channels: MockChannel[]): MockChatHistoryMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const platform = ["twitch", "youtube", "kick"][i % 3];
    const channel = channels[[0, 1, 4][i % 3]];
    const superChat = platform === "youtube" && i % 9 === 4;
    return {
      timestamp: start + 20 * i,
      platform,
      channelName: channel.displayName,
      author: AUTHORS[i % AUTHORS.length],
      text: LINES[i % LINES.length],
      meta: superChat ? { donation: { amount: 5, currencyString: "$5.00", tier: 2 } } : {},
    };
  });
}

function isoIn(nowSeconds: number, days: number): string {
  return new Date((nowSeconds + days * 86400) * 1000).toISOString();
}

function key(name: string, srt: boolean): MockEventRecord["streamKey"] {
  const streamKey = `re_4815162_${stableUuid(`key-${name}`).replace(/-/g, "").slice(0, 20)}`;
  return {
    streamKey,
    srtUrl: srt
      ? `srt://live.restream.io:2010?streamid=4815162:${streamKey}&passphrase=mockpass-${name}`
      : null,
  };
}

function srtFor(name: string): MockEventRecord["srt"] {
  return {
    streamId: `4815162:${name}`,
    passPhrase: `mockpass-${name}`,
    url: "srt://live.restream.io:2010",
  };
}

const NO_RECORDINGS = (): MockEventRecord["recordings"] => ({
  primaryVideos: [],
  secondaryVideos: [],
  audio: [],
});

function live(now: number, channels: MockChannel[]): MockEventRecord {
  const started = now - 45 * 60;
  return {
    event: {
      id: SEED_EVENT_IDS.inProgress,
      status: "in-progress",
      title: "Speedrun Friday #42 🏁",
      description: "Any% attempts with chat picks",
      coverUrl: "https://cdn.example.com/covers/speedrun-42.jpg",
      isRecordOnly: false,
      scheduledFor: started - 120,
      startedAt: started,
      finishedAt: null,
      destinations: destinations(channels, [0, 1, 4], false, 42),
      showId: stableUuid("show-speedrun"),
      isInstant: false,
    },
    source: 2,
    streamKey: key("live", true),
    srt: srtFor("live"),
    chat: chat(started, 12, channels),
    recordings: NO_RECORDINGS(),
    transcriptions: [],
    analytics: { viewers: true, messages: true },
  };
}

function upcoming(now: number, channels: MockChannel[]): MockEventRecord[] {
  const base = (
    id: string,
    title: string,
    scheduledFor: number | null,
    indexes: number[],
  ): MockEvent => ({
    id,
    status: "upcoming",
    title,
    description: "",
    coverUrl: null,
    isRecordOnly: false,
    scheduledFor,
    startedAt: null,
    finishedAt: null,
    destinations: destinations(channels, indexes, false, 0),
  });
  const rest = {
    chat: [],
    recordings: NO_RECORDINGS(),
    transcriptions: [],
    analytics: { viewers: false, messages: false },
  };
  return [
    {
      event: {
        ...base(SEED_EVENT_IDS.upcomingStudio, "Weekly Q&A in Studio", now + 86400, [0, 1]),
        description: "Ask me anything",
      },
      source: 1,
      streamKey: key("studio", false),
      srt: null,
      ...rest,
    },
    {
      event: {
        ...base(SEED_EVENT_IDS.upcomingEncoder, "Hardware review (encoder)", now + 3 * 86400, [
          1,
          3,
        ]),
        showId: null,
      },
      source: 2,
      streamKey: key("encoder", true),
      srt: srtFor("encoder"),
      ...rest,
    },
    {
      event: {
        ...base(SEED_EVENT_IDS.upcomingVideo, "Pre-recorded trailer", null, [1]),
        isInstant: true,
      },
      source: 3,
      streamKey: key("video", false),
      srt: null,
      ...rest,
    },
  ];
}

function history(now: number, channels: MockChannel[]): MockEventRecord[] {
  const destinationSets = [[0, 1], [1], [0, 1, 4], [0], [1, 3]];
  return Array.from({ length: SEED_HISTORY_SIZE }, (_, i) => {
    const missed = i % 5 === 3;
    const scheduledFor = now - (i + 1) * 86400 - 2 * 3600;
    const startedAt = missed ? null : scheduledFor + 90;
    const event: MockEvent = {
      id: stableUuid(`event-history-${i}`),
      status: missed ? "missed" : "finished",
      title: missed ? `Cancelled session #${41 - i}` : `Speedrun Friday #${41 - i}`,
      description: i % 2 === 0 ? "Any% attempts" : "",
      coverUrl: i % 4 === 0 ? `https://cdn.example.com/covers/speedrun-${41 - i}.jpg` : null,
      isRecordOnly: i === 6,
      scheduledFor,
      startedAt,
      finishedAt: startedAt === null ? null : startedAt + 5400 + 60 * i,
      destinations: destinations(channels, destinationSets[i % destinationSets.length], !missed, i),
      ...(i % 6 === 2 ? { showId: stableUuid(`show-${i}`), isInstant: false } : {}),
    };
    const recordings = NO_RECORDINGS();
    if (!missed && i < 5) {
      recordings.primaryVideos.push({
        fileName: `speedrun-${41 - i}.mp4`,
        expiresAt: isoIn(now, 30 - i),
      });
    }
    if (i === 0) {
      recordings.secondaryVideos.push({
        fileName: `speedrun-41_vertical.mp4`,
        expiresAt: isoIn(now, 30),
      });
      recordings.audio.push({
        fileName: `speedrun-41_audio.m4a`,
        expiresAt: isoIn(now, 30),
      });
    }
    return {
      event,
      source: (i % 3 === 0 ? 1 : 2) as 1 | 2,
      streamKey: key(`history-${i}`, false),
      srt: null,
      chat: i === 0 ? chat(startedAt!, 30, channels) : [],
      recordings,
      transcriptions: i === 0
        ? [
          { id: stableUuid("tr-0"), fileName: `speedrun-41.vtt`, status: "Completed" },
          {
            id: stableUuid("tr-1"),
            fileName: `speedrun-41_vertical.vtt`,
            status: "InProgress",
          },
          { id: stableUuid("tr-2"), fileName: `speedrun-41_audio.vtt`, status: "Failed" },
        ]
        : [],
      analytics: { viewers: !missed, messages: !missed && i !== 1 },
    };
  });
}

/** The seed's events: in progress, upcoming, then history newest first. */
export function seedEvents(nowSeconds: number, channels: MockChannel[]): MockEventRecord[] {
  return [
    live(nowSeconds, channels),
    ...upcoming(nowSeconds, channels),
    ...history(nowSeconds, channels),
  ];
}
