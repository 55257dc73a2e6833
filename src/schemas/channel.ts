/**
 * Channels: the list (GET /v2/user/channel/all), one channel (GET /v2/user/channel/{id}) and
 * a channel's title and description (GET /v2/user/channel-meta/{id}).
 *
 * One channel comes in two shapes (RESTREAM_API.md): the documented camelCase one and a
 * snake_case one. {@link ChannelSchema} accepts both and gives the camelCase shape.
 *
 * @module
 */

import * as v from "../valibot.ts";

/** One channel as the channel list gives it. */
export interface ChannelSummary {
  /** Channel id. */
  id: number;
  /** Platform id (see the platform list). */
  streamingPlatformId?: number | null;
  /** Embeddable player URL. */
  embedUrl?: string | null;
  /** The channel's page on its platform. */
  url?: string | null;
  /** The channel's identifier on its platform. */
  identifier?: string | null;
  /** Name shown in Restream. */
  displayName?: string | null;
  /** Whether Restream streams to it. The list says `enabled`; one channel says `active`. */
  enabled?: boolean | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** One channel, normalised to the documented camelCase shape. */
export interface Channel {
  /** Channel id. */
  id: number;
  /** Platform id (`service_id` in the snake_case shape). */
  streamingPlatformId?: number | null;
  /** Embeddable player URL (`embed`). */
  embedUrl?: string | null;
  /** The channel's page on its platform (`channel_url`). */
  url?: string | null;
  /** The channel's identifier on its platform (`channel_identifier`). */
  identifier?: string | null;
  /** Name shown in Restream (`display_name`). */
  displayName?: string | null;
  /** Whether Restream streams to it, kept as the API sent it. */
  active?: boolean | number | null;
  /** Fields this client does not know are kept (snake_case keys in camelCase). */
  [key: string]: unknown;
}

/** A channel's title and description. */
export interface ChannelMeta {
  /** Stream title. */
  title: string;
  /** Stream description, when set. */
  description?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** snake_case keys whose camelCase name is not their plain conversion. */
const RENAMED: ReadonlyMap<string, string> = new Map([
  ["service_id", "streamingPlatformId"],
  ["channel_identifier", "identifier"],
  ["channel_url", "url"],
  ["embed", "embedUrl"],
  ["display_name", "displayName"],
]);

/**
 * Renames the keys of the snake_case channel shape to the documented camelCase ones
 * (`service_id` → `streamingPlatformId`, `user_id` → `userId`…). A key the API sent in
 * camelCase wins over a converted one; values are kept as sent.
 */
export function normaliseChannelKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const input = value as Record<string, unknown>;
  // fromEntries defines own properties, so even a key like "__proto__" stays plain data.
  const entries: Array<[string, unknown]> = [];
  for (const [key, field] of Object.entries(input)) {
    const target = RENAMED.get(key) ?? snakeToCamel(key);
    if (target === key || !Object.hasOwn(input, target)) entries.push([target, field]);
  }
  return Object.fromEntries(entries);
}

function snakeToCamel(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const optionalString = v.optional(v.nullable(v.string()));
const optionalNumber = v.optional(v.nullable(v.number()));

/** Schema of one channel list item; unknown fields are kept. */
export const ChannelSummarySchema: v.GenericSchema<unknown, ChannelSummary> = v.looseObject({
  id: v.number(),
  streamingPlatformId: optionalNumber,
  embedUrl: optionalString,
  url: optionalString,
  identifier: optionalString,
  displayName: optionalString,
  enabled: v.optional(v.nullable(v.boolean())),
});

/** Schema of the channel list. */
export const ChannelSummaryListSchema: v.GenericSchema<unknown, ChannelSummary[]> = v.array(
  ChannelSummarySchema,
);

/** Schema of one channel in either shape, giving the camelCase one; unknown fields kept. */
export const ChannelSchema: v.GenericSchema<unknown, Channel> = v.pipe(
  v.unknown(),
  v.transform(normaliseChannelKeys),
  v.looseObject({
    id: v.number(),
    streamingPlatformId: optionalNumber,
    embedUrl: optionalString,
    url: optionalString,
    identifier: optionalString,
    displayName: optionalString,
    active: v.optional(v.nullable(v.union([v.boolean(), v.number()]))),
  }),
);

/** Schema of a channel's title and description; unknown fields are kept. */
export const ChannelMetaSchema: v.GenericSchema<unknown, ChannelMeta> = v.looseObject({
  title: v.string(),
  description: optionalString,
});

/** The channel `addChannel` created. */
export interface CreatedChannel {
  /** The new channel's id. */
  id: number;
  /** Its platform id. */
  platformId?: number | null;
  /** Its URL. */
  channelUrl?: string | null;
  /** Its name in Restream. */
  displayName?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of the answer to POST /v2/user/channels; unknown fields are kept. */
export const CreatedChannelSchema: v.GenericSchema<unknown, CreatedChannel> = v.looseObject({
  id: v.number(),
  platformId: optionalNumber,
  channelUrl: optionalString,
  displayName: optionalString,
});
