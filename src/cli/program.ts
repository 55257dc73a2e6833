/**
 * Builds the command tree. Each noun lives in its own file and registers itself here; heavy
 * modules (client and schemas, monitors, login listener, downloader, mock server) are
 * imported only when a command runs that needs them, so `--help` and simple commands start
 * fast (tests/cli/startup_graph_test.ts keeps it so).
 *
 * @module
 */

import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { UsageError } from "../errors.ts";
import type { CliContext } from "./context.ts";
import { registerCompletionsCommand } from "./completions.ts";
import { registerAuthCommands } from "./auth.ts";
import { applyGlobalOptions, commandPath } from "./globals.ts";
import { registerAccountCommands } from "./account.ts";
import { registerApiCommand } from "./api.ts";
import { registerClipCommands } from "./clip.ts";
import { registerEventMediaCommands } from "./event_media.ts";
import { registerMockCommands } from "./mock.ts";
import { registerMonitorCommands } from "./monitor.ts";
import { registerPublicCommands } from "./public.ts";
import { registerStorageCommands } from "./storage.ts";
import { registerChannelCommands } from "./channel.ts";
import { registerEventCommands } from "./event.ts";
import { registerProfileCommand } from "./profile.ts";
import { registerStreamKeyCommands } from "./stream_key.ts";
import { registerVersionCommand } from "./version.ts";

/** The name users type. */
export const PROGRAM_NAME = "restream";

/** Every noun's registration, in the order help lists them. */
const REGISTRATIONS: ReadonlyArray<(program: Command, ctx: CliContext) => void> = [
  registerPublicCommands,
  registerAuthCommands,
  registerProfileCommand,
  registerAccountCommands,
  registerChannelCommands,
  registerEventCommands,
  // After registerEventCommands: it adds to the `event` command that one builds.
  registerEventMediaCommands,
  registerStreamKeyCommands,
  registerMonitorCommands,
  registerStorageCommands,
  registerClipCommands,
  registerApiCommand,
  registerVersionCommand,
  registerMockCommands,
  registerCompletionsCommand,
];

/** Builds the full command tree for one run. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command(PROGRAM_NAME)
    .description("Command-line client for the Restream.io API")
    .enablePositionalOptions()
    .exitOverride()
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // Errors are reported once, by run.ts, in the product's format.
      outputError: () => {},
      getOutHelpWidth: () => ctx.io.columns ?? 80,
      getErrHelpWidth: () => ctx.io.columns ?? 80,
      // Help is plain text. Saying so keeps commander from probing process.stdout for colour
      // support, which loads Node's stream and tty layers (tens of ms) on every `--help`.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    // Runs after parsing, before the action of whichever command was named: the client and
    // session modules are loaded only now, and only for commands that use them.
    .hook("preAction", (_program, action) => ctx.beforeAction(action));
  for (const register of REGISTRATIONS) register(program, ctx);
  registerHelpCommand(program, ctx);
  applyGlobalOptions(program, ctx);
  return program;
}

/** `help [command...]`, as in gh: `restream help channel meta` = `restream channel meta -h`. */
function registerHelpCommand(program: Command, ctx: CliContext): void {
  const help = program
    .command("help")
    .description("show help for a command")
    .argument("[command...]", "the command, e.g. 'channel meta'")
    .action((words) => {
      let command: CommandUnknownOpts = program;
      for (const word of words) {
        const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) throw new UsageError(`unknown command '${word}' for '${commandPath(command)}'`);
        command = next;
      }
      ctx.io.stdout.write(command.helpInformation());
    });
  ctx.runsWithoutRuntime(help);
}
