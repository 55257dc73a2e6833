/**
 * The mock's starting data: an account with platforms, servers, channels, storage files and
 * clip projects (events are in seed_events.ts). Realistic and varied on purpose: an emoji
 * in a name, a disabled channel, unknown extra fields, strings where the API sends strings.
 * {@link createSeed} builds a fresh, mutable copy; the REST routes change it in place.
 *
 * @module
 */

import { stableUuid } from "./ids.ts";
import { type MockEventRecord, seedEvents } from "./seed_events.ts";

/** A channel as the mock keeps it; the routes render the list and the snake_case shapes. */
export interface MockChannel {
  id: number;
  userId: number;
  streamingPlatformId: number;
  identifier: string;
  displayName: string;
  url: string;
  embedUrl: string | null;
  enabled: boolean;
  eventIdentifier: string | null;
  eventUrl: string | null;
  /** Channel title and description (`/user/channel-meta/{id}`). */
  meta: { title: string; description?: string };
  /** Fields the list answer carries beyond the documented ones. */
  extra: Record<string, unknown>;
}

/** A storage file (`/user/storage/files`). */
export interface MockStorageFile {
  id: string;
  title: string;
  sizeBytes: number;
  durationSeconds: number;
  status: "Processing" | "Ready" | "Failed";
  createdAt: string;
  [key: string]: unknown;
}

/** A clips project with its clips (`/user/clips/projects`). */
export interface MockClipProject {
  summary: {
    projectId: string;
    sourceTypeName: string;
    sourceIdentifier: string;
    title: string;
    clipsCount: number;
    clipThumbnails: string[];
    generatingClipsNow: boolean;
    createdAt: string;
    [key: string]: unknown;
  };
  /** ISO time of the last activity, for `sortBy=LastActivity`. */
  lastActivityAt: string;
  clips: Array<{ clipId: string; name: string; viralityScore: number; [key: string]: unknown }>;
  postedClips: Array<Record<string, unknown>>;
}

/** Everything the mock serves, mutable. */
export interface MockData {
  profile: { id: number; username: string; email: string; [key: string]: unknown };
  ingestId: number;
  streamKey: { streamKey: string; srtUrl: string | null };
  webchatUrl: string;
  platforms: Array<{ id: number; name: string; [key: string]: unknown }>;
  servers: Array<{ id: number; name: string; [key: string]: unknown }>;
  channels: MockChannel[];
  events: MockEventRecord[];
  files: MockStorageFile[];
  projects: MockClipProject[];
  /** The id the next added channel gets. */
  nextChannelId: number;
}

/** The account's user id. */
export const MOCK_USER_ID = 4815162;

/** Platforms whose channels are added by hand and may be added to an event as destinations. */
export const MANUAL_PLATFORM_IDS: ReadonlySet<number> = new Set([
  29,
  49,
  60,
  61,
  68,
  72,
  74,
  78,
  79,
  80,
  81,
  82,
]);

/** Channel ids of the seed, for tests. */
export const SEED_CHANNEL_IDS = {
  twitch: 1030301,
  youtube: 1030302,
  facebook: 1030303,
  customRtmp: 1030304,
  kick: 1030305,
} as const;

function platformImage(slug: string): { png: string; svg: string } {
  const base = "https://restream.io/img/api/platforms";
  return { png: `${base}/platform-${slug}.png`, svg: `${base}/platform-${slug}.svg` };
}

function platforms(): MockData["platforms"] {
  const list: Array<[number, string, string, string]> = [
    [1, "Twitch", "https://twitch.tv", "twitch"],
    [5, "YouTube", "https://youtube.com", "youtube"],
    [37, "Facebook", "https://facebook.com", "facebook"],
    [38, "LinkedIn", "https://linkedin.com", "linkedin"],
    [29, "Custom RTMP", "", "custom"],
    [49, "Steam", "https://steamcommunity.com", "steam"],
    [72, "Telegram", "https://telegram.org", "telegram"],
    [78, "Custom SRT", "", "custom-srt"],
    [81, "Custom WHIP", "", "custom-whip"],
    [96, "Kick", "https://kick.com", "kick"],
  ];
  return list.map(([id, name, url, slug], index) => ({
    id,
    name,
    url,
    image: platformImage(slug),
    // Only some platforms have an alternative image, as in the real list.
    ...(index % 3 === 0 ? { altImage: platformImage(`${slug}-alt`) } : {}),
    ...(id === 96 ? { isBeta: true } : {}),
  }));
}

function servers(): MockData["servers"] {
  const list: Array<[number, string, string, string, string]> = [
    [1, "Autodetect", "live.restream.io", "", ""],
    [8, "EU-Central (Frankfurt, DE)", "fra.restream.io", "50.1109", "8.6821"],
    [10, "US-East (Washington, DC)", "wdc.restream.io", "38.9072", "-77.0369"],
    [13, "US-West (San Jose, CA)", "sjc.restream.io", "37.3382", "-121.8863"],
    [22, "Asia (Singapore)", "sg.restream.io", "1.3521", "103.8198"],
    [31, "South America (São Paulo, BR)", "sao.restream.io", "-23.5505", "-46.6333"],
  ];
  return list.map(([id, name, host, latitude, longitude]) => ({
    id,
    name,
    url: host,
    rtmpUrl: `rtmp://${host}/live`,
    latitude,
    longitude,
  }));
}

function channel(
  id: number,
  platformId: number,
  identifier: string,
  displayName: string,
  url: string,
  options: Partial<MockChannel> = {},
): MockChannel {
  return {
    id,
    userId: MOCK_USER_ID,
    streamingPlatformId: platformId,
    identifier,
    displayName,
    url,
    embedUrl: null,
    enabled: true,
    eventIdentifier: null,
    eventUrl: null,
    meta: { title: `${displayName} live` },
    extra: {},
    ...options,
  };
}

function channels(): MockChannel[] {
  const ids = SEED_CHANNEL_IDS;
  return [
    channel(ids.twitch, 1, "gamenight_live", "GameNight Live", "https://twitch.tv/gamenight_live", {
      embedUrl: "https://player.twitch.tv/?channel=gamenight_live&parent=restream.io",
      meta: { title: "Speedrun Friday: any% attempts", description: "Chill runs and chat" },
    }),
    channel(
      ids.youtube,
      5,
      "UC4QobU6STFB0P71PMvOGN5A",
      "Café Lumière 🎬",
      "https://youtube.com/channel/UC4QobU6STFB0P71PMvOGN5A",
      {
        embedUrl: "https://www.youtube.com/embed/live_stream?channel=UC4QobU6STFB0P71PMvOGN5A",
        eventIdentifier: "dQw4w9WgXcQ",
        eventUrl: "https://youtube.com/watch?v=dQw4w9WgXcQ",
        meta: { title: "Late-night coding ☕", description: "Building a CLI, live." },
        extra: { privacy: "public" },
      },
    ),
    channel(
      ids.facebook,
      37,
      "102938475610293",
      "Mock Studio Page",
      "https://facebook.com/102938475610293",
      {
        enabled: false,
        meta: { title: "Weekly Q&A" },
      },
    ),
    channel(ids.customRtmp, 29, "rtmp://backup.example.net/live", "Backup RTMP", "", {
      meta: { title: "Backup ingest" },
      extra: { customFields: { server: "rtmp://backup.example.net/live" } },
    }),
    channel(ids.kick, 96, "gamenightlive", "GameNight on Kick", "https://kick.com/gamenightlive", {
      meta: { title: "Speedrun Friday" },
    }),
  ];
}

function files(nowSeconds: number): MockStorageFile[] {
  const iso = (daysAgo: number): string =>
    new Date((nowSeconds - daysAgo * 86400) * 1000).toISOString();
  return [
    {
      id: stableUuid("file-1"),
      title: "Speedrun Friday #41.mp4",
      sizeBytes: 2_147_483_648,
      durationSeconds: 7260,
      status: "Ready",
      createdAt: iso(2),
    },
    {
      id: stableUuid("file-2"),
      title: "Café Lumière — episode 12.mp4",
      sizeBytes: 734_003_200,
      durationSeconds: 3605,
      status: "Ready",
      createdAt: iso(5),
      folderId: null,
    },
    {
      id: stableUuid("file-3"),
      title: "Upload in progress.mov",
      sizeBytes: 52_428_800,
      durationSeconds: 0,
      status: "Processing",
      createdAt: iso(0),
    },
    {
      id: stableUuid("file-4"),
      title: "Corrupted capture.mkv",
      sizeBytes: 1_024,
      durationSeconds: 0,
      status: "Failed",
      createdAt: iso(9),
    },
  ];
}

function projects(nowSeconds: number, storage: MockStorageFile[]): MockClipProject[] {
  const iso = (hoursAgo: number): string =>
    new Date((nowSeconds - hoursAgo * 3600) * 1000).toISOString();
  return Array.from({ length: 7 }, (_, i) => {
    const projectId = stableUuid(`project-${i}`);
    const clips = Array.from({ length: (i % 3) + 1 }, (_, j) => ({
      clipId: stableUuid(`clip-${i}-${j}`),
      name: `Highlight ${j + 1}${j === 0 && i === 0 ? " 🔥" : ""}`,
      viralityScore: Math.round((0.95 - 0.1 * j - 0.03 * i) * 100) / 100,
      durationSeconds: 30 + 15 * j,
      thumbnailUrl: `https://cdn.example.com/clips/${i}-${j}.jpg`,
    }));
    return {
      summary: {
        projectId,
        sourceTypeName: "VideoStorageFile",
        sourceIdentifier: storage[i % 2].id,
        title: `Clips from stream #${41 - i}`,
        clipsCount: clips.length,
        clipThumbnails: clips.map((c) => String(c.thumbnailUrl)),
        generatingClipsNow: i === 1,
        createdAt: iso(24 * (i + 1)),
      },
      // The order by activity differs from the order by creation.
      lastActivityAt: iso(i % 2 === 0 ? i : 40 + i),
      clips,
      postedClips: i === 0
        ? [{ clipId: clips[0].clipId, platform: "youtube", postedAt: iso(3) }]
        : [],
    };
  });
}

/** A fresh copy of the seed data, with times relative to `nowSeconds`. */
export function createSeed(nowSeconds: number): MockData {
  const storage = files(nowSeconds);
  const channelList = channels();
  return {
    profile: {
      id: MOCK_USER_ID,
      username: "gamenight",
      email: "gamenight@example.com",
      emailVerified: true,
    },
    ingestId: 8,
    streamKey: {
      streamKey: "re_4815162_0a1b2c3d4e5f60718293",
      srtUrl:
        "srt://live.restream.io:2010?streamid=4815162:re_4815162_0a1b2c3d4e5f60718293&passphrase=mockpassphrase1",
    },
    webchatUrl: "https://chat.restream.io/embed?token=mock-webchat-4815162",
    platforms: platforms(),
    servers: servers(),
    channels: channelList,
    events: seedEvents(nowSeconds, channelList),
    files: storage,
    projects: projects(nowSeconds, storage),
    nextChannelId: 1030400,
  };
}
