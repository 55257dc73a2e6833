/**
 * The `restream` command. Builds the real process IO, runs the CLI and exits with its code.
 * The only file that calls `Deno.exit`.
 *
 * @module
 */

import { processEnv } from "./src/config.ts";
import type { CliIO } from "./src/cli/context.ts";
import type { Writer } from "./src/cli/output.ts";
import { runCli, StdoutClosed } from "./src/cli/run.ts";

/** A writer over a process stream that writes everything, synchronously (NDJSON flushes). */
function streamWriter(stream: { writeSync(p: Uint8Array): number }, isStdout: boolean): Writer {
  const encoder = new TextEncoder();
  return {
    write(text: string): void {
      let bytes = encoder.encode(text);
      try {
        while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
      } catch (error) {
        if (isStdout && error instanceof Deno.errors.BrokenPipe) throw new StdoutClosed();
        throw error;
      }
    },
  };
}

function terminalColumns(): number | undefined {
  try {
    return Deno.consoleSize().columns;
  } catch {
    return undefined;
  }
}

/** The IO of the real process. */
export function realIO(): CliIO {
  const stdoutIsTerminal = Deno.stdout.isTerminal();
  return {
    stdout: streamWriter(Deno.stdout, true),
    stderr: streamWriter(Deno.stderr, false),
    stdoutIsTerminal,
    stdinIsTerminal: Deno.stdin.isTerminal(),
    columns: stdoutIsTerminal ? terminalColumns() : undefined,
    env: processEnv,
    stdin: Deno.stdin.readable,
  };
}

/** Runs the CLI with the process arguments and exits. */
export async function main(args: readonly string[] = Deno.args): Promise<never> {
  const code = await runCli(args, realIO());
  Deno.exit(code);
}

if (import.meta.main) await main();
