/**
 * `help [command...]` (as in gh: `restream help channel meta` = `restream channel meta -h`),
 * and the help printer every `--help`, bare group and bare `restream` goes through.
 *
 * @module
 */

import type { CliContext } from "./context.ts";
import { renderHelp } from "./help.ts";
import { findSubcommand, unknownCommand } from "./parse.ts";
import type { CommandSpec } from "./spec.ts";
import { createStyle } from "./style.ts";
import { GLOBAL_FLAGS, treeFor } from "./tree.ts";

/** Prints the help of a command path to stdout; bold headings only where colour is on. */
export function printHelp(ctx: CliContext, path: readonly CommandSpec[]): void {
  let noColor = false;
  try {
    noColor = ctx.io.env("NO_COLOR") !== undefined;
  } catch {
    // An environment we may not read: no colour, rather than no help.
    noColor = true;
  }
  const color = ctx.io.stdoutIsTerminal && ctx.globals.color && !noColor;
  ctx.io.stdout.write(
    renderHelp(path, GLOBAL_FLAGS, { columns: ctx.io.columns, style: createStyle(color) }),
  );
}

/** `help [command...]`: the help of the named command; an unknown word is a usage error. */
export async function helpFor(ctx: CliContext, words: readonly string[]): Promise<void> {
  const path: CommandSpec[] = [await treeFor(words)];
  for (const word of words) {
    const next = findSubcommand(path[path.length - 1], word);
    if (!next) throw unknownCommand(word, path);
    path.push(next);
  }
  printHelp(ctx, path);
}
