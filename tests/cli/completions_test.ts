import assert from "node:assert/strict";
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

async function shell(name: string, code: string): Promise<string> {
  const { stdout, stderr, success } = await outputWithin(name, {
    args: ["-c", code],
    stdout: "piped",
    stderr: "piped",
  });
  assert.ok(success, new TextDecoder().decode(stderr));
  return new TextDecoder().decode(stdout);
}

/** Words each shell offers after `restream <line>`. */
const EXPECTED_TOP = ["platforms", "servers", "version", "completions", "--json"];

Deno.test("an unknown shell is a usage error", async () => {
  const result = await runCapture(["completions", "powershell"]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /expected one of bash, zsh, fish/);
});

Deno.test("completions --help tells how to install", async () => {
  const result = await runCapture(["completions", "--help"]);
  assert.match(result.stdout, /~\/\.bashrc/);
  assert.match(result.stdout, /fish\/completions/);
});

Deno.test({
  name: "bash: compgen completes commands, subcommands and flags from the live tree",
  ignore: BASH.ignore,
  async fn() {
    BASH.require();
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeTextFile(file, await script("bash"));
      const out = await shell(
        "bash",
        `source ${file}
         COMP_WORDS=(restream ""); COMP_CWORD=1; _restream; echo "\${COMPREPLY[*]}"
         COMP_WORDS=(restream --json ver); COMP_CWORD=2; _restream; echo "\${COMPREPLY[*]}"
         COMP_WORDS=(restream version --j); COMP_CWORD=2; _restream; echo "\${COMPREPLY[*]}"
         complete -p restream.io
         COMP_WORDS=(restream channel ""); COMP_CWORD=2; _restream; echo "\${COMPREPLY[*]}"
         COMP_WORDS=(restream --json channel meta s); COMP_CWORD=4; _restream; echo "\${COMPREPLY[*]}"
         COMP_WORDS=(restream event history --); COMP_CWORD=3; _restream; echo "\${COMPREPLY[*]}"`,
      );
      const [top, partial, flag, registered, channel, meta, history] = out.trimEnd().split("\n");
      for (const word of EXPECTED_TOP) assert.ok(top.split(" ").includes(word), word);
      assert.equal(partial, "version");
      assert.equal(flag, "--json");
      assert.match(registered, /_restream restream\.io/);
      for (const word of ["list", "get", "set", "add", "remove", "meta", "--json"]) {
        assert.ok(channel.split(" ").includes(word), `channel: ${word} in ${channel}`);
      }
      assert.ok(!channel.split(" ").includes("platforms"), "only channel's words");
      assert.equal(meta, "set");
      for (const flag of ["--page", "--limit", "--all", "--json"]) {
        assert.ok(history.split(" ").includes(flag), `event history: ${flag}`);
      }
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "zsh: the script loads and completes through bashcompinit",
  ignore: ZSH.ignore,
  async fn() {
    ZSH.require();
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeTextFile(file, await script("zsh"));
      // zsh's compgen (bashcompinit) leaves prefix filtering to zsh's completion widget, so
      // assert the word list of the right level and the registration.
      const out = await shell(
        "zsh",
        `source ${file}; setopt ksharrays
         COMP_WORDS=(restream version ""); COMP_CWORD=2; _restream; echo "\${COMPREPLY[*]}"
         echo "\${_comps[restream.io]}"`,
      );
      const [words, registered] = out.trimEnd().split("\n");
      assert.ok(words.split(" ").includes("--json"), words);
      assert.ok(!words.split(" ").includes("platforms"), words);
      assert.match(registered, /_restream/);
    } finally {
      await Deno.remove(file);
    }
  },
});

Deno.test({
  name: "fish: complete -C lists subcommands and flags",
  ignore: FISH.ignore,
  async fn() {
    FISH.require();
    const file = await Deno.makeTempFile();
    try {
      await Deno.writeTextFile(file, await script("fish"));
      const top = await shell("fish", `source ${file}; complete -C 'restream '`);
      for (const word of ["platforms", "servers", "version"]) {
        assert.match(top, new RegExp(`^${word}\\t`, "m"));
      }
      const flags = await shell("fish", `source ${file}; complete -C 'restream version --'`);
      assert.match(flags, /^--json\t/m);
      const nested = await shell("fish", `source ${file}; complete -C 'restream channel meta '`);
      assert.match(nested, /^get\t/m);
      assert.match(nested, /^set\t/m);
      assert.doesNotMatch(nested, /^list\t/m);
    } finally {
      await Deno.remove(file);
    }
  },
});
