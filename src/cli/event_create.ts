/**
 * `event create` and `event destination add`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import { oneOf, parseChannelId, parseEventId } from "./args.ts";
import type { CliContext } from "./context.ts";
import { formatTime } from "./format.ts";

/** `--at`: an ISO-8601 time with a date (`2026-05-01T18:00:00+02:00`). */
export function parseIsoTime(value: string): Date {
  const ms = /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(`invalid --at '${value}': expected an ISO time like 2026-05-01T18:00:00Z`);
  }
  return new Date(ms);
}

function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === "") throw new UsageError(`${flag} must not be empty`);
    return value;
  };
}

/** Adds `event create` and `event destination add` to the `event` command. */
export function registerEventCreateCommands(event: Command, ctx: CliContext): void {
  event
    .command("create")
    .description("create an event (scheduled with --at)")
    .requiredOption(
      "--type <type>",
      "studio or encoder",
      (value) => oneOf(value, ["studio", "encoder"] as const, "--type"),
    )
    .option("--title <title>", "title", nonEmpty("--title"))
    .option("--description <text>", "description")
    .option("--at <time>", "scheduled start, ISO-8601 (unscheduled without it)", parseIsoTime)
    .action(async (options) => {
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
    });

  const destination = event.command("destination").description("an event's destinations");

  destination
    .command("add")
    .description("stream an event to a manual channel (Custom RTMP, SRT…)")
    .argument("<event>", "event id (a UUID)", parseEventId)
    .requiredOption("--channel <id>", "channel id", parseChannelId)
    .option("--vertical", "send vertical video")
    .action(async (eventId, options) => {
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
    });
}
