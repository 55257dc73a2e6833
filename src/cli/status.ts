/**
 * `status [--health]`: what is set up right now, on one screen. Only the definition lives
 * here; the work (status_run.ts) is loaded when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { CliContext } from "./context.ts";

/** Registers `status`. */
export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command("status")
    .description(
      "what is set up right now: the account, the enabled channels and their titles, the " +
        "event in progress, the next one",
    )
    .option("--health", "also each channel's stream status and bitrate (streaming API, ≤ 3 s)")
    .action(async (options) =>
      (await import("./status_run.ts")).runStatus(ctx, { health: options.health === true })
    );
}
