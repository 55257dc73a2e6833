/**
 * Yes/no questions for destructive commands. Asked only when stdin is a terminal: a script
 * never waits for a keypress, it must say `--yes` instead (SPEC.md: nothing waits for a
 * keypress unless asked).
 *
 * @module
 */

import { RestreamError, UsageError } from "../errors.ts";
import { readFirstLine } from "./args.ts";
import type { CliContext } from "./context.ts";

/**
 * True when the action may go ahead: `--yes` was given, or the user answered yes on a
 * terminal. Without a terminal and without `--yes` it is a usage error.
 */
export async function confirmed(ctx: CliContext, question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.stdinIsTerminal || ctx.io.stdin === undefined) {
    throw new UsageError("stdin is not a terminal: pass --yes to confirm");
  }
  ctx.io.stderr.write(`${question} [y/N] `);
  const answer = await untilAborted(readFirstLine(ctx.io.stdin), ctx.io.signal);
  return /^y(es)?$/i.test(answer);
}

/**
 * Ctrl+C at the question ends the wait at once (kind `interrupted`, exit 130): the pending
 * read of stdin would otherwise hold on until a line is typed.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new RestreamError("interrupted", "cancelled at the prompt"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
