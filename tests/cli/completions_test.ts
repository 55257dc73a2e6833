import assert from "node:assert/strict";
import { completionScript } from "../../src/cli/completions.ts";
import type { CommandSpec, FlagSpec } from "../../src/cli/spec.ts";
import { runCapture } from "../support/cli.ts";
import { outputWithin } from "../support/deadline.ts";
import { onPath, tool } from "../support/tools.ts";

async function script(shell: string): Promise<string> {
  const result = await runCapture(["completions", shell]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

const INSTALL = "apt-get install zsh fish; .ci/run installs them";
const BASH = tool("bash", onPath("bash"), INSTALL);
const ZSH = tool("zsh", onPath("zsh"), INSTALL);
const FISH = tool("fish", onPath("fish"), INSTALL);

async function shell(name: string, code: string, cwd?: string): Promise<string> {
  const { stdout, stderr, success } = await outputWithin(name, {
    args: name === "zsh" ? ["-f", "-c", code] : ["-c", code],
    cwd,
    stdout: "piped",
    stderr: "piped",
  });
  assert.ok(success, new TextDecoder().decode(stderr));
  return new TextDecoder().decode(stdout);
}

/** A scratch directory holding the script and two files (one name with a space), for paths. */
async function withScript(name: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/script`, await script(name));
    await Deno.writeTextFile(`${dir}/video.mp4`, "");
    await Deno.writeTextFile(`${dir}/my clip.mov`, "");
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const words = (line: string): string[] => line.split(" ").filter(Boolean);

Deno.test("an unknown shell is a usage error naming the four shells", async () => {
  const result = await runCapture(["completions", "tcsh"]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /expected one of bash, zsh, fish, powershell/);
});

Deno.test("completions --help tells how to install", async () => {
  const result = await runCapture(["completions", "--help"]);
  assert.match(result.stdout, /~\/\.bashrc/);
  assert.match(result.stdout, /fish\/completions/);
  assert.match(result.stdout, /\$PROFILE/);
});

Deno.test({
  name: "bash: commands, nested subcommands, flags, enum values, file paths and help",
  ignore: BASH.ignore,
  async fn() {
    BASH.require();
    await withScript("bash", async (dir) => {
      const out = await shell(
        "bash",
        `source ./script
         c() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _restream; echo "\${COMPREPLY[*]}"; }
         c restream ""
         c restream --json ver
         c restream version --j
         complete -p restream.io
         c restream channel ""
         c restream --json channel meta s
         c restream event history --
         c restream event upcoming --source ""
         c restream completions ""
         c restream storage download x -o vid
         c restream storage download x -o my >/dev/null; echo "\${#COMPREPLY[@]}:\${COMPREPLY[0]}"
         c restream help channel ""
         c restream channel meta set 1 --title m
         c restream preset import vid`,
        dir,
      );
      const [
        top,
        partial,
        flag,
        registered,
        channel,
        meta,
        history,
        source,
        shells,
        file,
        spaced,
        help,
        title,
        imported,
      ] = out.split("\n");
      for (const word of ["platforms", "servers", "version", "completions", "help"]) {
        assert.ok(words(top).includes(word), word);
      }
      assert.ok(!words(top).includes("--json"), "flags only after a dash");
      assert.equal(partial, "version");
      assert.equal(flag, "--json");
      assert.match(registered, /_restream restream\.io/);
      assert.deepEqual(words(channel).sort(), ["add", "get", "list", "meta", "remove", "set"]);
      assert.equal(meta, "set");
      for (const f of ["--page", "--limit", "--all", "--json", "--help"]) {
        assert.ok(words(history).includes(f), `event history: ${f}`);
      }
      assert.deepEqual(words(source), ["studio", "encoder", "video"]);
      assert.deepEqual(words(shells), ["bash", "zsh", "fish", "powershell"]);
      assert.equal(file, "video.mp4");
      assert.equal(spaced, "1:my clip.mov", "a name with a space is one completion");
      assert.deepEqual(words(help).sort(), ["add", "get", "list", "meta", "remove", "set"]);
      assert.equal(title, "", "a free-text value completes to nothing, not to commands");
      assert.equal(imported, "video.mp4", "preset import <file> completes file names");
    });
  },
});

Deno.test({
  name: "zsh: a #compdef function that registers with compdef and completes with descriptions",
  ignore: ZSH.ignore,
  async fn() {
    ZSH.require();
    const text = await script("zsh");
    assert.match(text, /^#compdef restream restream\.io\n/);
    // It must not run compinit or bashcompinit itself (that is the user's .zshrc).
    assert.doesNotMatch(text, /autoload|^\s*(bash)?compinit/m);
    await withScript("zsh", async (dir) => {
      // The real completion system registers it...
      const registered = await shell(
        "zsh",
        `autoload -U compinit && compinit -u -D; source ./script; print -- "\${_comps[restream]} \${_comps[restream.io]}"`,
        dir,
      );
      assert.equal(registered.trim(), "_restream _restream");
      // ...and _restream offers what each position needs. The completion builtins work only
      // inside a completion widget, so they are replaced by functions that print their input.
      const out = await shell(
        "zsh",
        `source ./script 2>/dev/null
         _describe() { print -r -- "\${(@P)\${@[-1]}}" }
         compadd() { shift; print -r -- "$*" }
         _files() { print -r -- FILES }
         c() { words=("$@"); CURRENT=$#words; _restream }
         c restream ""
         c restream channel meta ""
         c restream event history -
         c restream event upcoming --source ""
         c restream clip download x -o ""
         c restream completions ""
         c restream help event ""
         c restream preset import ""`,
        dir,
      );
      const [top, meta, history, source, file, shells, help, imported] = out.trimEnd()
        .split("\n");
      assert.match(top, /platforms:list streaming platforms/);
      assert.match(top, /channel:list and change channels/);
      assert.equal(
        meta,
        "get:show a channel's title and description set:change a channel's title, description or both",
      );
      assert.match(history, /--page:page number \(from 1\)/);
      assert.match(history, /--json:print JSON/);
      assert.equal(source, "studio encoder video");
      assert.equal(file, "FILES");
      assert.equal(shells, "bash zsh fish powershell");
      assert.match(help, /^list:/);
      assert.equal(imported, "FILES", "preset import <file> completes file names");
    });
  },
});

Deno.test({
  name: "fish: subcommands and flags with descriptions, enum values and help",
  ignore: FISH.ignore,
  async fn() {
    FISH.require();
    await withScript("fish", async (dir) => {
      // stderr too: fish prints its errors there and still completes.
      const run = (line: string) =>
        shell("fish", `begin; source ./script; complete -C '${line}'; end 2>&1`, dir);
      const top = await run("restream ");
      for (const word of ["platforms", "servers", "version", "help"]) {
        assert.match(top, new RegExp(`^${word}\\t`, "m"));
      }
      assert.match(await run("restream version --"), /^--json\tprint JSON/m);
      const nested = await run("restream channel meta ");
      assert.match(nested, /^get\t/m);
      assert.match(nested, /^set\t/m);
      assert.doesNotMatch(nested, /^list\t/m);
      const source = await run("restream event upcoming --source ");
      assert.deepEqual(source.trim().split("\n").map((l) => l.split("\t")[0]), [
        "encoder",
        "studio",
        "video",
      ]);
      assert.match(await run("restream storage download x -o vid"), /^video\.mp4$/m);
      // A path flag earlier on the line leaves later completions working and quiet.
      const after = await run("restream storage download x -o video.mp4 --fo");
      assert.equal(after.trim().split("\t")[0], "--force", after);
      assert.equal(await run("restream channel get "), "", "an id is not a file name");
      assert.match(await run("restream completions "), /^powershell$/m);
      assert.match(await run("restream help channel "), /^meta\t/m);
      assert.match(await run("restream preset import vid"), /^video\.mp4$/m);
    });
  },
});

/** A small fixed tree: the PowerShell golden file does not change when commands are added. */
const SAMPLE: CommandSpec = {
  name: "restream",
  summary: "sample",
  subcommands: [
    {
      name: "event",
      summary: "events",
      subcommands: [{
        name: "upcoming",
        summary: "upcoming events",
        flags: [
          { long: "source", type: "string", summary: "source", choices: ["studio", "encoder"] },
          { long: "output", short: "o", type: "path", summary: "file to write", file: true },
          { long: "title", type: "string", summary: "it's a title" },
        ],
      }],
    },
    {
      name: "completions",
      summary: "print a script",
      args: [{ name: "shell", summary: "shell", choices: ["bash", "powershell"] }],
    },
    {
      name: "help",
      summary: "show help",
      args: [{ name: "command", summary: "c", variadic: true }],
    },
  ],
};
const SAMPLE_GLOBALS: FlagSpec[] = [
  { long: "json", summary: "print JSON" },
  { long: "verbose", short: "v", summary: "log requests" },
];
const GOLDEN = new URL("./golden/completions.ps1", import.meta.url);

Deno.test("powershell: the script generated from a tree matches the golden file", async () => {
  const text = completionScript("powershell", SAMPLE, SAMPLE_GLOBALS);
  if (Deno.env.get("UPDATE_GOLDEN") === "1") await Deno.writeTextFile(GOLDEN, text);
  assert.equal(
    text,
    await Deno.readTextFile(GOLDEN),
    "regenerate with UPDATE_GOLDEN=1 if intended",
  );
});

Deno.test("powershell: the real script covers every command path, flag, enum and file flag", async () => {
  const text = await script("powershell");
  assert.match(
    text,
    /^Register-ArgumentCompleter -Native -CommandName 'restream', 'restream\.io'/m,
  );
  for (const path of ["''", "'channel meta set'", "'event chat download'", "'help channel meta'"]) {
    assert.ok(text.includes(`  ${path} = @{`), path);
  }
  assert.ok(
    text.includes(
      "@('--source', 'only events of this source (or the API''s numbers 1, 2, 3)', 'studio|encoder|video')",
    ),
  );
  assert.ok(
    text.includes(
      "@('-o', 'file to write, a directory to save into (''dir/'' creates it), or - for stdout', 'file')",
    ),
  );
  assert.ok(text.includes("args = @('bash', 'zsh', 'fish', 'powershell')"));
  assert.ok(text.includes("@('--json', 'print JSON (one document; NDJSON for monitors)', '')"));
});
