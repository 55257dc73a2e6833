/**
 * Runs the CLI in-process with captured streams: the second test layer (a command against a
 * fake fetch), with stdout as a terminal or as a pipe.
 */

import type { CliIO } from "../../src/cli/context.ts";
import { runCli } from "../../src/cli/run.ts";
import type { FetchLike } from "../../src/http/http.ts";
import type { MonitorTuning } from "../../src/ws/monitor.ts";
import type { ReplayTiming } from "../../src/cli/streaming_lines.ts";

/** What a run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCapture}. */
export interface CaptureOptions {
  /** Environment variables; nothing from the real environment leaks in. */
  env?: Record<string, string>;
  fetch?: FetchLike;
  /** Pretend stdout is a terminal of this many columns. */
  terminal?: number;
  /** Text fed to stdin. */
  stdin?: string;
  stdinIsTerminal?: boolean;
  /** Pretend stderr is a terminal. */
  stderrIsTerminal?: boolean;
  signal?: AbortSignal;
  /** Monitor timing (fast backoff, short watchdog). */
  monitorTuning?: MonitorTuning;
  /** Called after every write with all output so far: a test waits for output this way. */
  onOutput?: (output: { stdout: string; stderr: string }) => void;
  /** How `monitor streaming` tells its replay burst from live updates. */
  replayTiming?: ReplayTiming;
}

/** Runs one command line and captures its output. */
export async function runCapture(argv: string[], options: CaptureOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const env = options.env ?? {};
  const wrote = (): void => options.onOutput?.({ stdout, stderr });
  const io: CliIO = {
    stdout: {
      write: (text) => {
        stdout += text;
        wrote();
      },
    },
    stderr: {
      write: (text) => {
        stderr += text;
        wrote();
      },
    },
    stdoutIsTerminal: options.terminal !== undefined,
    stdinIsTerminal: options.stdinIsTerminal ?? false,
    stderrIsTerminal: options.stderrIsTerminal ?? false,
    columns: options.terminal,
    env: (name) => env[name],
    fetch: options.fetch ?? (() => Promise.reject(new Error("no fetch in this test"))),
    stdin: options.stdin === undefined
      ? undefined
      : ReadableStream.from([new TextEncoder().encode(options.stdin)]),
    signal: options.signal,
    monitorTuning: options.monitorTuning,
    replayTiming: options.replayTiming,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
