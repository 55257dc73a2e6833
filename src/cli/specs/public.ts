/**
 * The tree entries of `platforms` and `servers` (handlers: ../public.ts).
 *
 * @module
 */

import type { CommandSpec } from "../spec.ts";

/** `platforms` and `servers`. */
export const PUBLIC_COMMANDS: readonly CommandSpec[] = [
  {
    name: "platforms",
    group: "core",
    summary: "list streaming platforms (no login needed)",
    publicOnly: true,
    examples: ["restream platforms", "restream platforms --json"],
    run: async (ctx) => (await import("../public.ts")).listPlatforms(ctx),
  },
  {
    name: "servers",
    group: "core",
    summary: "list ingest servers (no login needed)",
    publicOnly: true,
    examples: ["restream servers", "restream servers --json"],
    run: async (ctx) => (await import("../public.ts")).listServers(ctx),
  },
];
