/**
 * Runs the CLI for an argument list and turns every outcome into an exit code. The one
 * place that maps errors to messages and exit codes (SPEC.md, "Exit codes").
 *
 * @module
 */

import { type ErrorKind, EXIT_CODES, RestreamError } from "../errors.ts";
import { maskSecrets } from "../http/mask.ts";
import { VERSION } from "../version.ts";
import { CliContext, type CliIO } from "./context.ts";
import { jsonText } from "./json_text.ts";
import { findSubcommand, parseCommandLine, pathName } from "./parse.ts";
import { PartsFailed } from "./parts.ts";
import { type CommandSpec, flagKey } from "./spec.ts";
import { terminalSafe } from "./terminal_safe.ts";
import { GLOBAL_FLAGS, ROOT } from "./tree.ts";

/** Thrown by the stdout writer when the reader went away (`… | head`). */
export class StdoutClosed extends Error {
  /** Creates the marker error. */
  constructor() {
    super("stdout closed");
    this.name = "StdoutClosed";
  }
}

/**
 * Parses and runs one command line; never throws, never exits.
 *
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CliContext(io);
  try {
    await execute(ctx, argv);
    return 0;
  } catch (error) {
    return report(ctx, error, pathName(namedPath(argv)));
  } finally {
    await ctx.close();
  }
}

/**
 * Parses one command line against the tree and does what it says: run the command (its
 * client, session and token store loaded first unless it is `offline`), print help, or
 * print the version. Throws what the command throws.
 */
export async function execute(ctx: CliContext, argv: readonly string[]): Promise<void> {
  const parsed = parseCommandLine(ROOT, GLOBAL_FLAGS, argv, (flag, value) => {
    (ctx.globals as unknown as Record<string, unknown>)[flagKey(flag)] = value;
  });
  if (parsed.kind === "version") return ctx.io.stdout.write(`${VERSION}\n`);
  if (parsed.kind === "help") {
    return (await import("./help_command.ts")).printHelp(ctx, parsed.path);
  }
  const command = parsed.path[parsed.path.length - 1];
  if (!command.offline) await ctx.load();
  await command.run!(ctx, parsed.input);
}

/** The commands the arguments name, for the "--help" hint of a usage error. */
function namedPath(argv: readonly string[]): CommandSpec[] {
  const path = [ROOT];
  for (const token of argv) {
    if (token === "--") break;
    const next = findSubcommand(path[path.length - 1], token);
    if (next) path.push(next);
  }
  return path;
}

interface Failure {
  kind: ErrorKind;
  status: number | null;
  message: string;
  hint?: string;
}

function report(ctx: CliContext, error: unknown, active: string): number {
  if (error instanceof StdoutClosed) return 0;
  // The command printed its document and one line per failed part already.
  if (error instanceof PartsFailed) return 1;
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
