/**
 * The shape of the command tree (tree.ts): plain data that the parser (parse.ts), the help
 * (help.ts), the shell completions (completions.ts) and the README's command reference all
 * read, so they can never disagree. A command's handler is loaded only when it runs.
 *
 * To add a command: add its {@link CommandEntry} to tree.ts and its {@link CommandBody} to its
 * noun's file in src/cli/specs/, with a `run` that imports the handler from src/cli/<noun>.ts;
 * to add a flag, add a {@link FlagSpec} to the command's `flags` and read it in the handler.
 *
 * @module
 */

import type { CliContext } from "./context.ts";

/** The groups the top-level help lists commands in, in this order. */
export const GROUPS = ["core", "account", "streaming", "tools"] as const;
/** A group of top-level commands. */
export type Group = typeof GROUPS[number];

/** One flag of a command (or a global one). */
export interface FlagSpec {
  /** Long name without dashes, e.g. "page-size"; the value is keyed "pageSize". */
  long: string;
  /** One-letter short name, e.g. "o" for `-o`. */
  short?: string;
  /**
   * The value's type as help shows it ("string", "int", "number", "seconds", "path", "url",
   * "time"…); absent for a switch, which takes no value.
   */
  type?: string;
  /** One line for help and completions. */
  summary: string;
  /** The value's name in usage lines and messages (`--channel <id>`); the long name by default. */
  placeholder?: string;
  /** The value when the flag is absent (help shows it). */
  default?: string | number | boolean;
  /** The allowed values, for help and completions; checked unless `parse` is given. */
  choices?: readonly string[];
  /** Turns the text into the value; throws a UsageError for a bad one. */
  parse?: (raw: string) => unknown;
  /** Must be given. */
  required?: boolean;
  /** May be given more than once; the value is the array of every value. */
  repeatable?: boolean;
  /** Its value is a file or directory path (shells complete file names). */
  file?: boolean;
  /** Only `--no-<long>` exists: it sets the key to false (true otherwise). */
  negated?: boolean;
}

/** One positional argument of a command. */
export interface ArgSpec {
  /** Its name, as help shows it (`<id>`) and the handler reads it. */
  name: string;
  /** One line for help. */
  summary: string;
  /** Turns the text into the value; throws a UsageError for a bad one. */
  parse?: (raw: string) => unknown;
  /** May be left out. */
  optional?: boolean;
  /** Takes every remaining word (the value is an array). */
  variadic?: boolean;
  /** The allowed values, for help and completions; checked unless `parse` is given. */
  choices?: readonly string[];
  /** Its value is a file path (shells complete file names). */
  file?: boolean;
}

/** One flag as it was given on the command line. */
export interface GivenFlag {
  /** The flag. */
  flag: FlagSpec;
  /** Its parsed value. */
  value: unknown;
}

/** What a handler receives: parsed arguments and flags. */
export interface Input {
  /** Positional arguments by name, parsed. */
  args: Record<string, unknown>;
  /** Flags by camelCase key, parsed, defaults applied (an absent switch is undefined). */
  flags: Record<string, unknown>;
  /** The command's own flags in command-line order, for handlers where order matters. */
  given: readonly GivenFlag[];
}

/** Runs a command; the handler module is imported inside, so start-up never loads it. */
export type Handler = (ctx: CliContext, input: Input) => void | Promise<void>;

/** One command of the tree. */
export interface CommandSpec {
  /** The word users type. */
  name: string;
  /** One line: lists of commands and completions show it. */
  summary: string;
  /** Top-level commands: the group help lists it under. */
  group?: Group;
  /** Longer text for its help, after the summary. */
  description?: string;
  /** Positional arguments, in order. */
  args?: readonly ArgSpec[];
  /** Its own flags (the global ones are added everywhere). */
  flags?: readonly FlagSpec[];
  /** Invocations that work against `restream mock serve`, each with an optional comment. */
  examples?: readonly string[];
  /** Subcommands. A command with subcommands and no `run` prints its help. */
  subcommands?: readonly CommandSpec[];
  /** What it does. */
  run?: Handler;
  /** The handler uses no client, session or token store: they are not loaded for it. */
  offline?: boolean;
  /** The handler uses only the public endpoints: the client is loaded without session or store. */
  publicOnly?: boolean;
  /** Extra help text shown after the flags (e.g. how to install a script). */
  notes?: string;
}

/**
 * A top-level command's spec without what the tree's entry for it says (name, group, summary):
 * what its file in src/cli/specs/ exports, loaded only when a command line names it.
 */
export type CommandBody = Omit<CommandSpec, "name" | "group" | "summary">;

/**
 * A top-level command as tree.ts lists it: enough for the top-level help, typo suggestions and
 * the first word of a command line; `load` imports the rest of it.
 */
export interface CommandEntry {
  /** The word users type. */
  name: string;
  /** The group the top-level help lists it under. */
  group: Group;
  /** One line: lists of commands and completions show it. */
  summary: string;
  /** Imports its spec module and returns the rest of its spec. */
  load: () => Promise<CommandBody>;
}

/** The key a flag's value is stored under: camelCase of its long name. */
export function flagKey(flag: FlagSpec): string {
  return flag.long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A flag with its value, as usage lines and messages show it: `--title <title>`. */
export function flagUsage(flag: FlagSpec): string {
  return flag.type ? `${longName(flag)} <${flag.placeholder ?? flag.long}>` : longName(flag);
}

/** How a flag is written: `--page-size`, or `--no-browser` for a negated one. */
export function longName(flag: FlagSpec): string {
  return flag.negated ? `--no-${flag.long}` : `--${flag.long}`;
}
