/**
 * Runs a monitor command in-process against a test server and stops it (like Ctrl+C) once
 * its output shows what the test waits for, so tests neither depend on how fast a busy
 * machine is nor stop before the messages they check were printed.
 */

import { type CaptureOptions, type CliResult, runCapture } from "./cli.ts";
import { deadline } from "./deadline.ts";
import type { WsTestServer } from "./ws_server.ts";

/** The output of a run so far. */
export interface Output {
  stdout: string;
  stderr: string;
}

/** Options of {@link runWhileServing}. */
export interface ServeOptions {
  /** Connections to wait for before looking at the output; 1 by default. */
  connections?: number;
  /**
   * True once the output shows everything the test checks. To check that something was NOT
   * printed, wait for a later message: whatever would have been printed came before it.
   */
  until: (output: Output) => boolean;
}

/** Lines of a text, the last one without its newline left out. */
export function lineCount(text: string): number {
  return text.split("\n").length - 1;
}

/**
 * Runs `argv`, waits for the server's connections and for `until`, then aborts the run. A
 * deadline turns a wait that never ends into a failure that shows the output so far.
 */
export async function runWhileServing(
  argv: string[],
  server: WsTestServer,
  options: CaptureOptions,
  serve: ServeOptions,
): Promise<CliResult> {
  const controller = new AbortController();
  let output: Output = { stdout: "", stderr: "" };
  let ready: (() => void) | undefined;
  const shown = new Promise<void>((resolve) => ready = resolve);
  const run = runCapture(argv, {
    ...options,
    signal: controller.signal,
    onOutput: (now) => {
      options.onOutput?.(now);
      output = now;
      if (serve.until(now)) ready?.();
    },
  });
  // A run that ends by itself (an error) ends the waits too: its result tells what happened.
  const ended = run.then(() => {});
  try {
    await deadline(
      Promise.race([server.waitForConnections(serve.connections ?? 1), ended]),
      "the monitor's connections",
    );
    if (!serve.until(output)) {
      await deadline(Promise.race([shown, ended]), "the expected output").catch((error) => {
        throw new Error(`${error.message}; stdout:\n${output.stdout}\nstderr:\n${output.stderr}`);
      });
    }
  } finally {
    controller.abort();
  }
  return await deadline(run, "the monitor's end after Ctrl+C");
}
