/**
 * The streaming monitor: encoder and destination metrics as typed messages, with replays
 * after a reconnect filtered out (SPEC.md, "Monitors").
 *
 * @module
 */

import { DEFAULT_STREAMING_WS_URL } from "../config.ts";
import { ReplayFilter } from "./dedupe.ts";
import {
  flatten,
  type KnownMessage,
  type SchemaTable,
  typeBatches,
  type UnknownMessage,
} from "./message.ts";
import { safeEmitter } from "./events.ts";
import { type MonitorAuthOptions, monitorTokens } from "./monitor_auth.ts";
import { connectMonitorBatches, type MonitorFrame, type MonitorOptions } from "./monitor.ts";
import {
  type DeleteIncoming,
  DeleteIncomingSchema,
  type DeleteOutgoing,
  DeleteOutgoingSchema,
  type UpdateIncoming,
  UpdateIncomingSchema,
  type UpdateOutgoing,
  UpdateOutgoingSchema,
  type UpdateStatuses,
  UpdateStatusesSchema,
} from "./streaming_schemas.ts";

/** One message of the streaming monitor; switch on `type`. */
export type StreamingMessage =
  | KnownMessage<"updateIncoming", UpdateIncoming>
  | KnownMessage<"deleteIncoming", DeleteIncoming>
  | KnownMessage<"updateOutgoing", UpdateOutgoing>
  | KnownMessage<"deleteOutgoing", DeleteOutgoing>
  | KnownMessage<"updateStatuses", UpdateStatuses>
  | UnknownMessage;

/** Options of {@link monitorStreaming}. */
export interface StreamingMonitorOptions
  extends Omit<MonitorOptions, "url" | "name" | "tokens">, MonitorAuthOptions {
  /** The socket URL; `wss://streaming.api.restream.io/ws` by default. */
  url?: string;
  /** After a reconnect, a message identical to one delivered this recently is dropped; 120 000 ms. */
  replayWindowMs?: number;
  /** How many delivered messages are remembered for that; 10 000. */
  replayMemory?: number;
}

const SCHEMAS: SchemaTable = {
  updateIncoming: UpdateIncomingSchema,
  deleteIncoming: DeleteIncomingSchema,
  updateOutgoing: UpdateOutgoingSchema,
  deleteOutgoing: DeleteOutgoingSchema,
  updateStatuses: UpdateStatusesSchema,
};

/**
 * Watches the streaming API until the signal aborts: the encoder's incoming stream, each
 * destination's state and audience figures. Reconnects by itself; the API replays about a
 * minute of updates on connect, and those already delivered are not delivered again.
 *
 * @example Print the encoder's bitrate for a minute. Against the mock (`restream mock serve`),
 * pass its `RESTREAM_STREAMING_WS_URL` and `RESTREAM_TOKEN`; without `url`, Restream's own
 * socket is used.
 * ```ts
 * import { monitorStreaming } from "jsr:@restream/cli";
 *
 * const messages = monitorStreaming({
 *   url: Deno.env.get("RESTREAM_STREAMING_WS_URL"), // e.g. ws://127.0.0.1:12080/ws/streaming
 *   token: Deno.env.get("RESTREAM_TOKEN")!,
 *   signal: AbortSignal.timeout(60_000),
 *   onEvent: (event) => {
 *     if (event.type === "reconnecting") console.error(`reconnecting in ${event.delayMs} ms`);
 *   },
 * });
 * for await (const message of messages) {
 *   if (message.type === "updateIncoming") {
 *     console.log(message.data.streaming?.bitrate?.total);
 *   }
 * }
 * ```
 */
export function monitorStreaming(
  options: StreamingMonitorOptions,
): AsyncGenerator<StreamingMessage, void, undefined> {
  return flatten(monitorStreamingBatches(options), options.signal);
}

/**
 * {@link monitorStreaming} in batches (the messages that arrived together): for consumers
 * that must keep up with a flood without their memory growing (see `connectMonitorBatches`).
 *
 * @example
 * ```ts
 * import { monitorStreamingBatches } from "jsr:@restream/cli";
 *
 * const signal = AbortSignal.timeout(60_000);
 * const token = Deno.env.get("RESTREAM_TOKEN")!;
 * const url = Deno.env.get("RESTREAM_STREAMING_WS_URL"); // the mock's, or Restream's when unset
 * for await (const batch of monitorStreamingBatches({ url, token, signal })) {
 *   const outgoing = batch.filter((message) => message.type === "updateOutgoing");
 *   if (outgoing.length > 0) console.log(`${outgoing.length} destination updates`);
 * }
 * ```
 */
export async function* monitorStreamingBatches(
  options: StreamingMonitorOptions,
): AsyncGenerator<StreamingMessage[], void, undefined> {
  yield* typeBatches<StreamingMessage>(streamingFrameBatches(options), SCHEMAS, options.onEvent);
}

/**
 * The streaming socket's frames, untyped, in batches, replays already dropped: what
 * `monitor streaming --json` prints, which needs no schema work.
 */
export async function* streamingFrameBatches(
  options: StreamingMonitorOptions,
): AsyncGenerator<MonitorFrame[], void, undefined> {
  const now = options.now ?? Date.now;
  const emit = safeEmitter(options.onEvent);
  const replays = new ReplayFilter({
    windowMs: options.replayWindowMs,
    maxEntries: options.replayMemory,
  });
  const batches = connectMonitorBatches({
    ...options,
    url: options.url ?? DEFAULT_STREAMING_WS_URL,
    name: "streaming",
    tokens: monitorTokens(options),
    scope: "stream.read",
    now,
  });
  for await (const frames of batches) {
    const fresh = frames.filter((frame) => {
      if (replays.admit(frame.raw, now(), frame.connection > 1)) return true;
      emit({ type: "replay_skipped", action: frame.action });
      return false;
    });
    if (fresh.length > 0) yield fresh;
  }
}
