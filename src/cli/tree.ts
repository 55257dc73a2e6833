/**
 * The command tree: every command, argument and flag of the CLI as data (spec.ts). The parser,
 * the help, the shell completions and the README's command reference all come from it.
 * Handlers are imported only when their command runs, so `--help` and usage errors load none.
 *
 * @module
 */

import { MOCK_FLAG_SUMMARY } from "./mock_mode.ts";
import type { GlobalFlag } from "./parse.ts";
import type { CommandSpec } from "./spec.ts";
import { ACCOUNT_COMMANDS } from "./specs/account.ts";
import { CHANNEL_COMMAND } from "./specs/channel.ts";
import { EVENT_COMMAND } from "./specs/event.ts";
import { CLIP_COMMAND, STORAGE_COMMAND } from "./specs/media.ts";
import { MONITOR_COMMAND } from "./specs/monitor.ts";
import { PRESET_COMMAND, STATUS_COMMAND } from "./specs/preset.ts";
import { PUBLIC_COMMANDS } from "./specs/public.ts";
import { TOOL_COMMANDS } from "./specs/tools.ts";

/** The name users type. */
export const PROGRAM_NAME = "restream";

/**
 * The global flags (SPEC.md, "Commands"): accepted before or after any command word, shown in
 * every command's help. Those without an action are stored in `CliContext.globals` under
 * their key (`--no-color` sets `color` to false).
 */
export const GLOBAL_FLAGS: readonly GlobalFlag[] = [
  { long: "json", summary: "print JSON (one document; NDJSON for monitors)" },
  { long: "verbose", short: "v", summary: "log requests to stderr, secrets masked" },
  { long: "color", negated: true, summary: "disable colour (so does NO_COLOR)" },
  { long: "mock", summary: MOCK_FLAG_SUMMARY },
  { long: "help", short: "h", summary: "show help for a command", action: "help" },
  { long: "version", short: "V", summary: "print the version number", action: "version" },
];

/** `help [command...]`: answered by run.ts from the tree. */
const HELP_COMMAND: CommandSpec = {
  name: "help",
  group: "tools",
  summary: "show help for a command",
  args: [{ name: "command", summary: "the command, e.g. 'channel meta'", variadic: true }],
  offline: true,
  examples: ["restream help channel meta", "restream channel meta --help"],
  run: async (ctx, { args }) =>
    (await import("./help_command.ts")).helpFor(ctx, args.command as string[]),
};

/** The whole tree; its subcommands are listed in this order within their group. */
export const ROOT: CommandSpec = {
  name: PROGRAM_NAME,
  summary: "command-line client for the Restream.io API",
  examples: [
    "restream login",
    "restream channel list",
    "restream event list --json",
    "restream monitor chat",
    "# no account needed: any command against a built-in mock API",
    "restream --mock channel list",
    "# or one mock server shared by many commands",
    "restream mock serve",
  ],
  subcommands: [
    ...PUBLIC_COMMANDS,
    STATUS_COMMAND,
    CHANNEL_COMMAND,
    PRESET_COMMAND,
    EVENT_COMMAND,
    STORAGE_COMMAND,
    CLIP_COMMAND,
    ...ACCOUNT_COMMANDS,
    MONITOR_COMMAND,
    ...TOOL_COMMANDS,
    HELP_COMMAND,
  ],
};
