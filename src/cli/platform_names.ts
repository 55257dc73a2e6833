/**
 * Platform names for human output. Channels and destinations carry only a platform id; the
 * public platform list names it. The list is fetched only when something will be shown
 * (never for `--json`), and a failure to get it costs the names, not the command.
 *
 * @module
 */

import type { RestreamClient } from "../client.ts";
import { RestreamError } from "../errors.ts";
import type { CliContext } from "./context.ts";

/** Names a platform id; the id itself when the name is unknown. */
export type PlatformNamer = (id: number | null | undefined) => string;

/**
 * Fetches the platform list and returns a namer; falls back to ids if the list fails. Not
 * `needed` (nothing to name): no request, the namer shows ids.
 */
export async function loadPlatformNames(
  ctx: CliContext,
  client: RestreamClient,
  needed = true,
): Promise<PlatformNamer> {
  const names = new Map<number, string>();
  try {
    if (needed) {
      for (const p of await client.listPlatforms(ctx.io.signal)) names.set(p.id, p.name);
    }
  } catch (error) {
    if (error instanceof RestreamError && error.kind === "interrupted") throw error;
    const reason = error instanceof Error ? error.message : String(error);
    ctx.verbose(`platform names unavailable, showing ids: ${reason}`);
  }
  return (id) => (id === null || id === undefined ? "" : names.get(id) ?? String(id));
}
