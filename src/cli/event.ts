/**
 * `event list|get|history|in-progress|upcoming|stream-key`.
 *
 * @module
 */

import type { UpcomingEventSource } from "../client/events.ts";
import type { CliContext } from "./context.ts";
import { EVENT_COLUMNS, eventEntries } from "./event_view.ts";
import { loadPlatformNames } from "./platform_names.ts";
import { printStreamKey } from "./stream_key.ts";
import { morePagesHint, pastEndNotice } from "./paging.ts";

/** `event list [--limit N]`. */
export async function listEvents(ctx: CliContext, limit: number): Promise<void> {
  const events = await ctx.authenticatedClient().listEvents({ limit, signal: ctx.io.signal });
  ctx.output.printList(events, EVENT_COLUMNS);
}

/** `event get <id>`. */
export async function showEvent(ctx: CliContext, id: string): Promise<void> {
  const client = ctx.authenticatedClient();
  const found = await client.getEvent(id, ctx.io.signal);
  if (ctx.output.json) return ctx.output.printJson(found);
  const hasDestinations = (found.destinations?.length ?? 0) > 0;
  const names = await loadPlatformNames(ctx, client, hasDestinations);
  ctx.output.printBlock(eventEntries(found, names));
}

/** `event history [--page N] [--limit N] [--all]`. */
export async function eventHistory(
  ctx: CliContext,
  options: { page: number; limit: number; all?: true },
): Promise<void> {
  const client = ctx.authenticatedClient();
  const query = {
    page: options.page,
    limit: options.limit,
    signal: ctx.io.signal,
    onWarning: ctx.warn,
  };
  if (!options.all) {
    const page = await client.getEventHistory(query);
    ctx.output.printList(page.items, EVENT_COLUMNS);
    const pages = page.pagination?.pages_total;
    if (pages !== undefined && options.page < pages) {
      morePagesHint(ctx.output, "events", { page: options.page + 1 });
    } else if (pages !== undefined && options.page > pages && page.items.length === 0) {
      pastEndNotice(ctx.output, "events", options.page, pages);
    }
    return;
  }
  await ctx.output.printPages(client.iterateEventHistory(query), (p) => p.items, EVENT_COLUMNS);
}

/** `event in-progress`. */
export async function inProgressEvents(ctx: CliContext): Promise<void> {
  const events = await ctx.authenticatedClient().listInProgressEvents(ctx.io.signal);
  ctx.output.printList(events, EVENT_COLUMNS);
}

/** `event upcoming [--source S] [--scheduled]`. */
export async function upcomingEvents(
  ctx: CliContext,
  options: { source?: UpcomingEventSource; scheduled?: true },
): Promise<void> {
  const events = await ctx.authenticatedClient().listUpcomingEvents({
    source: options.source,
    scheduled: options.scheduled === true,
    signal: ctx.io.signal,
  });
  ctx.output.printList(events, EVENT_COLUMNS);
}

/** `event stream-key <id>`. */
export async function showEventStreamKey(ctx: CliContext, id: string): Promise<void> {
  printStreamKey(ctx, await ctx.authenticatedClient().getEventStreamKey(id, ctx.io.signal));
}
