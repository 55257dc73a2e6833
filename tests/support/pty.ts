/**
 * Runs the real CLI on a terminal: `script -qc` gives it a pseudo-terminal, so stdout and
 * stderr are a terminal (and arrive together, with CRLF line ends turned back into LF).
 */

import { type ProcessResult, runProgram } from "./subprocess.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** Quotes a word for /bin/sh. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The /bin/sh command line that runs `restream <args>`. */
export function cliCommandLine(args: string[]): string {
  return [Deno.execPath(), "run", "-A", "--quiet", CLI, ...args].map(shellQuote).join(" ");
}

/** Options of {@link runInTerminal}. */
export interface TerminalOptions {
  /** The terminal's width; without it the pty keeps the size `script` gives it. */
  columns?: number;
}

/**
 * Runs `restream <args>` on a pseudo-terminal with exactly `env` (plus `NO_COLOR=1`, which
 * `NO_COLOR: ""` turns off, and a PATH for the shell's own tools).
 */
export async function runInTerminal(
  args: string[],
  env: Record<string, string>,
  options: TerminalOptions = {},
): Promise<ProcessResult> {
  const resize = options.columns === undefined ? "" : `stty cols ${options.columns} 2>/dev/null; `;
  const result = await runProgram("script", ["-qec", resize + cliCommandLine(args), "/dev/null"], {
    env: { PATH: "/usr/bin:/bin", ...env },
  });
  return { ...result, stdout: result.stdout.replaceAll("\r\n", "\n") };
}
