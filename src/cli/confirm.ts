/**
 * Yes/no questions for destructive commands. Asked only when stdin is a terminal: a script
 * never waits for a keypress, it must say `--yes` instead (SPEC.md: nothing waits for a
 * keypress unless asked).
 *
 * @module
 */

import { UsageError } from "../errors.ts";
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
  const answer = await readFirstLine(ctx.io.stdin);
  return /^y(es)?$/i.test(answer);
}
