/**
 * README's command reference is generated from the command tree (scripts/command_reference.ts):
 * a command, argument or flag added to the tree without `deno task docs` fails here.
 */

import assert from "node:assert/strict";
import { commandReference, withReference } from "../scripts/command_reference.ts";
import { fullTree } from "../src/cli/tree.ts";
import { runProgram } from "./support/subprocess.ts";

async function fmtMarkdown(text: string): Promise<string> {
  const out = await runProgram(Deno.execPath(), ["fmt", "--ext", "md", "-"], {
    stdin: text,
    cwd: new URL("..", import.meta.url).pathname,
  });
  assert.equal(out.code, 0, out.stderr);
  return out.stdout;
}

Deno.test("README's command reference is the one generated from the tree (deno task docs)", async () => {
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  const expected = await fmtMarkdown(withReference(readme, commandReference(await fullTree())));
  assert.ok(
    readme === expected,
    "README.md's command reference is out of date: run `deno task docs`",
  );
});

Deno.test("the reference lists every runnable command of the tree with its arguments and flags", async () => {
  const root = await fullTree();
  const text = commandReference(root);
  const walk = (command: typeof root, path: string[]): string[] => [
    ...(command.run ? [path.join(" ")] : []),
    ...(command.subcommands ?? []).flatMap((c) => walk(c, [...path, c.name])),
  ];
  for (const path of walk(root, [])) assert.ok(text.includes(`| \`${path}`), path);
  assert.ok(text.includes("`channel meta set <id> [--title string] [--description string]`"));
  assert.ok(text.includes("[--source studio\\|encoder\\|video]"));
  assert.ok(text.includes("[-f\\|--raw-field key=value]..."));
});
