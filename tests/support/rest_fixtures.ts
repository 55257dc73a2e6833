/**
 * Response bodies of the authenticated REST endpoints, shaped as RESTREAM_API.md
 * describes them, shared by the client and CLI tests.
 */

/** A token the tests send; it must never show up in output. */
export const TOKEN = "test-access-token";

/** Environment of an authenticated run. */
export const ENV: Record<string, string> = { RESTREAM_TOKEN: TOKEN };

export const PLATFORMS = [
  { id: 1, name: "Twitch", url: "https://twitch.tv" },
  { id: 5, name: "YouTube", url: "https://youtube.com" },
];

export const PROFILE = { id: 7, username: "streamer", email: "s@example.com", plan: "pro" };

export const CHANNELS = [
  {
    id: 101,
    streamingPlatformId: 1,
    embedUrl: "https://player.twitch.tv/?channel=me",
    url: "https://twitch.tv/me",
    identifier: "me",
    displayName: "My Twitch",
    enabled: true,
    futureField: { kept: true },
  },
  {
    id: 202,
    streamingPlatformId: 99,
    embedUrl: null,
    url: "https://example.com/live/a-very-long-path-that-will-not-fit-on-a-narrow-terminal",
    identifier: "x",
    displayName: "Custom",
    enabled: false,
  },
];

/** The documented camelCase shape of one channel. */
export const CHANNEL_CAMEL = {
  id: 101,
  streamingPlatformId: 1,
  embedUrl: "https://player.twitch.tv/?channel=me",
  url: "https://twitch.tv/me",
  identifier: "me",
  displayName: "My Twitch",
  active: true,
};

/** The snake_case shape seen from the live API. */
export const CHANNEL_SNAKE = {
  id: 202,
  user_id: 7,
  service_id: 5,
  channel_identifier: "UCabc",
  channel_url: "https://youtube.com/channel/UCabc",
  event_identifier: null,
  event_url: "https://youtube.com/watch?v=1",
  embed: "https://youtube.com/embed/1",
  active: false,
  display_name: "My YouTube",
  extra_thing: 1,
};

/** What {@link CHANNEL_SNAKE} normalises to. */
export const CHANNEL_SNAKE_NORMALISED = {
  id: 202,
  userId: 7,
  streamingPlatformId: 5,
  identifier: "UCabc",
  url: "https://youtube.com/channel/UCabc",
  eventIdentifier: null,
  eventUrl: "https://youtube.com/watch?v=1",
  embedUrl: "https://youtube.com/embed/1",
  active: false,
  displayName: "My YouTube",
  extraThing: 1,
};

export const EVENT_ID = "2e4a1c2b-8f3d-4c5e-9a7b-0123456789ab";
export const STREAM_KEY = { streamKey: "re_123_super-secret-key", srtUrl: null };
export const EVENT_STREAM_KEY = {
  streamKey: "re_456_event-secret",
  srtUrl: "srt://live.restream.io:2010?streamid=srt_456_event-secret&passphrase=pp",
};

/** Seconds since the epoch, a fixed base for event times. */
export const T0 = 1_767_000_000;

/** An event; the id is a UUID whose last digits are `n`. */
export function event(n: number, status: string, times: Record<string, number | null> = {}) {
  return {
    id: uuid(n),
    status,
    title: `Show ${n}`,
    description: null,
    coverUrl: null,
    isRecordOnly: false,
    scheduledFor: null,
    startedAt: null,
    finishedAt: null,
    destinations: [{ channelId: 101, externalUrl: null, streamingPlatformId: 1 }],
    ...times,
  };
}

/** A UUID ending in `n`. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** A history page. */
export function historyPage(items: unknown[], page: number, pagesTotal: number, limit = 10) {
  return { items, pagination: { pages_total: pagesTotal, page, limit } };
}

/** The usual 403 of a token without a scope. */
export const INSUFFICIENT_SCOPE = {
  status: 403,
  body: {
    error: {
      statusCode: 403,
      status: 403,
      code: 403,
      message: "Insufficient scope",
      name: "insufficient_scope",
    },
  },
};

/** The usual 404. */
export const NOT_FOUND = {
  status: 404,
  body: { error: { statusCode: 404, message: "Not Found", name: "not_found" } },
};
