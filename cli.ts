/**
 * The `restream` command. Builds the real process IO, runs the CLI and exits with its code.
 * The only file that calls `Deno.exit`.
 *
 * @module
 */

import { processEnv } from "./src/config.ts";
import type { CliIO } from "./src/cli/context.ts";
import type { Writer } from "./src/cli/output.ts";
import { interruptReason, runCli, SIGTERM_EXIT_CODE, StdoutClosed } from "./src/cli/run.ts";

/** A writer over a process stream that writes everything, synchronously (NDJSON flushes). */
function streamWriter(stream: { writeSync(p: Uint8Array): number }, isStdout: boolean): Writer {
  const encoder = new TextEncoder();
  const writeBytes = (bytes: Uint8Array): void => {
    try {
      while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
    } catch (error) {
      if (isStdout && error instanceof Deno.errors.BrokenPipe) throw new StdoutClosed();
      throw error;
    }
  };
  return { write: (text: string): void => writeBytes(encoder.encode(text)), writeBytes };
}

function terminalColumns(): number | undefined {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return undefined;
  }
}

/**
 * An abort signal for Ctrl+C and SIGTERM: the first one asks the running command to stop
 * (monitors close cleanly; anything else cleans up and exits 130, or 143 for SIGTERM); a
 * second one exits at once.
 */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  // Windows has no SIGTERM (SPEC.md, "Platforms").
  const signals = Deno.build.os === "windows"
    ? ["SIGINT"] as const
    : ["SIGINT", "SIGTERM"] as const;
  for (const signal of signals) {
    try {
      Deno.addSignalListener(signal, () => {
        if (controller.signal.aborted) Deno.exit(signal === "SIGTERM" ? SIGTERM_EXIT_CODE : 130);
        controller.abort(interruptReason(signal));
      });
    } catch {
      // Not available here: the default behaviour (exit) stays.
    }
  }
  return controller.signal;
}

/** The IO of the real process. */
export function realIO(): CliIO {
  const stdoutIsTerminal = Deno.stdout.isTerminal();
  const stderr = streamWriter(Deno.stderr, false);
  return {
    stdout: streamWriter(Deno.stdout, true),
    stderr,
    stdoutIsTerminal,
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
    columns: stdoutIsTerminal ? terminalColumns() : undefined,
    env: processEnv,
    // A getter: creating the stream loads Deno's streams code (~2 ms), only for commands
    // that read stdin.
    get stdin(): ReadableStream<Uint8Array> {
      return Deno.stdin.readable;
    },
    signal: interruptSignal(),
    openBrowser: async (url) => (await import("./src/auth/browser.ts")).openInBrowser(url),
    promptSecret: async (prompt) =>
      (await import("./src/cli/prompt.ts")).promptHidden(prompt, stderr),
  };
}

/** Runs the CLI with the process arguments and exits. */
export async function main(args: readonly string[] = Deno.args): Promise<never> {
  const code = await runCli(args, realIO());
  Deno.exit(code);
}

if (import.meta.main) await main();
