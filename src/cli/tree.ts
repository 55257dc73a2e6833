/**
 * The command tree: every command, argument and flag of the CLI as data (spec.ts). The parser,
 * the help, the shell completions and the README's command reference all come from it.
 *
 * A top-level command is an entry here (name, group, summary); the rest of its spec is in
 * src/cli/specs/ and is imported only when a command line names it ({@link treeFor}), so a
 * command loads its own spec and no other, and `--help` loads none. Handlers are imported only
 * when their command runs.
 *
 * @module
 */

import { MOCK_FLAG_SUMMARY } from "./mock_mode.ts";
import type { GlobalFlag } from "./parse.ts";
import type { CommandEntry, CommandSpec } from "./spec.ts";

/** The name users type. */
export const PROGRAM_NAME = "restream";

/**
 * The global flags (SPEC.md, "Commands"): accepted before or after any command word, shown in
 * every command's help. Those without an action are stored in `CliContext.globals` under
 * their key (`--no-color` sets `color` to false). None takes a value, so the first word of a
 * command line that is not a flag is always the top-level command ({@link treeFor}).
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

/** Every top-level command but `help`, in the order the top-level help lists them in a group. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "platforms",
    group: "core",
    summary: "list streaming platforms (no login needed)",
    load: async () => (await import("./specs/public.ts")).PLATFORMS,
  },
  {
    name: "servers",
    group: "core",
    summary: "list ingest servers (no login needed)",
    load: async () => (await import("./specs/public.ts")).SERVERS,
  },
  {
    name: "status",
    group: "core",
    summary: "what is set up now: account, channels, live and next event",
    load: async () => (await import("./specs/preset.ts")).STATUS,
  },
  {
    name: "channel",
    group: "core",
    summary: "list and change channels",
    load: async () => (await import("./specs/channel.ts")).CHANNEL,
  },
  {
    name: "preset",
    group: "core",
    summary: "named channel setups to switch to before a show",
    load: async () => (await import("./specs/preset.ts")).PRESET,
  },
  {
    name: "event",
    group: "core",
    summary: "live, upcoming and past events",
    load: async () => (await import("./specs/event.ts")).EVENT,
  },
  {
    name: "storage",
    group: "core",
    summary: "files in the account's video storage",
    load: async () => (await import("./specs/media.ts")).STORAGE,
  },
  {
    name: "clip",
    group: "core",
    summary: "AI clips made from stored videos",
    load: async () => (await import("./specs/media.ts")).CLIP,
  },
  {
    name: "login",
    group: "account",
    summary: "log in with your Restream app (OAuth2 in the browser)",
    load: async () => (await import("./specs/account.ts")).LOGIN,
  },
  {
    name: "logout",
    group: "account",
    summary: "revoke the stored tokens (best effort) and delete them",
    load: async () => (await import("./specs/account.ts")).LOGOUT,
  },
  {
    name: "auth",
    group: "account",
    summary: "inspect and manage the login",
    load: async () => (await import("./specs/account.ts")).AUTH,
  },
  {
    name: "profile",
    group: "account",
    summary: "show the account's profile",
    load: async () => (await import("./specs/account.ts")).PROFILE,
  },
  {
    name: "ingest",
    group: "streaming",
    summary: "the ingest server the account uses",
    load: async () => (await import("./specs/account.ts")).INGEST,
  },
  {
    name: "chat",
    group: "streaming",
    summary: "the account's web chat",
    load: async () => (await import("./specs/account.ts")).CHAT,
  },
  {
    name: "stream-key",
    group: "streaming",
    summary: "the account's default stream key",
    load: async () => (await import("./specs/account.ts")).STREAM_KEY,
  },
  {
    name: "monitor",
    group: "streaming",
    summary: "watch live streaming metrics or chat (stops with Ctrl+C or --duration)",
    load: async () => (await import("./specs/monitor.ts")).MONITOR,
  },
  {
    name: "api",
    group: "tools",
    summary: "send an authenticated request to a REST path and print the response body",
    load: async () => (await import("./specs/tools.ts")).API,
  },
  {
    name: "mock",
    group: "tools",
    summary: "a local mock Restream server for offline development and tests",
    load: async () => (await import("./specs/tools.ts")).MOCK,
  },
  {
    name: "completions",
    group: "tools",
    summary: "print a shell completion script (bash, zsh, fish or powershell)",
    load: async () => (await import("./specs/tools.ts")).COMPLETIONS,
  },
  {
    name: "version",
    group: "tools",
    summary: "show the versions of the CLI, Deno, V8, TypeScript and the OS",
    load: async () => (await import("./specs/tools.ts")).VERSION,
  },
];

/** The root of the tree, its subcommands aside. */
const ROOT: Omit<CommandSpec, "subcommands"> = {
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
};

/** A top-level command's whole spec: its entry and what its spec module adds. */
async function loaded(entry: CommandEntry): Promise<CommandSpec> {
  return { ...await entry.load(), ...unloaded(entry) };
}

/**
 * A top-level command whose spec is not loaded: its entry alone, which the top-level help and
 * typo suggestions need. The parser never goes into one ({@link treeFor} loads the one named).
 */
function unloaded(entry: CommandEntry): CommandSpec {
  return { name: entry.name, group: entry.group, summary: entry.summary };
}

function root(subcommands: readonly CommandSpec[]): CommandSpec {
  return { ...ROOT, subcommands: [...subcommands, HELP_COMMAND] };
}

/** The first word of a command line that is not a flag (none after `--`). */
function commandWord(argv: readonly string[]): string | undefined {
  for (const token of argv) {
    if (token === "--") return undefined;
    if (!token.startsWith("-") || token === "-") return token;
  }
  return undefined;
}

/**
 * The tree a command line needs: the top-level command its first word names, loaded; every
 * other one as its entry. A word that names none loads nothing (the parser reports it).
 */
export async function treeFor(argv: readonly string[]): Promise<CommandSpec> {
  const word = commandWord(argv);
  return root(
    await Promise.all(
      COMMANDS.map((entry) => entry.name === word ? loaded(entry) : unloaded(entry)),
    ),
  );
}

/** The top-level commands as entries only, none loaded (the fallback when loading failed). */
export function entriesTree(): CommandSpec {
  return root(COMMANDS.map(unloaded));
}

/** The whole tree, every command loaded: for completions, the README reference and tests. */
export async function fullTree(): Promise<CommandSpec> {
  return root(await Promise.all(COMMANDS.map(loaded)));
}
