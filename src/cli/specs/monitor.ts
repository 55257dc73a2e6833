/**
 * The specs (beyond their entries in ../tree.ts) of `monitor streaming` and `monitor chat`
 * (handler: ../monitor_run.ts, which loads the WebSocket modules and renderers only when a
 * monitor runs).
 *
 * @module
 */

import { parseDuration } from "../args.ts";
import type { MonitorFlags } from "../monitor_run.ts";
import type { CommandBody, FlagSpec } from "../spec.ts";

const DURATION: FlagSpec = {
  long: "duration",
  type: "seconds",
  summary: "stop after this many seconds",
  parse: parseDuration,
};

/** `monitor` and its subcommands. */
export const MONITOR: CommandBody = {
  subcommands: [
    {
      name: "streaming",
      summary: "live encoder and destination metrics",
      flags: [
        DURATION,
        { long: "live", summary: "on a terminal, redraw a compact status view in place" },
      ],
      examples: [
        "restream monitor streaming --live",
        "restream monitor streaming --duration 5 --json",
      ],
      run: async (ctx, { flags }) =>
        (await import("../monitor_run.ts")).runMonitor(ctx, "streaming", flags as MonitorFlags),
    },
    {
      name: "chat",
      summary: "live chat from every platform",
      flags: [DURATION],
      examples: ["restream monitor chat", "restream monitor chat --duration 5 --json"],
      run: async (ctx, { flags }) =>
        (await import("../monitor_run.ts")).runMonitor(ctx, "chat", flags as MonitorFlags),
    },
  ],
};
