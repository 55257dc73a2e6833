/**
 * Runs the real CLI on a terminal: `script -qc` gives it a pseudo-terminal, so stdout and
 * stderr are a terminal (and arrive together, with CRLF line ends turned back into LF).
 */

import { type ProcessResult, runProgram } from "./subprocess.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** Quotes a word for /bin/sh. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Runs `restream <args>` on a pseudo-terminal with exactly `env` (plus `NO_COLOR=1`). */
export async function runInTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<ProcessResult> {
  const command = [Deno.execPath(), "run", "-A", "--quiet", CLI, ...args].map(shellQuote).join(" ");
  const result = await runProgram("script", ["-qec", command, "/dev/null"], { env });
  return { ...result, stdout: result.stdout.replaceAll("\r\n", "\n") };
}
