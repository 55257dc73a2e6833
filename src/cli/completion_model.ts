/**
 * The command tree flattened for the completion scripts: one entry per command path (and per
 * `help …` path, so `restream help channel <Tab>` completes too), with its subcommands, its
 * flags (the global ones included) and what each flag's value completes to.
 *
 * @module
 */

import { type CommandSpec, type FlagSpec, longName } from "./spec.ts";

/** What a flag's value completes to. */
export type ValueKind =
  | { kind: "none" } // a switch: no value
  | { kind: "any" } // free text
  | { kind: "file" } // a path
  | { kind: "choice"; choices: readonly string[] };

/** One flag, for the scripts. */
export interface CompletionFlag {
  /** `--name` (or `--no-name`). */
  long: string;
  /** `-x`, when there is one. */
  short?: string;
  /** One line. */
  summary: string;
  /** What its value completes to. */
  value: ValueKind;
}

/** One command path. */
export interface CompletionNode {
  /** Space-separated words below the program ("" for the program itself). */
  path: string;
  /** Subcommands with their summaries. */
  subcommands: ReadonlyArray<{ name: string; summary: string }>;
  /** Flags, global ones included. */
  flags: readonly CompletionFlag[];
  /** Allowed values of the first positional argument (e.g. `completions <shell>`). */
  argChoices: readonly string[];
  /** The first positional argument is a file path (e.g. `preset import <file>`). */
  argFile: boolean;
}

function flagOf(flag: FlagSpec): CompletionFlag {
  const value: ValueKind = !flag.type
    ? { kind: "none" }
    : flag.file
    ? { kind: "file" }
    : flag.choices
    ? { kind: "choice", choices: flag.choices }
    : { kind: "any" };
  return {
    long: longName(flag),
    short: flag.short ? `-${flag.short}` : undefined,
    summary: flag.summary,
    value,
  };
}

/** Flattens the tree, depth first, the program first. */
export function completionNodes(
  root: CommandSpec,
  globals: readonly FlagSpec[],
): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const globalFlags = globals.map(flagOf);
  const visit = (command: CommandSpec, path: string, helpOf?: boolean): void => {
    const subs = (command.subcommands ?? []).filter((c) => !helpOf || c.name !== "help");
    nodes.push({
      path,
      subcommands: subs.map((c) => ({ name: c.name, summary: c.summary })),
      flags: helpOf ? globalFlags : [...(command.flags ?? []).map(flagOf), ...globalFlags],
      argChoices: helpOf ? [] : command.args?.[0]?.choices ?? [],
      argFile: !helpOf && command.args?.[0]?.file === true,
    });
    for (const sub of subs) visit(sub, path ? `${path} ${sub.name}` : sub.name, helpOf);
  };
  visit(root, "");
  // `help <command...>` completes like the commands themselves.
  const help = nodes.find((n) => n.path === "help");
  if (help) {
    nodes.splice(nodes.indexOf(help), 1);
    visit(root, "help", true);
  }
  return nodes;
}

/** Every word of a flag (long and short). */
export function flagWords(flag: CompletionFlag): string[] {
  return flag.short ? [flag.long, flag.short] : [flag.long];
}
