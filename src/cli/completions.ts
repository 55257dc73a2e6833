/**
 * `completions bash|zsh|fish|powershell`: a shell completion script generated from the
 * command tree, so it can never drift from the commands that exist.
 *
 * @module
 */

import { completionNodes } from "./completion_model.ts";
import { bashScript, zshScript } from "./completion_posix.ts";
import { fishScript } from "./completion_fish.ts";
import { powershellScript } from "./completion_powershell.ts";
import type { CliContext } from "./context.ts";
import type { CommandSpec, FlagSpec } from "./spec.ts";
import type { SHELLS } from "./specs/tools.ts";
import { fullTree, GLOBAL_FLAGS } from "./tree.ts";

/** The script for a shell, for a tree (the CLI's whole tree; tests pass a small one). */
export function completionScript(
  shell: typeof SHELLS[number],
  root: CommandSpec,
  globals: readonly FlagSpec[] = GLOBAL_FLAGS,
): string {
  const nodes = completionNodes(root, globals);
  switch (shell) {
    case "bash":
      return bashScript(nodes);
    case "zsh":
      return zshScript(nodes);
    case "fish":
      return fishScript(nodes);
    case "powershell":
      return powershellScript(nodes);
  }
}

/** `completions <shell>`. */
export async function printCompletions(
  ctx: CliContext,
  shell: typeof SHELLS[number],
): Promise<void> {
  ctx.io.stdout.write(completionScript(shell, await fullTree()));
}
