/**
 * The global options of SPEC.md (`--json`, `-v`, `--no-color`, `--mock`, `-h`, `-V`), added
 * to every command so they work before or after the command name, and recorded in the context
 * as the parser meets them (so even a run that fails to parse knows it was asked for JSON).
 *
 * @module
 */

import { CommanderError, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import { VERSION } from "../version.ts";
import type { CliContext } from "./context.ts";
import { MOCK_FLAG_SUMMARY } from "./mock_mode.ts";

/**
 * Walks the whole command tree: adds the global options to every command and makes a group
 * command (one with subcommands and no action of its own) print its help to stdout.
 */
export function applyGlobalOptions(command: CommandUnknownOpts, ctx: CliContext): void {
  command
    .option("--json", "print JSON (one document; NDJSON for monitors)")
    .option("-v, --verbose", "log requests to stderr, secrets masked")
    .option("--no-color", "disable colour")
    .option("--mock", MOCK_FLAG_SUMMARY)
    .option("-V, --version", "print the version number");
  command.on("option:json", () => ctx.globals.json = true);
  command.on("option:verbose", () => ctx.globals.verbose = true);
  command.on("option:no-color", () => ctx.globals.color = false);
  command.on("option:mock", () => ctx.globals.mock = true);
  command.on("option:version", () => {
    ctx.io.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, "commander.version", VERSION);
  });
  const isGroup = command.commands.length > 0;
  if (isGroup && !hasAction(command)) {
    command.allowExcessArguments(true).action(() => {
      const [unknown] = command.args;
      if (unknown !== undefined) {
        const near = command.commands.map((c) => c.name()).filter((name) =>
          editDistance(name, unknown) <= 2
        );
        const suggestion = near.length > 0 ? ` (did you mean ${near.join(" or ")}?)` : "";
        throw new UsageError(
          `unknown command '${unknown}' for '${commandPath(command)}'${suggestion}`,
        );
      }
      ctx.io.stdout.write(command.helpInformation());
    });
    ctx.runsWithoutRuntime(command);
  }
  for (const sub of command.commands) applyGlobalOptions(sub, ctx);
}

/** The full name of a command, e.g. "restream channel meta set". */
export function commandPath(command: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

function hasAction(command: CommandUnknownOpts): boolean {
  // commander keeps the handler private; its presence is what tells a group from a leaf.
  return (command as unknown as { _actionHandler: unknown })._actionHandler != null;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
