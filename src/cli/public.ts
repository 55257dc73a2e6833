/**
 * `platforms` and `servers`: the public endpoints. No login, no config directory, no
 * Authorization header.
 *
 * @module
 */

import type { Platform } from "../schemas/platform.ts";
import type { Server } from "../schemas/server.ts";
import type { CliContext } from "./context.ts";
import type { Column } from "./output.ts";

const PLATFORM_COLUMNS: Column<Platform>[] = [
  { header: "ID", value: (p) => String(p.id), keep: true },
  { header: "NAME", value: (p) => p.name, color: (text, _p, style) => style.cyan(text), min: 20 },
  { header: "URL", value: (p) => p.url ?? "", keep: true, priority: 1 },
];

const SERVER_COLUMNS: Column<Server>[] = [
  { header: "ID", value: (s) => String(s.id), keep: true },
  { header: "NAME", value: (s) => s.name, color: (text, _s, style) => style.cyan(text), min: 20 },
  // The URL is what `servers` is for: whole, and never left out.
  { header: "RTMP URL", value: (s) => s.rtmpUrl ?? "", keep: true },
  { header: "LOCATION", value: (s) => formatLocation(s), keep: true, priority: 1 },
];

/** `platforms`. */
export async function listPlatforms(ctx: CliContext): Promise<void> {
  const platforms = await ctx.publicClient().listPlatforms(ctx.io.signal);
  ctx.output.printList(platforms, PLATFORM_COLUMNS);
}

/** `servers`. */
export async function listServers(ctx: CliContext): Promise<void> {
  const servers = await ctx.publicClient().listServers(ctx.io.signal);
  ctx.output.printList(servers, SERVER_COLUMNS);
}

function formatLocation(server: Server): string {
  // The API sends strings, empty for "Autodetect".
  const known = (value: unknown): boolean => value !== null && value !== undefined && value !== "";
  if (!known(server.latitude) || !known(server.longitude)) return "";
  return `${server.latitude}, ${server.longitude}`;
}
