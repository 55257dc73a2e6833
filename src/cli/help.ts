/**
 * Help text rendered from the command tree, in the manner of gh: USAGE, the commands by
 * group, arguments, flags with their type, default and allowed values, the global flags,
 * EXAMPLES and LEARN MORE; wrapped to the terminal's width, bold headings only when colour is
 * on (a terminal, no NO_COLOR, no --no-color).
 *
 * @module
 */

import { type CommandSpec, type FlagSpec, flagUsage, GROUPS, longName } from "./spec.ts";
import type { GlobalFlag } from "./parse.ts";
import type { Style } from "./style.ts";

/** How help is laid out. */
export interface HelpOptions {
  /** Terminal width (80 when unknown). */
  columns?: number;
  /** Styling of headings (identity when colour is off). */
  style: Style;
}

const INDENT = "  ";

const GROUP_TITLES: Record<typeof GROUPS[number], string> = {
  core: "CORE COMMANDS",
  account: "ACCOUNT COMMANDS",
  streaming: "STREAMING COMMANDS",
  tools: "TOOLS",
};

/** A command's examples; a group without its own shows the first of each subcommand's. */
export function examplesOf(command: CommandSpec): readonly string[] {
  if (command.examples?.length) return command.examples;
  return (command.subcommands ?? []).flatMap((sub) =>
    examplesOf(sub).filter((e) => !e.startsWith("#")).slice(0, 1)
  );
}

/** The whole help of the command at the end of `path` (`path[0]` is the program). */
export function renderHelp(
  path: readonly CommandSpec[],
  globals: readonly GlobalFlag[],
  options: HelpOptions,
): string {
  const width = Math.max(40, options.columns ?? 80);
  const command = path[path.length - 1];
  const program = path[0].name;
  const sections: string[] = [];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) sections.push(`${options.style.bold(title)}\n${body.join("\n")}`);
  };

  const intro = [command.summary, command.description].filter(Boolean).join("\n\n");
  sections.push(wrap(capitalise(intro), width, "").join("\n"));
  section("USAGE", usageLines(path).map((line) => INDENT + line));

  const subs = command.subcommands ?? [];
  if (path.length === 1) {
    // One column width for every group, so the lists line up.
    const pad = Math.max(...subs.map((c) => c.name.length + 1));
    for (const group of GROUPS) {
      const rows = subs.filter((c) => c.group === group).map((c) => commandRow(c, pad));
      section(`${GROUP_TITLES[group]}`, table(rows, width));
    }
    section("OTHER COMMANDS", table(subs.filter((c) => !c.group).map((c) => commandRow(c)), width));
  } else {
    section("COMMANDS", table(subs.map((c) => commandRow(c)), width));
  }
  section(
    "ARGUMENTS",
    table((command.args ?? []).map((a) => [argName(a.name, a.variadic), argText(a)]), width),
  );
  section("FLAGS", table((command.flags ?? []).map(flagRow), width));
  section(path.length === 1 ? "FLAGS" : "INHERITED FLAGS", table(globals.map(flagRow), width));
  if (command.notes) {
    section("NOTES", command.notes.split("\n").flatMap((l) => noteLines(l, width)));
  }
  section("EXAMPLES", examplesOf(command).map((e) => INDENT + (e.startsWith("#") ? e : `$ ${e}`)));
  const rest = path.slice(1).map((c) => c.name).join(" ");
  const more = subs.length > 0
    ? `Use '${
      [program, rest, "<command> --help"].filter(Boolean).join(" ")
    }' for more information about a command.`
    : `Use '${program} help' for the list of commands.`;
  section("LEARN MORE", [
    ...wrap(more, width, INDENT),
    ...wrap(
      `Every command and flag: the "Command reference" section of the README.`,
      width,
      INDENT,
    ),
  ]);
  return `${sections.join("\n\n")}\n`;
}

/** The USAGE lines: how the command is called (and how its subcommands are). */
export function usageLines(path: readonly CommandSpec[]): string[] {
  const command = path[path.length - 1];
  const name = path.map((c) => c.name).join(" ");
  const lines: string[] = [];
  if (command.run || !command.subcommands) {
    const required = (command.flags ?? []).filter((f) => f.required).map(flagUsage);
    const args = (command.args ?? []).map((a) => {
      const text = argName(a.name, a.variadic);
      return a.optional || a.variadic ? `[${text}]` : text;
    });
    lines.push([name, ...args, ...required, "[flags]"].join(" "));
  }
  if (command.subcommands) {
    lines.push(
      path.length === 1 ? `${name} <command> <subcommand> [flags]` : `${name} <command> [flags]`,
    );
  }
  return lines;
}

function argName(name: string, variadic?: boolean): string {
  return variadic ? `<${name}>...` : `<${name}>`;
}

function argText(arg: { summary: string; choices?: readonly string[] }): string {
  return arg.choices ? `${arg.summary} {${arg.choices.join("|")}}` : arg.summary;
}

function commandRow(command: CommandSpec, pad = 0): [string, string] {
  return [`${command.name}:`.padEnd(pad), command.summary];
}

function flagRow(flag: FlagSpec): [string, string] {
  const names = `${flag.short ? `-${flag.short}, ` : "    "}${longName(flag)}`;
  const left = flag.type ? `${names} ${flag.type}` : names;
  const notes: string[] = [];
  if (flag.choices) notes.push(`{${flag.choices.join("|")}}`);
  if (flag.default !== undefined && typeof flag.default !== "boolean") {
    notes.push(`(default ${JSON.stringify(flag.default)})`);
  }
  if (flag.required) notes.push("(required)");
  if (flag.repeatable) notes.push("(repeatable)");
  return [left, [flag.summary, ...notes].join(" ")];
}

/** Two columns: names padded to the widest, descriptions wrapped to the width. */
function table(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  if (rows.length === 0) return [];
  const left = Math.max(...rows.map(([name]) => name.length));
  const textWidth = width - INDENT.length - left - 3;
  return rows.flatMap(([name, text]) => {
    if (textWidth < 24) {
      // Past the flag names' own indent ("      --dry-run"), so a name stands out.
      return [INDENT + name, ...wrap(text, width, INDENT.repeat(4))];
    }
    const [first, ...rest] = wrap(text, textWidth, "");
    const pad = " ".repeat(INDENT.length + left + 3);
    return [`${INDENT}${name.padEnd(left)}   ${first}`, ...rest.map((line) => pad + line)];
  });
}

/**
 * One line of NOTES, wrapped; a line laid out as a table row (`fish        restream …`) keeps
 * its text under its text column when it wraps.
 */
function noteLines(line: string, width: number): string[] {
  const label = line.match(/^ *\S+ {2,}/)?.[0];
  if (label === undefined) return wrap(line, width, INDENT);
  const hang = " ".repeat(label.length);
  return wrap(line.slice(label.length), width - INDENT.length - label.length, "")
    .map((text, i) => `${INDENT}${i === 0 ? label : hang}${text}`);
}

/** Wraps text at spaces to `width` columns, each line starting with `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    const room = Math.max(1, width - indent.length);
    // A word wider than the line (a long URL or example) is cut, not left to overflow.
    const words = paragraph.split(" ").flatMap((w) =>
      w.length <= room ? [w] : (w.match(new RegExp(`.{1,${room}}`, "g")) ?? [w])
    );
    for (const word of words) {
      if (line !== "" && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
