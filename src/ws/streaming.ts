/**
 * The streaming monitor: encoder and destination metrics as typed messages, with replays
 * after a reconnect filtered out (SPEC.md, "Monitors").
 *
 * @module
 */

import { DEFAULT_STREAMING_WS_URL } from "../config.ts";
import { ReplayFilter } from "./dedupe.ts";
import {
  type KnownMessage,
  safeEmitter,
  type SchemaTable,
  typeFrame,
  type UnknownMessage,
} from "./message.ts";
import { connectMonitor, type MonitorOptions } from "./monitor.ts";
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
export interface StreamingMonitorOptions extends Omit<MonitorOptions, "url" | "name"> {
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
 * @example
 * ```ts
 * import { fixedToken, monitorStreaming } from "jsr:@restream/cli";
 *
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 60_000);
 * const messages = monitorStreaming({
 *   tokens: fixedToken(Deno.env.get("RESTREAM_TOKEN")!),
 *   signal: controller.signal,
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
export async function* monitorStreaming(
  options: StreamingMonitorOptions,
): AsyncGenerator<StreamingMessage, void, undefined> {
  const now = options.now ?? Date.now;
  const emit = safeEmitter(options.onEvent);
  const replays = new ReplayFilter({
    windowMs: options.replayWindowMs,
    maxEntries: options.replayMemory,
  });
  const frames = connectMonitor({
    ...options,
    url: options.url ?? DEFAULT_STREAMING_WS_URL,
    name: "streaming",
    now,
  });
  for await (const frame of frames) {
    if (!replays.admit(frame.raw, now(), frame.connection > 1)) {
      emit({ type: "replay_skipped", action: frame.action });
      continue;
    }
    yield typeFrame(frame, SCHEMAS, emit) as StreamingMessage;
  }
}
