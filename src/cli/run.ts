/**
 * Runs the CLI for an argument list and turns every outcome into an exit code. The one
 * place that maps errors to messages and exit codes (SPEC.md, "Exit codes").
 *
 * @module
 */

import { CommanderError, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { type ErrorKind, EXIT_CODES, RestreamError } from "../errors.ts";
import { maskSecrets } from "../http/mask.ts";
import { CliContext, type CliIO } from "./context.ts";
import { commandPath } from "./globals.ts";
import { jsonText } from "./json_text.ts";
import { buildProgram, PROGRAM_NAME } from "./program.ts";
import { terminalSafe } from "./terminal_safe.ts";

/** Thrown by the stdout writer when the reader went away (`… | head`). */
export class StdoutClosed extends Error {
  /** Creates the marker error. */
  constructor() {
    super("stdout closed");
    this.name = "StdoutClosed";
  }
}

const SUCCESS_CODES = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

/**
 * Parses and runs one command line; never throws, never exits.
 *
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CliContext(io);
  let program: CommandUnknownOpts | undefined;
  try {
    program = buildProgram(ctx);
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    const active = program ? commandPath(deepestCommand(program, argv)) : PROGRAM_NAME;
    return report(ctx, error, active);
  }
}

/** The command the arguments name, for the "--help" hint of a usage error. */
function deepestCommand(
  program: CommandUnknownOpts,
  argv: readonly string[],
): CommandUnknownOpts {
  let current = program;
  for (const token of argv) {
    if (token === "--") break;
    const next = current.commands.find((c) => c.name() === token || c.aliases().includes(token));
    if (next) current = next;
  }
  return current;
}

interface Failure {
  kind: ErrorKind;
  status: number | null;
  message: string;
  hint?: string;
}

function report(ctx: CliContext, error: unknown, active: string): number {
  if (error instanceof StdoutClosed) return 0;
  if (error instanceof CommanderError && SUCCESS_CODES.has(error.code)) return 0;
  const failure = describe(error, active);
  const message = maskSecrets(failure.message);
  try {
    if (ctx.globals.json) {
      const body = { error: { kind: failure.kind, status: failure.status, message } };
      ctx.io.stderr.write(`${jsonText(body)}\n`);
    } else {
      // One line, terminal-safe: the message may quote an error body or a close reason.
      ctx.io.stderr.write(`error: ${terminalSafe(message, { singleLine: true })}\n`);
      if (failure.hint) ctx.io.stderr.write(`${failure.hint}\n`);
    }
  } catch {
    // stderr is gone too: nothing left to tell anyone.
  }
  return EXIT_CODES[failure.kind];
}

function describe(error: unknown, active: string): Failure {
  if (error instanceof CommanderError) {
    const match = /^\(Did you mean (.+)\?\)$/m.exec(error.message);
    const first = error.message.split("\n")[0].replace(/^error: /, "");
    return {
      kind: "usage",
      status: null,
      message: match ? `${first} (did you mean ${match[1]}?)` : first,
      hint: `Run '${active} --help' for usage.`,
    };
  }
  if (error instanceof RestreamError) {
    return {
      kind: error.kind,
      status: error.status,
      message: error.message,
      hint: error.kind === "usage" ? `Run '${active} --help' for usage.` : undefined,
    };
  }
  if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
    return { kind: "usage", status: null, message: `permission denied: ${firstLine(error)}` };
  }
  return { kind: "server", status: null, message: `unexpected error: ${firstLine(error)}` };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0];
}
