/**
 * The specs (beyond their entries in ../tree.ts) of `platforms` and `servers` (handlers:
 * ../public.ts).
 *
 * @module
 */

import type { CommandBody } from "../spec.ts";

/** `restream platforms`. */
export const PLATFORMS: CommandBody = {
  publicOnly: true,
  examples: ["restream platforms", "restream platforms --json"],
  run: async (ctx) => (await import("../public.ts")).listPlatforms(ctx),
};

/** `restream servers`. */
export const SERVERS: CommandBody = {
  publicOnly: true,
  examples: ["restream servers", "restream servers --json"],
  run: async (ctx) => (await import("../public.ts")).listServers(ctx),
};
