/**
 * Help in the manner of gh (issue 13): USAGE, commands by group, flags with type, default and
 * allowed values, inherited global flags, EXAMPLES, LEARN MORE; wrapped to the terminal;
 * colour only on a terminal without NO_COLOR or --no-color.
 */

import assert from "node:assert/strict";
import { examplesOf } from "../../src/cli/help.ts";
import type { CommandSpec } from "../../src/cli/spec.ts";
import { stripAnsi } from "../../src/cli/style.ts";
import { fullTree } from "../../src/cli/tree.ts";
import { runCapture } from "../support/cli.ts";

const ESC = "\x1b";
const ESCAPE = new RegExp(`${ESC}\\[`);

async function help(argv: string[], terminal?: number, env?: Record<string, string>) {
  const result = await runCapture(argv, { terminal, env });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  return result.stdout;
}

function sections(text: string): string[] {
  return text.split("\n").filter((line) => /^[A-Z][A-Z ]+$/.test(line));
}

Deno.test("the program's help: usage, the four groups, flags, examples, learn more", async () => {
  const text = await help(["--help"]);
  assert.deepEqual(sections(text), [
    "USAGE",
    "CORE COMMANDS",
    "ACCOUNT COMMANDS",
    "STREAMING COMMANDS",
    "TOOLS",
    "FLAGS",
    "EXAMPLES",
    "LEARN MORE",
  ]);
  assert.match(text, /\nCORE COMMANDS\n {2}platforms: +list streaming platforms/);
  assert.match(text, /\nACCOUNT COMMANDS\n {2}login: /);
  assert.match(text, /\nSTREAMING COMMANDS\n(.+\n)* {2}monitor: /);
  assert.match(text, /\nTOOLS\n(.+\n)* {2}help: +show help for a command/);
  assert.match(text, /\n {2}\$ restream mock serve\n/);
  assert.doesNotMatch(text, /\[options\]/);
});

Deno.test("a command's help: usage with required flags, types, defaults, choices, inherited flags", async () => {
  const add = await help(["channel", "add", "--help"]);
  assert.match(
    add,
    /\nUSAGE\n {2}restream channel add --platform <id\|name> --url <url> --key <key> \[flags\]\n/,
  );
  assert.match(add, /--key string +stream key [^]*?\(required\)/);
  const set = await help(["channel", "meta", "set", "--help"]);
  // Either flag, or both: neither is required on its own.
  assert.match(set, /\nUSAGE\n {2}restream channel meta set <id> \[flags\]\n/);
  assert.match(set, /\nARGUMENTS\n {2}<id> +channel id/);
  assert.match(set, /--title string +new title \(not empty, at most 140 characters\)\n/);
  assert.match(set, /\nINHERITED FLAGS\n(.+\n)* +--json +print JSON/);
  assert.match(set, /\nEXAMPLES\n {2}\$ restream channel meta set 1030301 --title /);
  assert.match(
    await help(["event", "list", "-h"]),
    /--limit int +how many past events \(1-100\) \(default 10\)/,
  );
  assert.match(
    await help(["event", "upcoming", "-h"]),
    /--source string +[^]*?\{studio\|encoder\|video\}/,
  );
  assert.match(await help(["storage", "download", "-h"]), /-o, --output path +file to write/);
  assert.match(
    await help(["mock", "serve", "-h"]),
    /--host address +address to listen on [^]*?\(default "127\.0\.0\.1"\)/,
  );
  assert.match(
    await help(["completions", "-h"]),
    /<shell> +the shell \{bash\|zsh\|fish\|powershell\}/,
  );
});

Deno.test("every command has examples (a group shows its subcommands' first ones)", async () => {
  const missing: string[] = [];
  const walk = (command: CommandSpec, path: string[]): void => {
    const examples = examplesOf(command);
    if (examples.filter((e) => !e.startsWith("#")).length === 0) missing.push(path.join(" "));
    for (const e of examples.filter((e) => !e.startsWith("#"))) {
      assert.match(e, /^(restream|echo|source) /, `${path.join(" ")}: ${e}`);
    }
    for (const sub of command.subcommands ?? []) walk(sub, [...path, sub.name]);
  };
  walk(await fullTree(), ["restream"]);
  assert.deepEqual(missing, []);
});

Deno.test("help is wrapped to the terminal width", async () => {
  for (const columns of [60, 100]) {
    const text = await help(["mock", "serve", "--help"], columns);
    const long = text.split("\n").filter((line) =>
      stripAnsi(line).length > columns && !line.includes("$ restream")
    );
    assert.deepEqual(long, [], `${columns} columns`);
  }
  const piped = await help(["mock", "serve", "--help"]);
  assert.ok(piped.split("\n").some((line) => line.length > 60), "80 columns when piped");
});

Deno.test("on a narrow terminal a flag's description is indented under its name", async () => {
  const text = stripAnsi(await help(["preset", "apply", "--help"], 40));
  assert.match(text, /\n {6}--dry-run\n {8}print what would change/);
  assert.match(text, /\n {2}-v, --verbose\n {8}log requests/);
});

Deno.test("a NOTES line laid out as a table row wraps under its own text column", async () => {
  const text = stripAnsi(await help(["completions", "--help"], 60));
  assert.match(
    text,
    /\n {4}fish {8}restream completions fish >\n {16}~\/\.config\/fish\/completions\/restream\.fish\n/,
  );
  for (const line of text.split("\n")) assert.ok(line.length <= 60, line);
});

Deno.test("bold headings on a terminal only, and never with NO_COLOR or --no-color", async () => {
  assert.match(await help(["--help"], 100), new RegExp(`${ESC}\\[1mUSAGE${ESC}\\[22m`));
  assert.doesNotMatch(await help(["--help"]), ESCAPE);
  assert.doesNotMatch(await help(["--help"], 100, { NO_COLOR: "1" }), ESCAPE);
  assert.doesNotMatch(await help(["--no-color", "--help"], 100), ESCAPE);
  assert.doesNotMatch(await help(["--help", "--no-color"], 100), ESCAPE);
});
