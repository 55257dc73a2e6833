/**
 * The chat monitor: chat from every connected platform as typed messages, with the
 * silence watchdog (the server sends a heartbeat about every 45 s; SPEC.md, "Monitors").
 *
 * @module
 */

import { DEFAULT_CHAT_WS_URL } from "../config.ts";
import {
  CHAT_REPLY_ACTIONS,
  type ChatEnvelope,
  type ChatEventMessagePayload,
  ChatEventSchema,
  type ChatReplyAction,
  type ConnectionClosedPayload,
  ConnectionClosedSchema,
  type ConnectionInfoPayload,
  ConnectionInfoSchema,
  HeartbeatSchema,
  replySchema,
} from "./chat_schemas.ts";
import {
  flatten,
  type KnownMessage,
  type SchemaTable,
  typeBatches,
  type UnknownMessage,
} from "./message.ts";
import { type MonitorAuthOptions, monitorTokens } from "./monitor_auth.ts";
import { connectMonitorBatches, type MonitorFrame, type MonitorOptions } from "./monitor.ts";

/** One message of the chat monitor; switch on `type`. */
export type ChatMessage =
  | KnownMessage<"heartbeat", ChatEnvelope<"heartbeat", Record<string, unknown>>>
  | KnownMessage<"connection_info", ChatEnvelope<"connection_info", ConnectionInfoPayload>>
  | KnownMessage<"connection_closed", ChatEnvelope<"connection_closed", ConnectionClosedPayload>>
  | KnownMessage<"event", ChatEnvelope<"event", ChatEventMessagePayload>>
  | KnownMessage<ChatReplyAction, ChatEnvelope<ChatReplyAction, Record<string, unknown>>>
  | UnknownMessage;

/** Options of {@link monitorChat}. */
export interface ChatMonitorOptions
  extends Omit<MonitorOptions, "url" | "name" | "tokens">, MonitorAuthOptions {
  /** The socket URL; `wss://chat.api.restream.io/ws` by default. */
  url?: string;
}

/** Silence after which the chat socket counts as dead. */
export const CHAT_WATCHDOG_MS = 60_000;

const SCHEMAS: SchemaTable = {
  heartbeat: HeartbeatSchema,
  connection_info: ConnectionInfoSchema,
  connection_closed: ConnectionClosedSchema,
  event: ChatEventSchema,
  ...Object.fromEntries(CHAT_REPLY_ACTIONS.map((action) => [action, replySchema(action)])),
};

/**
 * Watches chat from every platform until the signal aborts. Reconnects by itself, also
 * when the socket goes silent for 60 s (`watchdogMs`).
 *
 * @example Print chat for a minute. Against the mock (`restream mock serve`), pass its
 * `RESTREAM_CHAT_WS_URL` and `RESTREAM_TOKEN`; without `url`, Restream's own socket is used.
 * ```ts
 * import { monitorChat } from "jsr:@restream/cli";
 *
 * for await (
 *   const message of monitorChat({
 *     url: Deno.env.get("RESTREAM_CHAT_WS_URL"), // e.g. ws://127.0.0.1:12080/ws/chat
 *     token: Deno.env.get("RESTREAM_TOKEN")!,
 *     signal: AbortSignal.timeout(60_000),
 *   })
 * ) {
 *   if (message.type === "event") {
 *     const event = message.data.payload?.eventPayload;
 *     console.log(`${event?.author?.displayName}: ${event?.text}`);
 *   }
 * }
 * ```
 */
export function monitorChat(
  options: ChatMonitorOptions,
): AsyncGenerator<ChatMessage, void, undefined> {
  return flatten(monitorChatBatches(options), options.signal);
}

/**
 * {@link monitorChat} in batches (the messages that arrived together): for consumers that
 * must keep up with a flood without their memory growing (see `connectMonitorBatches`).
 *
 * @example
 * ```ts
 * import { monitorChatBatches } from "jsr:@restream/cli";
 *
 * const signal = AbortSignal.timeout(60_000);
 * const token = Deno.env.get("RESTREAM_TOKEN")!;
 * const url = Deno.env.get("RESTREAM_CHAT_WS_URL"); // the mock's, or Restream's when unset
 * for await (const batch of monitorChatBatches({ url, token, signal })) {
 *   // Handle the whole batch without awaiting, so the socket's flow control bounds memory.
 *   const lines = batch.map((message) => JSON.stringify(message.raw));
 *   await Deno.stdout.write(new TextEncoder().encode(lines.join("\n") + "\n"));
 * }
 * ```
 */
export async function* monitorChatBatches(
  options: ChatMonitorOptions,
): AsyncGenerator<ChatMessage[], void, undefined> {
  yield* typeBatches<ChatMessage>(chatFrameBatches(options), SCHEMAS, options.onEvent);
}

/**
 * The chat socket's frames, untyped, in batches: what `monitor chat --json` prints, which
 * needs no schema work.
 */
export function chatFrameBatches(
  options: ChatMonitorOptions,
): AsyncGenerator<MonitorFrame[], void, undefined> {
  return connectMonitorBatches({
    ...options,
    watchdogMs: options.watchdogMs ?? CHAT_WATCHDOG_MS,
    url: options.url ?? DEFAULT_CHAT_WS_URL,
    name: "chat",
    tokens: monitorTokens(options),
    scope: "chat.read",
  });
}
