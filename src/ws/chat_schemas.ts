/**
 * Messages of the chat WebSocket (RESTREAM_API.md, "Chat"): `{action, payload, timestamp}`.
 * Fields are optional and nullable, unknown fields are kept.
 *
 * @module
 */

import * as v from "../valibot.ts";

/** Who wrote a chat message. */
export interface ChatAuthor {
  /** Name shown on the platform. */
  displayName?: string | null;
  /** Account name. */
  name?: string | null;
  /** Avatar URL. */
  avatar?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** A YouTube Super Chat or Super Sticker amount. */
export interface ChatDonation {
  /** Amount, in the currency's units or micros depending on the platform. */
  amount?: number | string | null;
  /** Formatted amount, e.g. "$5.00". */
  currencyString?: string | null;
  /** Tier. */
  tier?: number | string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** What a chat event carries; the shape differs by `eventTypeId`. */
export interface ChatEventPayload {
  /** The author. */
  author?: ChatAuthor | null;
  /** Sent by a bot. */
  bot?: boolean | null;
  /** The message text; Twitch emotes are words in it. */
  text?: string | null;
  /** Twitch: spans of `text` that are emotes (shown as their text). */
  replaces?: unknown[] | null;
  /** YouTube Super Chat / Super Sticker. */
  donation?: ChatDonation | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Payload of `event`: one chat message or other event from a platform. */
export interface ChatEventMessagePayload {
  /** The chat connection it came through. */
  connectionIdentifier?: string | number | null;
  /** Id on the platform (not unique). */
  eventIdentifier?: string | number | null;
  /** Platform: 2 Twitch, 13 YouTube… */
  eventSourceId?: number | null;
  /** Kind: 4 Twitch text, 7 YouTube Super Chat… */
  eventTypeId?: number | null;
  /** Account id. */
  userId?: number | null;
  /** The event itself. */
  eventPayload?: ChatEventPayload | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Payload of `connection_info`: a platform connection's state. */
export interface ConnectionInfoPayload {
  /** Connection identifier. */
  connectionIdentifier?: string | number | null;
  /** Connection UUID, matched by `connection_closed`. */
  connectionUuid?: string | number | null;
  /** Platform. */
  eventSourceId?: number | null;
  /** `connecting`, `connected` or `error`. */
  status?: string | null;
  /** Why, for errors. */
  reason?: string | null;
  /** The channel, page or event; differs by platform. */
  target?: unknown;
  /** Account id. */
  userId?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Payload of `connection_closed`. */
export interface ConnectionClosedPayload {
  /** The connection that closed. */
  connectionUuid?: string | number | null;
  /** `removed`, `replaced`, `expired`, `superseded`, `shutdown`… */
  reason?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** A chat message with a typed payload. */
export interface ChatEnvelope<A extends string, P> {
  /** The action. */
  action: A;
  /** The payload. */
  payload?: P | null;
  /** When (Unix seconds). */
  timestamp?: number | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Actions about replies and relays sent from Restream's own chat app. */
export type ChatReplyAction =
  | "reply_created"
  | "reply_accepted"
  | "reply_confirmed"
  | "reply_failed"
  | "relay_accepted"
  | "relay_confirmed"
  | "relay_failed";

/** The reply and relay actions. */
export const CHAT_REPLY_ACTIONS: readonly ChatReplyAction[] = [
  "reply_created",
  "reply_accepted",
  "reply_confirmed",
  "reply_failed",
  "relay_accepted",
  "relay_confirmed",
  "relay_failed",
];

const num = v.optional(v.nullable(v.number()));
const str = v.optional(v.nullable(v.string()));
/** Identifiers are strings as far as is known; a number would not be worth failing over. */
const id = v.optional(v.nullable(v.union([v.string(), v.number()])));

function envelope<A extends string, P>(
  action: A,
  payload: v.GenericSchema<unknown, P>,
): v.GenericSchema<unknown, ChatEnvelope<A, P>> {
  return v.looseObject({
    action: v.literal(action),
    payload: v.optional(v.nullable(payload)),
    timestamp: num,
  }) as v.GenericSchema<unknown, ChatEnvelope<A, P>>;
}

const EventPayloadSchema: v.GenericSchema<unknown, ChatEventPayload> = v.looseObject({
  author: v.optional(v.nullable(v.looseObject({ displayName: str, name: str, avatar: str }))),
  bot: v.optional(v.nullable(v.boolean())),
  text: str,
  replaces: v.optional(v.nullable(v.array(v.unknown()))),
  donation: v.optional(v.nullable(v.looseObject({
    amount: v.optional(v.nullable(v.union([v.number(), v.string()]))),
    currencyString: str,
    tier: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  }))),
});

/** Schema of `heartbeat`. */
export const HeartbeatSchema: v.GenericSchema<
  unknown,
  ChatEnvelope<"heartbeat", Record<string, unknown>>
> = envelope("heartbeat", v.looseObject({}));

/** Schema of `connection_info`. */
export const ConnectionInfoSchema: v.GenericSchema<
  unknown,
  ChatEnvelope<"connection_info", ConnectionInfoPayload>
> = envelope(
  "connection_info",
  v.looseObject({
    connectionIdentifier: id,
    connectionUuid: id,
    eventSourceId: num,
    status: str,
    reason: str,
    target: v.optional(v.unknown()),
    userId: num,
  }),
);

/** Schema of `connection_closed`. */
export const ConnectionClosedSchema: v.GenericSchema<
  unknown,
  ChatEnvelope<"connection_closed", ConnectionClosedPayload>
> = envelope("connection_closed", v.looseObject({ connectionUuid: id, reason: str }));

/** Schema of `event`. */
export const ChatEventSchema: v.GenericSchema<
  unknown,
  ChatEnvelope<"event", ChatEventMessagePayload>
> = envelope(
  "event",
  v.looseObject({
    connectionIdentifier: id,
    eventIdentifier: id,
    eventSourceId: num,
    eventTypeId: num,
    userId: num,
    eventPayload: v.optional(v.nullable(EventPayloadSchema)),
  }),
);

/** Schema of each reply and relay action. */
export function replySchema<A extends ChatReplyAction>(
  action: A,
): v.GenericSchema<unknown, ChatEnvelope<A, Record<string, unknown>>> {
  return envelope(action, v.looseObject({}));
}
