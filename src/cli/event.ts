/**
 * `event list|get|history|in-progress|upcoming|stream-key`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { UpcomingEventSource } from "../client/events.ts";
import type { RestreamEvent } from "../schemas/event.ts";
import { oneOf, parseEventId, parseLimit, parsePage } from "./args.ts";
import type { CliContext } from "./context.ts";
import { registerEventCreateCommands } from "./event_create.ts";
import { registerEventDataCommands } from "./event_data.ts";
import { EVENT_COLUMNS, eventEntries } from "./event_view.ts";
import { loadPlatformNames } from "./platform_names.ts";
import { printStreamKey } from "./stream_key.ts";
import { morePagesHint, pastEndNotice } from "./paging.ts";

const SOURCE_WORDS = ["studio", "encoder", "video", "1", "2", "3"] as const;

/** `--source`: studio, encoder or video, or the API's numbers 1–3. */
export function parseSource(value: string): UpcomingEventSource {
  const word = oneOf(value, SOURCE_WORDS, "--source");
  return word === "1" ? 1 : word === "2" ? 2 : word === "3" ? 3 : word;
}

/** Registers `event` and its subcommands. */
export function registerEventCommands(program: Command, ctx: CliContext): void {
  // Find-or-create: another file may add commands to `event` and may register first.
  const existing = program.commands.find((c) => c.name() === "event") as Command | undefined;
  const event = (existing ?? program.command("event"))
    .description("live, upcoming and past events");
  const printEvents = (events: readonly RestreamEvent[]): void => {
    if (ctx.output.json) ctx.output.printJson(events);
    else ctx.output.printTable(events, EVENT_COLUMNS);
  };

  event
    .command("list")
    .description("in-progress, then upcoming, then the most recent finished events")
    .option("--limit <n>", "how many past events (1-100)", parseLimit, 10)
    .action(async (options) => {
      const client = ctx.authenticatedClient();
      printEvents(await client.listEvents({ limit: options.limit, signal: ctx.io.signal }));
    });

  event
    .command("get")
    .description("show one event")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .action(async (id) => {
      const client = ctx.authenticatedClient();
      const found = await client.getEvent(id, ctx.io.signal);
      if (ctx.output.json) return ctx.output.printJson(found);
      const hasDestinations = (found.destinations?.length ?? 0) > 0;
      const names = hasDestinations
        ? await loadPlatformNames(ctx, client)
        : (id: number | null | undefined) => String(id ?? "");
      ctx.output.printBlock(eventEntries(found, names));
    });

  event
    .command("history")
    .description("finished and missed events, newest first")
    .option("--page <n>", "page number (from 1)", parsePage, 1)
    .option("--limit <n>", "events per page (1-100)", parseLimit, 10)
    .option("--all", "follow every page from --page on")
    .action(async (options) => {
      const client = ctx.authenticatedClient();
      const query = {
        page: options.page,
        limit: options.limit,
        signal: ctx.io.signal,
        onWarning: ctx.warn,
      };
      if (!options.all) {
        const page = await client.getEventHistory(query);
        printEvents(page.items);
        const pages = page.pagination?.pages_total;
        if (pages !== undefined && options.page < pages) {
          morePagesHint(ctx.output, "events", { page: options.page + 1 });
        } else if (pages !== undefined && options.page > pages && page.items.length === 0) {
          pastEndNotice(ctx.output, "events", options.page, pages);
        }
        return;
      }
      if (ctx.output.json) {
        const all: RestreamEvent[] = [];
        for await (const page of client.iterateEventHistory(query)) all.push(...page.items);
        ctx.output.printJson(all);
        return;
      }
      // Rows are printed as pages arrive, so a long history shows (and pipes) at once.
      const table = ctx.output.table(EVENT_COLUMNS);
      for await (const page of client.iterateEventHistory(query)) table.push(page.items);
      table.end();
    });

  event
    .command("in-progress")
    .description("events live now")
    .action(async () => {
      printEvents(await ctx.authenticatedClient().listInProgressEvents(ctx.io.signal));
    });

  event
    .command("upcoming")
    .description("upcoming events")
    .option("--source <source>", "studio, encoder or video (or 1, 2, 3)", parseSource)
    .option("--scheduled", "only scheduled events")
    .action(async (options) => {
      const events = await ctx.authenticatedClient().listUpcomingEvents({
        source: options.source,
        scheduled: options.scheduled === true,
        signal: ctx.io.signal,
      });
      printEvents(events);
    });

  event
    .command("stream-key")
    .description("show an event's stream key and SRT URL (secrets: shown in full)")
    .argument("<id>", "event id (a UUID)", parseEventId)
    .action(async (id) => {
      printStreamKey(ctx, await ctx.authenticatedClient().getEventStreamKey(id, ctx.io.signal));
    });

  registerEventCreateCommands(event, ctx);
  registerEventDataCommands(event, ctx);
}
