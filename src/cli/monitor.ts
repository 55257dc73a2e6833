/**
 * `monitor streaming` and `monitor chat`. Registration only: the WebSocket modules and the
 * renderers are imported when a monitor actually runs, so other commands start fast.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { parseDuration } from "./args.ts";
import type { CliContext } from "./context.ts";

/** Registers the `monitor` group. */
export function registerMonitorCommands(program: Command, ctx: CliContext): void {
  const monitor = program
    .command("monitor")
    .description("watch live streaming metrics or chat (stops with Ctrl+C or --duration)");

  monitor
    .command("streaming")
    .description("live encoder and destination metrics")
    .option("--duration <seconds>", "stop after this many seconds", parseDuration)
    .option("--live", "on a terminal, redraw a compact status view in place")
    .action(async (options) => {
      const { runMonitor } = await import("./monitor_run.ts");
      await runMonitor(ctx, "streaming", options);
    });

  monitor
    .command("chat")
    .description("live chat from every platform")
    .option("--duration <seconds>", "stop after this many seconds", parseDuration)
    .action(async (options) => {
      const { runMonitor } = await import("./monitor_run.ts");
      await runMonitor(ctx, "chat", options);
    });
}
