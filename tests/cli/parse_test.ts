/**
 * The command-line parser (src/cli/parse.ts) against a small tree: global flags anywhere but
 * never taken from another flag's value, the forms of flags, `--`, defaults, repeatable
 * flags, help and version, and one clear usage error for each kind of mistake.
 */

import assert from "node:assert/strict";
import { type GlobalFlag, parseCommandLine, type Parsed } from "../../src/cli/parse.ts";
import type { CommandSpec } from "../../src/cli/spec.ts";
import { UsageError } from "../../src/errors.ts";

const run = () => {};
const TREE: CommandSpec = {
  name: "restream",
  summary: "test",
  subcommands: [
    {
      name: "channel",
      summary: "channels",
      subcommands: [{
        name: "meta",
        summary: "meta",
        subcommands: [{
          name: "set",
          summary: "set",
          args: [{ name: "id", summary: "id", parse: (v) => Number(v) }],
          flags: [
            { long: "title", type: "string", summary: "title", required: true },
            { long: "description", type: "string", summary: "d" },
          ],
          run,
        }],
      }],
    },
    {
      name: "download",
      summary: "d",
      args: [{ name: "id", summary: "id" }],
      flags: [
        { long: "output", short: "o", type: "path", summary: "o" },
        { long: "force", short: "f", summary: "f" },
        { long: "yes", short: "y", summary: "y" },
        { long: "limit", type: "int", summary: "l", default: 10, parse: (v) => Number(v) },
        { long: "source", type: "string", summary: "s", choices: ["studio", "encoder"] },
        { long: "browser", negated: true, summary: "b" },
        { long: "field", short: "F", type: "kv", summary: "f", repeatable: true },
      ],
      run,
    },
    { name: "help", summary: "h", args: [{ name: "command", summary: "c", variadic: true }], run },
  ],
};
const GLOBALS: GlobalFlag[] = [
  { long: "json", summary: "json" },
  { long: "verbose", short: "v", summary: "v" },
  { long: "color", negated: true, summary: "c" },
  { long: "help", short: "h", summary: "h", action: "help" },
  { long: "version", short: "V", summary: "V", action: "version" },
];

function parse(argv: string[]): { parsed: Parsed; globals: Record<string, unknown> } {
  const globals: Record<string, unknown> = {};
  const parsed = parseCommandLine(TREE, GLOBALS, argv, (flag, value) => {
    globals[flag.long] = value;
  });
  return { parsed, globals };
}

function input(argv: string[]) {
  const { parsed } = parse(argv);
  assert.equal(parsed.kind, "run", argv.join(" "));
  return (parsed as Extract<Parsed, { kind: "run" }>).input;
}

function usage(argv: string[], message: RegExp): Record<string, unknown> {
  const globals: Record<string, unknown> = {};
  assert.throws(
    () => parseCommandLine(TREE, GLOBALS, argv, (flag, value) => void (globals[flag.long] = value)),
    (e) => e instanceof UsageError && message.test(e.message),
    argv.join(" "),
  );
  return globals;
}

Deno.test("a flag's value is never read as a global flag: --title -V sets the title", () => {
  assert.deepEqual(input(["channel", "meta", "set", "1", "--title", "-V"]).flags, { title: "-V" });
  assert.deepEqual(input(["channel", "meta", "set", "1", "--title", "--json"]).flags, {
    title: "--json",
  });
  assert.equal(input(["channel", "meta", "set", "1", "--title=-h"]).flags.title, "-h");
  assert.equal(input(["download", "x", "-o", "-v"]).flags.output, "-v");
});

Deno.test("global flags before, between and after the command words", () => {
  for (
    const argv of [
      ["--json", "channel", "meta", "set", "1", "--title", "t"],
      ["channel", "--json", "meta", "set", "1", "--title", "t"],
      ["channel", "meta", "set", "--json", "1", "--title", "t"],
      ["channel", "meta", "set", "1", "--title", "t", "--json"],
    ]
  ) {
    const { parsed, globals } = parse(argv);
    assert.equal(parsed.kind, "run", argv.join(" "));
    assert.deepEqual(globals, { json: true }, argv.join(" "));
  }
  assert.deepEqual(parse(["-v", "--no-color", "download", "x"]).globals, {
    verbose: true,
    color: false,
  });
});

Deno.test("flag forms: --name=value, -o value, -ovalue, clustered switches, --", () => {
  assert.equal(input(["download", "x", "--output=a.mp4"]).flags.output, "a.mp4");
  assert.equal(input(["download", "x", "-o", "a.mp4"]).flags.output, "a.mp4");
  assert.equal(input(["download", "x", "-oa.mp4"]).flags.output, "a.mp4");
  const clustered = input(["download", "x", "-fyo", "a.mp4"]).flags;
  assert.deepEqual([clustered.force, clustered.yes, clustered.output], [true, true, "a.mp4"]);
  const { parsed, globals } = parse(["download", "--", "-V"]);
  assert.equal(parsed.kind, "run");
  assert.equal((parsed as Extract<Parsed, { kind: "run" }>).input.args.id, "-V");
  assert.deepEqual(globals, {});
});

Deno.test("defaults, negated switches, choices and repeatable flags in order", () => {
  const plain = input(["download", "x"]).flags;
  assert.deepEqual(plain, { limit: 10, browser: true, field: [] });
  const given = input(["download", "x", "--limit", "3", "--no-browser", "--source", "Studio"]);
  assert.deepEqual(given.flags, { limit: 3, browser: false, source: "studio", field: [] });
  const fields = input(["download", "x", "-F", "a=1", "--field", "b=2", "--limit", "4"]);
  assert.deepEqual(fields.flags.field, ["a=1", "b=2"]);
  assert.deepEqual(fields.given.map((g) => g.value), ["a=1", "b=2", 4]);
  assert.equal(input(["download", "x", "--limit", "1", "--limit", "2"]).flags.limit, 2);
});

Deno.test("help and version: anywhere a flag can be, before usage errors", () => {
  assert.deepEqual(parse(["-V"]).parsed, { kind: "version" });
  assert.deepEqual(parse(["download", "--bogus", "--version"]).parsed, { kind: "version" });
  const help = parse(["channel", "meta", "set", "--help"]).parsed;
  assert.equal(help.kind, "help");
  assert.deepEqual((help as { path: readonly CommandSpec[] }).path.map((c) => c.name), [
    "restream",
    "channel",
    "meta",
    "set",
  ]);
  // A group or the program with no command: help.
  assert.equal(parse([]).parsed.kind, "help");
  assert.equal(parse(["channel", "meta"]).parsed.kind, "help");
});

Deno.test("usage errors: one line each, with a suggestion for typos", () => {
  usage(["chanel"], /^unknown command 'chanel' for 'restream' \(did you mean channel\?\)$/);
  usage(
    ["channel", "met"],
    /^unknown command 'met' for 'restream channel' \(did you mean meta\?\)$/,
  );
  usage(["channel", "bogus", "--help"], /^unknown command 'bogus'/);
  usage(
    ["--", "download"],
    /^unexpected argument 'download' for 'restream' \(a command goes before '--'\)$/,
  );
  usage(["download", "x", "--lmit", "3"], /^unknown flag '--lmit' \(did you mean --limit\?\)$/);
  usage(["download", "x", "-z"], /^unknown flag '-z'$/);
  usage(["download", "x", "--force=yes"], /^flag '--force' takes no value$/);
  usage(["download", "x", "--output"], /^flag '--output' needs a value \(path\)$/);
  usage(
    ["download", "x", "--source", "radio"],
    /^invalid --source 'radio': expected one of studio, encoder$/,
  );
  usage(["download"], /^missing required argument 'id'$/);
  usage(["download", "x", "y"], /^too many arguments for 'restream download': expected 1, got 2$/);
  usage(["channel", "meta", "set", "1"], /^missing required flag '--title <title>'$/);
});

Deno.test("a usage error still records the global flags met, before or after it", () => {
  assert.deepEqual(usage(["download", "x", "--nope", "--json"], /unknown flag/), { json: true });
  assert.deepEqual(usage(["--json", "chanel"], /unknown command/), { json: true });
});
