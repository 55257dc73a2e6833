/**
 * Start-up stays light (issues 2 and 13, SPEC.md "Start-up", DESIGN.md "Start-up matters"):
 * what `cli.ts` evaluates before any command runs holds no client, schemas, auth, downloader,
 * monitor or mock server; commands load them when they run; and no command, at start-up or
 * later, loads a `node:` module or an npm package other than valibot (no CLI framework).
 * Nothing here times anything: it reads the module graph (`deno info --json`).
 */

import assert from "node:assert/strict";
import { CliContext, type CliIO } from "../../src/cli/context.ts";
import { execute, runCli } from "../../src/cli/run.ts";
import { RestreamError } from "../../src/errors.ts";
import { fullGraph, importersOf, info, npmPackages, staticGraph } from "../support/graph.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/**
 * Modules `--help`, `-V`, `version` and usage errors must not load: the client, auth,
 * downloader, monitors, mock server, the table renderer (loaded before a command runs), and
 * the commands' specs (loaded for the command a line names).
 */
const HEAVY =
  /\/src\/(client\.ts|client\/|auth\/|download\.ts|ws\/|mock\/|cli\/(output|table|width)\.ts|cli\/specs\/)/;

Deno.test("cli.ts statically imports no client, npm package, auth, download, monitor or mock code", async () => {
  const cli = await info(CLI);
  const graph = staticGraph(cli);
  assert.ok([...graph].some((s) => s.endsWith("/src/cli/tree.ts")), "the walk follows imports");
  assert.deepEqual(npmPackages(cli, graph), []);
  assert.deepEqual([...graph].filter((s) => HEAVY.test(s)), []);
});

Deno.test("no command loads a node: module or a CLI framework: cli.ts's whole graph, import() included", async () => {
  const cli = await info(CLI);
  const graph = fullGraph(cli);
  // The walk reaches every handler, the client, the monitors and the mock server.
  for (const module of ["/src/cli/public.ts", "/src/cli/runtime.ts", "/src/mock/server.ts"]) {
    assert.ok([...graph].some((s) => s.endsWith(module)), module);
  }
  assert.deepEqual([...graph].filter((s) => s.startsWith("node:")), []);
  const npm = npmPackages(cli, graph);
  assert.ok(npm.some((p) => p.startsWith("valibot@")), "npm packages are seen");
  assert.deepEqual(npm.filter((p) => !p.startsWith("valibot@")), []);
});

Deno.test("one module names valibot, so Deno resolves npm packages once, not once per schema file", async () => {
  const root = new URL("../../", import.meta.url).href;
  for (const entry of [CLI, new URL("../../mod.ts", import.meta.url).pathname]) {
    const graph = await info(entry);
    const importers = importersOf(graph, "valibot").map((s) => s.replace(root, ""));
    assert.deepEqual(importers, ["src/valibot.ts"], entry);
  }
});

function quietIO(env: Record<string, string> = {}): CliIO {
  return {
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: (name) => env[name],
    fetch: () => Promise.resolve(Response.json([])),
  };
}

function context(env: Record<string, string> = {}): CliContext {
  return new CliContext(quietIO(env));
}

/** Whether the client modules were loaded: the accessors refuse to work before. */
function loaded(ctx: CliContext): boolean {
  try {
    ctx.publicClient();
    return true;
  } catch (error) {
    assert.match(String(error), /load\(\) must finish/);
    return false;
  }
}

Deno.test("version, completions, help and a group's help run without loading the client", async () => {
  const cases = [
    ["version"],
    ["completions", "bash"],
    ["channel"],
    ["channel", "meta"],
    ["auth"],
    ["--help"],
    ["help", "event"],
    ["platforms", "-V"],
  ];
  for (const argv of cases) {
    const ctx = context();
    await execute(ctx, argv);
    assert.equal(loaded(ctx), false, argv.join(" "));
  }
});

Deno.test("a usage error in an argument or option is reported before the client loads", async () => {
  for (const argv of [["channel", "get", "abc"], ["event", "list", "--limit", "0"]]) {
    const ctx = context();
    await assert.rejects(
      execute(ctx, argv),
      (error) => error instanceof RestreamError && error.kind === "usage",
    );
    assert.equal(loaded(ctx), false, argv.join(" "));
  }
});

Deno.test("a command that talks to the API has its client loaded before it runs", async () => {
  const ctx = context({ RESTREAM_TOKEN: "t" });
  assert.equal(loaded(ctx), false);
  await execute(ctx, ["channel", "list"]);
  assert.equal(loaded(ctx), true);
});

Deno.test("a public command loads the client without the session and token store", async () => {
  const ctx = context();
  await execute(ctx, ["platforms"]);
  assert.equal(loaded(ctx), true);
  assert.throws(() => ctx.session(), /load\(\) must finish/);
});

Deno.test("the mock server loads only for --mock: not with the client, session and token store", async () => {
  const runtime = staticGraph(
    await info(new URL("../../src/cli/runtime.ts", import.meta.url).pathname),
  );
  assert.ok([...runtime].some((s) => s.endsWith("/src/client.ts")), "the walk follows imports");
  assert.deepEqual([...runtime].filter((s) => /\/src\/mock\/|\/mock_backend\.ts$/.test(s)), []);
  const backend = staticGraph(
    await info(new URL("../../src/cli/mock_backend.ts", import.meta.url).pathname),
  );
  assert.ok([...backend].some((s) => s.endsWith("/src/mock/server.ts")));
});

Deno.test("help, the version and usage errors never read the run's signal (installing its listeners costs ~0.4 ms); a command does", async () => {
  const cases: Array<[string[], boolean]> = [
    [["--help"], false],
    [["-V"], false],
    [["channel"], false],
    [["channel", "get", "abc"], false],
    [["version"], true],
  ];
  for (const [argv, reads] of cases) {
    let read = false;
    const io = {
      ...quietIO(),
      get signal(): AbortSignal {
        read = true;
        return new AbortController().signal;
      },
    };
    await runCli(argv, io);
    assert.equal(read, reads, argv.join(" "));
  }
});

/** The modules a real run of the CLI evaluated, from Deno's own debug log. */
async function evaluated(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const { runProgram } = await import("../support/subprocess.ts");
  const inherited: Record<string, string> = {};
  for (const name of ["HOME", "DENO_DIR", "XDG_CACHE_HOME"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) inherited[name] = value;
  }
  const result = await runProgram(
    Deno.execPath(),
    ["run", "-A", "--log-level=debug", CLI, ...args],
    { env: { ...inherited, RESTREAM_CONFIG_DIR: "/nonexistent/restream", ...env } },
  );
  // "V8 code cache hit for ES module: …", or "Updating V8 code cache …" on a module's first run.
  const loaded = /(?:code cache hit for|Updating V8 code cache for) ES module: (\S+?),/g;
  return [...result.stderr.matchAll(loaded)].map((m) => m[1]);
}

/** Runs `fn` with the environment of a local API that answers every path with one platform. */
async function withApi(fn: (env: Record<string, string>) => Promise<void>): Promise<void> {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => Response.json([{ id: 1, name: "Twitch" }]),
  );
  try {
    await fn({ RESTREAM_API_URL: `http://127.0.0.1:${server.addr.port}`, RESTREAM_TOKEN: "t" });
  } finally {
    await server.shutdown();
  }
}

Deno.test("a run loads no part of Deno's Node layer (timers, streams) it does not need", async () => {
  await withApi(async (api) => {
    for (
      const [args, env] of [
        [["--help"], {}],
        [["version"], {}],
        [["platforms", "--bogus"], {}],
        [["platforms", "--json"], api],
        [["channel", "list", "--json"], api],
      ] as Array<[string[], Record<string, string>]>
    ) {
      const modules = await evaluated(args, env);
      assert.ok(modules.some((m) => m.endsWith("/src/cli/run.ts")), `the log is read: ${args}`);
      // Any timer call loads Deno's Node timers; creating stdin's stream loads the streams code.
      assert.deepEqual(modules.filter((m) => m.startsWith("ext:deno_node/")), [], args.join(" "));
      if (args[0] !== "platforms" && args[0] !== "channel") {
        assert.deepEqual(modules.filter((m) => m.includes("06_streams")), [], args.join(" "));
      }
    }
  });
});

Deno.test("--help and version read no module of the commands they do not run (deno.json lazy-dynamic-imports)", async () => {
  const { runProgram } = await import("../support/subprocess.ts");
  for (const args of [["--help"], ["version"]]) {
    const result = await runProgram(
      Deno.execPath(),
      ["run", "-A", "--log-level=debug", CLI, ...args],
      { env: { HOME: Deno.env.get("HOME") ?? "/", RESTREAM_CONFIG_DIR: "/nonexistent/restream" } },
    );
    // Deno reads every module it puts in the graph, run or not: an eager walk of every
    // command's import() reads the client, the monitors and the mock here too.
    const read = [...result.stderr.matchAll(/fetch_no_follow - specifier: (file:\S+)/g)]
      .map((m) => m[1]);
    assert.ok(read.some((m) => m.endsWith("/src/cli/run.ts")), `the log is read: ${args}`);
    const other = /\/src\/(client\.ts|client\/|auth\/|download\.ts|ws\/|mock\/|preset\/store)/;
    assert.deepEqual(read.filter((m) => other.test(m)), [], args.join(" "));
  }
});

Deno.test("one endpoint loads its own resource module and schemas, not every resource's, and no preset store", async () => {
  await withApi(async (api) => {
    const resources = (modules: string[]): string[] =>
      modules.filter((m) => /\/src\/(client\/(?!core|resource_error)|schemas\/(?!parse))/.test(m))
        .map((m) => m.replace(/^.*\/src\//, "")).sort();
    assert.deepEqual(resources(await evaluated(["platforms", "--json"], api)), [
      "client/account.ts",
      "schemas/account.ts",
      "schemas/platform.ts",
      "schemas/profile.ts",
      "schemas/server.ts",
      "schemas/stream_key.ts",
    ]);
    const channelList = await evaluated(["channel", "list", "--json"], api);
    assert.deepEqual(resources(channelList), ["client/channels.ts", "schemas/channel.ts"]);
    // The preset stores load for the preset commands only (CliContext.presetStore).
    assert.deepEqual(
      channelList.filter((m) => /\/src\/preset\/(store|file_store)\.ts$/.test(m)),
      [],
    );
  });
});

Deno.test("importing mod.ts loads every module RestreamClient imports lazily (a library needs no read permission later)", async () => {
  const client = await info(new URL("../../src/client.ts", import.meta.url).pathname);
  const lazy = client.modules.find((m) => m.specifier.endsWith("/src/client.ts"))!
    .dependencies!.filter((dep) => dep.isDynamic && dep.code).map((dep) => dep.code!.specifier);
  assert.ok(lazy.length >= 8, `the client imports its resources lazily: ${lazy.length}`);
  const library = staticGraph(await info(new URL("../../mod.ts", import.meta.url).pathname));
  assert.deepEqual(lazy.filter((specifier) => !library.has(specifier)), []);
});

Deno.test("a command line loads the spec of the command it names and no other; the top-level help none", async () => {
  const specs = (modules: string[]): string[] =>
    modules.filter((m) => m.includes("/src/cli/specs/")).map((m) => m.replace(/^.*\/specs\//, ""))
      .sort();
  const env = { RESTREAM_API_URL: "http://127.0.0.1:9", RESTREAM_TOKEN: "t" };
  assert.deepEqual(specs(await evaluated(["--help"])), []);
  assert.deepEqual(specs(await evaluated(["--json", "platforms", "--bogus"], env)), ["public.ts"]);
  assert.deepEqual(specs(await evaluated(["channel", "meta", "--help"])), ["channel.ts"]);
  assert.deepEqual(specs(await evaluated(["help", "event", "chat"])), ["download.ts", "event.ts"]);
  assert.deepEqual(specs(await evaluated(["chanel", "list"])), []);
});

Deno.test("every entry of the tree loads its own spec, once; the tree has every command once", async () => {
  const { COMMANDS, fullTree } = await import("../../src/cli/tree.ts");
  const root = await fullTree();
  const names = root.subcommands!.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, `a command twice: ${names.join(" ")}`);
  assert.deepEqual(names, [...COMMANDS.map((c) => c.name), "help"]);
  type Node = NonNullable<typeof root.subcommands>[number];
  const examples = (c: Node): string[] => [
    ...(c.examples ?? []),
    ...(c.subcommands ?? []).flatMap(examples),
  ];
  for (const command of root.subcommands!.filter((c) => c.name !== "help")) {
    assert.ok(command.run !== undefined || (command.subcommands?.length ?? 0) > 0, command.name);
    // A `load` wired to another command's spec shows in its examples, which name the command.
    for (const example of examples(command)) {
      const words = example.split(" ").filter((w) => !w.startsWith("-"));
      if (words[0] === "restream") assert.equal(words[1], command.name, example);
    }
  }
});

Deno.test("no global flag takes a value: the first word of a line that is not a flag is the command", async () => {
  const { GLOBAL_FLAGS } = await import("../../src/cli/tree.ts");
  // treeFor loads the spec of that word; a global flag with a value would make it the value.
  assert.deepEqual(GLOBAL_FLAGS.filter((flag) => flag.type !== undefined).map((f) => f.long), []);
});
