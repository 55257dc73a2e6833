/**
 * `status --health`: opens the streaming WebSocket for up to 3 s and keeps, per channel, the
 * last `updateOutgoing` it reports (the API replays about the last minute on connect), then
 * closes it. It stops early once the replay is over (no message for half a second).
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { UpdateOutgoing } from "../ws/streaming_schemas.ts";
import { monitorStreamingBatches } from "../ws/streaming.ts";
import type { CliContext } from "./context.ts";
import { profileTokenCheck } from "../ws/refusal.ts";

/** The longest the socket stays open. */
const HEALTH_WINDOW_MS = 3_000;

/** After the last message (or the connection), this much quiet means the replay is over. */
const HEALTH_QUIET_MS = 500;

/**
 * The last destination report of each channel, as the API sent it, in channel id order. A
 * rejected login is thrown (exit 3); a socket that never opened is a `timeout` error.
 */
export async function readHealth(ctx: CliContext, url: string): Promise<UpdateOutgoing[]> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  const deadline = setTimeout(stop, HEALTH_WINDOW_MS);
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const settleSoon = (): void => {
    clearTimeout(quiet);
    quiet = setTimeout(stop, HEALTH_QUIET_MS);
  };
  const external = ctx.io.signal;
  external?.addEventListener("abort", stop, { once: true });
  let connected = false;
  let lastFailure: string | undefined;
  const latest = new Map<number, UpdateOutgoing>();
  try {
    const batches = monitorStreamingBatches({
      ...ctx.io.monitorTuning,
      url,
      tokens: ctx.tokens(),
      signal: controller.signal,
      checkToken: profileTokenCheck(ctx.publicClient().http, controller.signal),
      onEvent: (event) => {
        if (event.type === "connected") {
          connected = true;
          settleSoon();
        } else if (event.type === "reconnecting") {
          lastFailure = event.reason;
          ctx.verbose(`streaming socket: ${event.reason}`);
        }
      },
    });
    for await (const batch of batches) {
      for (const message of batch) {
        if (message.type === "updateOutgoing" && typeof message.data.channelId === "number") {
          latest.set(message.data.channelId, message.raw as UpdateOutgoing);
        } else if (
          message.type === "deleteOutgoing" && typeof message.data.channelId === "number"
        ) {
          latest.delete(message.data.channelId);
        }
      }
      settleSoon();
    }
  } finally {
    clearTimeout(deadline);
    clearTimeout(quiet);
    external?.removeEventListener("abort", stop);
  }
  if (external?.aborted) throw new RestreamError("interrupted", "interrupted");
  if (!connected) {
    const why = lastFailure === undefined ? "" : ` (${lastFailure})`;
    throw new RestreamError(
      "timeout",
      `no connection to the streaming API (${new URL(url).host}) within ` +
        `${HEALTH_WINDOW_MS / 1000} s${why}`,
    );
  }
  return [...latest.values()].sort((a, b) => (a.channelId ?? 0) - (b.channelId ?? 0));
}
