/**
 * Runs the CLI for an argument list and turns every outcome into an exit code. The one
 * place that maps errors to messages and exit codes (SPEC.md, "Exit codes").
 *
 * @module
 */

import { type ErrorKind, EXIT_CODES, RestreamError, UsageError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { CliContext, type CliIO } from "./context.ts";
import { jsonText } from "./json_text.ts";
import { findSubcommand, parseCommandLine, pathName } from "./parse.ts";
import { PartsFailed } from "./parts.ts";
import { type CommandSpec, flagKey } from "./spec.ts";
import { singleLine } from "./terminal_safe.ts";
import { entriesTree, GLOBAL_FLAGS, treeFor } from "./tree.ts";

/** Thrown by the stdout writer when the reader went away (`… | head`). */
export class StdoutClosed extends Error {
  /** Creates the marker error. */
  constructor() {
    super("stdout closed");
    this.name = "StdoutClosed";
  }
}

/** Exit code of a command stopped by SIGTERM (SPEC.md, "Exit codes"); Ctrl+C is 130. */
export const SIGTERM_EXIT_CODE = 143;

/**
 * How long a command that was told to stop (Ctrl+C, SIGTERM) gets to clean up (cancel its
 * request, remove a partial download) before the run ends anyway.
 */
const INTERRUPT_GRACE_MS = 1_000;

/**
 * The abort reason the process gives its run's signal, naming the signal so the exit code
 * can tell Ctrl+C (130) from SIGTERM (143).
 */
export function interruptReason(signal: "SIGINT" | "SIGTERM"): DOMException {
  return new DOMException(signal, "AbortError");
}

function terminated(signal: AbortSignal | undefined): boolean {
  const reason = signal?.reason;
  return signal?.aborted === true && reason instanceof DOMException && reason.message === "SIGTERM";
}

/**
 * The signal of each run that reached its command. Only such a run read `io.signal`, which
 * installs the process's signal listeners (~0.4 ms); before that no Ctrl+C was caught, so
 * the error report of a usage error need not read it (and install them) either.
 */
const commandSignals = new WeakMap<CliContext, AbortSignal>();

/**
 * Runs the command, but once the run's signal aborts, a command that does not stop
 * gracefully (everything but the monitors and the mock server) ends within
 * {@link INTERRUPT_GRACE_MS}, whatever it was waiting for.
 */
function untilInterrupted(ctx: CliContext, work: Promise<unknown>): Promise<unknown> {
  const signal = ctx.io.signal;
  if (signal === undefined) return work;
  commandSignals.set(ctx, signal);
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      timer = setTimeout(() => {
        if (!ctx.stopsGracefully) reject(interruptedError(signal));
      }, INTERRUPT_GRACE_MS);
    };
    const settle = (): void => {
      signal.removeEventListener("abort", onAbort);
      // Only when set: any timer call loads Deno's Node timers (~5 ms at start-up).
      if (timer !== undefined) clearTimeout(timer);
    };
    work.then((value) => (settle(), resolve(value)), (error) => (settle(), reject(error)));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}

function interruptedError(signal: AbortSignal): RestreamError {
  return new RestreamError("interrupted", terminated(signal) ? "terminated" : "interrupted");
}

/**
 * Parses and runs one command line; never throws, never exits.
 *
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CliContext(io);
  // The tree the line needs, loaded once for the run and for the hint of a usage error; the
  // entries alone when loading the named command's spec is what failed.
  let tree = entriesTree();
  try {
    tree = await treeFor(argv);
    await execute(ctx, argv, tree);
    return 0;
  } catch (error) {
    return report(ctx, error, pathName(namedPath(tree, argv)));
  } finally {
    await ctx.close();
  }
}

/**
 * Parses one command line against the tree and does what it says: run the command (its
 * client, session and token store loaded first unless it is `offline`), print help, or
 * print the version. Throws what the command throws; once the run's signal aborts, a command
 * that does not stop gracefully is given up on after a grace period (see untilInterrupted).
 * `tree` is {@link treeFor}'s for this line, when the caller has it already.
 */
export async function execute(
  ctx: CliContext,
  argv: readonly string[],
  tree?: CommandSpec,
): Promise<void> {
  const root = tree ?? await treeFor(argv);
  const parsed = parseCommandLine(root, GLOBAL_FLAGS, argv, (flag, value) => {
    (ctx.globals as unknown as Record<string, unknown>)[flagKey(flag)] = value;
  });
  if (parsed.kind === "version") return ctx.io.stdout.write(`${VERSION}\n`);
  if (parsed.kind === "help") {
    return (await import("./help_command.ts")).printHelp(ctx, parsed.path);
  }
  const command = parsed.path[parsed.path.length - 1];
  // Only a command reads the run's signal: help and the version never install the signal
  // listeners (the first costs ~0.4 ms); Ctrl+C there ends the process the default way.
  await untilInterrupted(
    ctx,
    (async () => {
      if (command.offline) await ctx.prepare();
      else if (command.publicOnly) await ctx.loadClient();
      else await ctx.load();
      await command.run!(ctx, parsed.input);
    })(),
  );
}

/** The commands the arguments name, for the "--help" hint of a usage error. */
function namedPath(tree: CommandSpec, argv: readonly string[]): CommandSpec[] {
  const path = [tree];
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
  const signal = commandSignals.get(ctx);
  const failure = describe(error, active, ctx);
  // No masking here: the run's stderr masks every secret it writes (CliContext).
  const message = failure.message;
  // After Ctrl+C the terminal shows `^C` where the cursor was (a [y/N] question, a progress
  // bar): start on a fresh line, as the monitors' summary does.
  const fresh = signal?.aborted && !terminated(signal) && ctx.io.stderrIsTerminal ? "\n" : "";
  try {
    if (ctx.globals.json) {
      const body = { error: { kind: failure.kind, status: failure.status, message } };
      ctx.io.stderr.write(`${fresh}${jsonText(body)}\n`);
    } else {
      // One line, terminal-safe: the message may quote an error body or a close reason.
      ctx.io.stderr.write(`${fresh}error: ${singleLine(message)}\n`);
      if (failure.hint) ctx.io.stderr.write(`${failure.hint}\n`);
    }
  } catch {
    // stderr is gone too: nothing left to tell anyone.
  }
  if (failure.kind === "interrupted" && terminated(signal)) return SIGTERM_EXIT_CODE;
  return EXIT_CODES[failure.kind];
}

function describe(error: unknown, active: string, ctx: CliContext): Failure {
  if (error instanceof RestreamError) {
    const help = error.kind === "usage" && !(error instanceof UsageError && !error.helpHint);
    return {
      kind: error.kind,
      status: error.status,
      message: tokenRejected(error, ctx)
        ? `RESTREAM_TOKEN was rejected by the API (${error.message})`
        : error.message,
      hint: help ? `Run '${active} --help' for usage.` : undefined,
    };
  }
  if (
    error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied ||
    // A module imported lazily (deno.json `lazy-dynamic-imports`) that may not be read
    // fails its import() with a plain TypeError carrying the same message.
    (error instanceof TypeError && /^Requires \w+ access to /.test(error.message))
  ) {
    return { kind: "usage", status: null, message: `permission denied: ${firstLine(error)}` };
  }
  return { kind: "server", status: null, message: `unexpected error: ${firstLine(error)}` };
}

/**
 * A token from `RESTREAM_TOKEN` is never refreshed, so when the API refuses it the variable
 * is what the user must change: name it rather than suggest logging in.
 */
function tokenRejected(error: RestreamError, ctx: CliContext): boolean {
  if (error.kind !== "auth") return false;
  if (error.status !== 401 && error.code !== "token_rejected") return false;
  return ctx.usesEnvToken();
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0];
}
