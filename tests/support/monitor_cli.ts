/**
 * Runs a monitor command in-process against a test server and stops it (like Ctrl+C) a
 * moment after the server saw its connections, so tests do not depend on how fast a busy
 * machine connects.
 */

import { type CaptureOptions, type CliResult, runCapture } from "./cli.ts";
import type { WsTestServer } from "./ws_server.ts";

/** Options of {@link runWhileServing}. */
export interface ServeOptions {
  /** Connections to wait for before stopping; 1 by default. */
  connections?: number;
  /** How long to let messages flow after that, in ms; 100 by default. */
  settleMs?: number;
}

/** Runs `argv`, waits for the server's connections and `settleMs`, then aborts the run. */
export async function runWhileServing(
  argv: string[],
  server: WsTestServer,
  options: CaptureOptions = {},
  serve: ServeOptions = {},
): Promise<CliResult> {
  const controller = new AbortController();
  const run = runCapture(argv, { ...options, signal: controller.signal });
  await server.waitForConnections(serve.connections ?? 1);
  await new Promise((resolve) => setTimeout(resolve, serve.settleMs ?? 100));
  controller.abort();
  return await run;
}
