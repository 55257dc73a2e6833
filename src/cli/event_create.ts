/**
 * `event create` and `event destination add`.
 *
 * @module
 */

import type { CliContext } from "./context.ts";
import { formatTime } from "./format.ts";

/** The flags of `event create`. */
export interface CreateEventFlags {
  /** Stream type. */
  type: "studio" | "encoder";
  /** Title. */
  title?: string;
  /** Description. */
  description?: string;
  /** Scheduled start. */
  at?: Date;
}

/** `event create`. */
export async function createEvent(ctx: CliContext, options: CreateEventFlags): Promise<void> {
  const created = await ctx.authenticatedClient().createEvent({
    streamType: options.type,
    title: options.title,
    description: options.description,
    scheduledFor: options.at,
  }, ctx.io.signal);
  if (ctx.output.json) {
    ctx.output.printJson({
      id: created.id,
      streamType: options.type,
      title: options.title,
      description: options.description,
      scheduledFor: options.at?.toISOString(),
    });
  } else {
    const when = options.at ? ` for ${formatTime(options.at.getTime() / 1000)}` : "";
    ctx.output.notice(`event ${created.id} created${when}`);
  }
}

/** `event destination add <event> --channel <id> [--vertical]`. */
export async function addEventDestination(
  ctx: CliContext,
  eventId: string,
  options: { channel: number; vertical?: true },
): Promise<void> {
  const streamingOrientation = options.vertical ? "vertical" as const : undefined;
  const created = await ctx.authenticatedClient().addEventDestination(eventId, {
    channelId: options.channel,
    streamingOrientation,
  }, ctx.io.signal);
  if (ctx.output.json) {
    ctx.output.printJson({
      id: created.id,
      eventId,
      channelId: options.channel,
      streamingOrientation,
    });
  } else {
    ctx.output.notice(`channel ${options.channel} added to event ${eventId}`);
  }
}
