/**
 * `status`: the account, the channels (the titles of the enabled ones read after the list,
 * four at a time), the event in progress, the next upcoming one and, with `--health`, each
 * channel's last stream report, all requested at once. A part that fails (a missing scope, a
 * server error) does not sink the rest (SPEC.md, per-part results).
 *
 * @module
 */

import type { RestreamClient } from "../client.ts";
import { runPool } from "../pool.ts";
import type { ChannelMeta, ChannelSummary } from "../schemas/channel.ts";
import type { RestreamEvent } from "../schemas/event.ts";
import type { Profile } from "../schemas/profile.ts";
import type { UpdateOutgoing } from "../ws/streaming_schemas.ts";
import type { CliContext } from "./context.ts";
import { toDate } from "./format.ts";
import { type Part, type PartFailure, partJson, reportFailures, settle } from "./parts.ts";
import { loadPlatformNames } from "./platform_names.ts";
import { readHealth } from "./status_health.ts";
import { renderStatus } from "./status_render.ts";

/** The flags of `status`. */
export interface StatusFlags {
  /** `--health`. */
  health: boolean;
}

/** Everything `status` gathered, each part on its own. */
export interface StatusData {
  /** GET /v2/user/profile. */
  account: Part<Profile>;
  /** GET /v2/user/channel/all. */
  channels: Part<ChannelSummary[]>;
  /** The title and description of each enabled channel. */
  metas: ReadonlyMap<number, Part<ChannelMeta>>;
  /** Events in progress. */
  live: Part<RestreamEvent[]>;
  /** The next upcoming event, or null. */
  next: Part<RestreamEvent | null>;
  /** With `--health`: the last report of each channel. */
  health?: Part<UpdateOutgoing[]>;
}

/** How many channel titles are read at once. */
const META_CONCURRENCY = 4;

/** Runs `status`. */
export async function runStatus(ctx: CliContext, flags: StatusFlags): Promise<void> {
  // Checked before any request: the token must be allowed to go there (SPEC.md, "Tokens stay
  // with their origin"); a usage error (exit 2) otherwise.
  const socketUrl = flags.health ? ctx.webSocketUrl("streaming") : undefined;
  const client = ctx.authenticatedClient();
  const signal = ctx.io.signal;
  const metas = new Map<number, Part<ChannelMeta>>();
  const outcomes = await Promise.allSettled(
    [
      settle(client.getProfile(signal)),
      settle(readChannels(client, metas, signal)),
      settle(client.listInProgressEvents(signal)),
      settle(client.listUpcomingEvents({ signal }).then(nextEvent)),
      socketUrl === undefined ? undefined : settle(readHealth(ctx, socketUrl)),
      loadPlatformNames(ctx, client, !ctx.output.json),
    ] as const,
  );
  // Only a fatal error (login rejected, interrupted) rejects; it ends the command.
  for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
  const [account, channels, live, next, health, names] = outcomes.map((o) =>
    (o as PromiseFulfilledResult<unknown>).value
  ) as [
    StatusData["account"],
    StatusData["channels"],
    StatusData["live"],
    StatusData["next"],
    StatusData["health"],
    Awaited<ReturnType<typeof loadPlatformNames>>,
  ];
  const data: StatusData = { account, channels, metas, live, next, health };
  if (ctx.output.json) ctx.output.printJson(statusDocument(data));
  else renderStatus(ctx.output, data, names, Date.now());
  reportFailures(ctx, failures(data));
}

/** The channel list, then the titles of the enabled channels (each read on its own). */
async function readChannels(
  client: RestreamClient,
  metas: Map<number, Part<ChannelMeta>>,
  signal?: AbortSignal,
): Promise<ChannelSummary[]> {
  const channels = await client.listChannels(signal);
  const enabled = channels.filter((channel) => channel.enabled === true);
  await runPool(enabled, META_CONCURRENCY, async (channel) => {
    metas.set(channel.id, await settle(client.getChannelMeta(channel.id, signal)));
  });
  return channels;
}

/** The scheduled event that comes first; an unscheduled one only when none is scheduled. */
function nextEvent(upcoming: readonly RestreamEvent[]): RestreamEvent | null {
  // Read as the status block shows it (format.ts), so the first shown is the first due.
  const at = (event: RestreamEvent): number => {
    const value = event.scheduledFor;
    if (value === null || value === undefined || value === "") return Infinity;
    return toDate(value)?.getTime() ?? Infinity;
  };
  let best: RestreamEvent | null = null;
  for (const event of upcoming) if (best === null || at(event) < at(best)) best = event;
  return best;
}

/**
 * `{"account","channels","live","next","health"?}`: the API's objects as sent; an enabled
 * channel carries its `meta` (title and description); a failed part holds its error.
 */
function statusDocument(data: StatusData): Record<string, unknown> {
  const document: Record<string, unknown> = {
    account: partJson(data.account),
    channels: partJson(data.channels, (channels) =>
      channels.map((channel) => {
        const meta = data.metas.get(channel.id);
        return meta === undefined ? channel : { ...channel, meta: partJson(meta) };
      })),
    live: partJson(data.live),
    next: partJson(data.next),
  };
  if (data.health !== undefined) document.health = partJson(data.health);
  return document;
}

/** One entry per failed part, in the document's order. */
function failures(data: StatusData): PartFailure[] {
  const list: PartFailure[] = [];
  const add = (part: string, outcome: Part<unknown> | undefined): void => {
    if (outcome !== undefined && !outcome.ok) list.push({ part, error: outcome.error });
  };
  add("account", data.account);
  add("channels", data.channels);
  for (const [id, meta] of [...data.metas].sort(([a], [b]) => a - b)) {
    add(`channel ${id} title`, meta);
  }
  add("live events", data.live);
  add("upcoming events", data.next);
  add("health", data.health);
  return list;
}
