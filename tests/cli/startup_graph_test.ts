/**
 * Start-up stays light (issue 2, DESIGN.md "Start-up matters"): what `cli.ts` evaluates
 * before any command runs holds no client, schemas, auth, downloader, monitor or mock
 * server; commands load them when they run.
 */

import assert from "node:assert/strict";
import { CliContext } from "../../src/cli/context.ts";
import { buildProgram } from "../../src/cli/program.ts";
import { RestreamError } from "../../src/errors.ts";
import { importersOf, info, npmPackages, staticGraph } from "../support/graph.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** Modules `--help`, `-V`, `version` and usage errors must not load. */
const HEAVY = /\/src\/(client\.ts|client\/|auth\/|download\.ts|ws\/|mock\/)/;

Deno.test("cli.ts statically imports no client, valibot, auth, download, monitor or mock code", async () => {
  const cli = await info(CLI);
  const graph = staticGraph(cli);
  assert.ok([...graph].some((s) => s.endsWith("/src/cli/program.ts")), "the walk follows imports");
  const npm = npmPackages(cli, graph);
  assert.ok(npm.some((p) => p.startsWith("@commander-js/extra-typings@")), "npm packages are seen");
  assert.deepEqual(npm.filter((p) => p.startsWith("valibot@")), []);
  assert.deepEqual([...graph].filter((s) => HEAVY.test(s)), []);
});

Deno.test("one module names valibot, so Deno resolves npm packages once, not once per schema file", async () => {
  const root = new URL("../../", import.meta.url).href;
  for (const entry of [CLI, new URL("../../mod.ts", import.meta.url).pathname]) {
    const graph = await info(entry);
    const importers = importersOf(graph, "valibot").map((s) => s.replace(root, ""));
    assert.deepEqual(importers, ["src/valibot.ts"], entry);
  }
  const cli = await info(CLI);
  assert.ok(
    importersOf(cli, "@commander-js/extra-typings").length > 0,
    "the search finds npm imports",
  );
});

function context(): CliContext {
  return new CliContext({
    stdout: { write: () => {} },
    stderr: { write: () => {} },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: () => undefined,
    fetch: () => Promise.resolve(Response.json([])),
  });
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

Deno.test("version, completions and a group's help run without loading the client", async () => {
  for (
    const argv of [["version"], ["completions", "bash"], ["channel"], ["channel", "meta"], ["auth"]]
  ) {
    const ctx = context();
    await buildProgram(ctx).parseAsync(argv, { from: "user" });
    assert.equal(loaded(ctx), false, argv.join(" "));
  }
});

Deno.test("a usage error in an argument or option is reported before the client loads", async () => {
  for (const argv of [["channel", "get", "abc"], ["event", "list", "--limit", "0"]]) {
    const ctx = context();
    const program = buildProgram(ctx).exitOverride();
    await assert.rejects(
      program.parseAsync(argv, { from: "user" }),
      (error) => error instanceof RestreamError && error.kind === "usage",
    );
    assert.equal(loaded(ctx), false, argv.join(" "));
  }
});

Deno.test("a command that talks to the API has its client loaded before its action", async () => {
  const ctx = context();
  assert.equal(loaded(ctx), false);
  await buildProgram(ctx).parseAsync(["platforms"], { from: "user" });
  assert.equal(loaded(ctx), true);
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
