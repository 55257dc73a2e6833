import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { VERSION } from "../../src/version.ts";

Deno.test("no command: help on stdout, exit 0", async () => {
  const result = await runCapture([]);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /\nUSAGE\n {2}restream <command> <subcommand> \[flags\]\n/);
  assert.equal(result.stderr, "");
});

Deno.test("-V and --version print the bare version, before or after a command", async () => {
  for (const argv of [["-V"], ["--version"], ["platforms", "-V"], ["version", "--version"]]) {
    const result = await runCapture(argv);
    assert.equal(result.code, 0, argv.join(" "));
    assert.equal(result.stdout, `${VERSION}\n`);
  }
});

Deno.test("subcommand help shows the global options", async () => {
  const result = await runCapture(["platforms", "--help"]);
  assert.equal(result.code, 0);
  for (const flag of ["--json", "--verbose", "--no-color", "--version", "--help"]) {
    assert.ok(result.stdout.includes(flag), flag);
  }
});

Deno.test("usage errors: one line, a --help hint, exit 2, no request", async () => {
  const fake = new FakeFetch();
  const cases: Array<[string[], RegExp]> = [
    [["platforms", "--bogus"], /^error: unknown flag '--bogus'\nRun 'restream platforms --help'/],
    [["plaforms"], /unknown command 'plaforms'.*did you mean platforms\?/],
    [["version", "extra"], /too many arguments/],
  ];
  for (const [argv, pattern] of cases) {
    const result = await runCapture(argv, { fetch: fake.fetch });
    assert.equal(result.code, 2, argv.join(" "));
    assert.match(result.stderr, pattern);
    assert.equal(result.stdout, "");
  }
  assert.equal(fake.requests.length, 0);
});

Deno.test("--json errors: a JSON object on stderr, nothing on stdout", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", {
    status: 404,
    body: { error: { message: "gone", name: "not_found" } },
  });
  const result = await runCapture(["--json", "platforms"], { fetch: fake.fetch });
  assert.equal(result.code, 4);
  assert.equal(result.stdout, "");
  assert.deepEqual(JSON.parse(result.stderr), {
    error: {
      kind: "not_found",
      status: 404,
      message: "gone (HTTP 404 from GET /v2/platform/all)",
    },
  });

  const usage = await runCapture(["platforms", "--nope", "--json"]);
  assert.equal(usage.code, 2);
  assert.equal(JSON.parse(usage.stderr).error.kind, "usage");
  assert.equal(JSON.parse(usage.stderr).error.status, null);
});

Deno.test("exit codes follow the error kind: 429 → 5, 500 → 1, network → 1", async () => {
  const cases: Array<[number | Error, number]> = [
    [429, 5],
    [500, 1],
    [new TypeError("connection reset"), 1],
  ];
  for (const [reply, code] of cases) {
    const fake = new FakeFetch().on(
      "GET",
      "/v2/server/all",
      reply instanceof Error ? reply : { status: reply },
      { repeat: true },
    );
    // Retries sleep for real in the CLI; Retry-After: 0 keeps the test instant.
    const wrapped = async (request: Request) => {
      const response = await fake.fetch(request);
      const headers = new Headers(response.headers);
      headers.set("retry-after", "0");
      return new Response(response.body, { status: response.status, headers });
    };
    const result = await runCapture(["servers"], {
      fetch: reply instanceof Error ? fake.fetch : wrapped,
    });
    assert.equal(result.code, code, String(reply));
    assert.equal(result.stderr.split("\n").filter(Boolean).length, 1, result.stderr);
    assert.ok(!result.stderr.includes("    at "), "no stack trace");
  }
});

Deno.test("a closed stdout ends quietly with exit 0", async () => {
  const { runCli, StdoutClosed } = await import("../../src/cli/run.ts");
  let stderr = "";
  const code = await runCli(["version"], {
    stdout: {
      write: () => {
        throw new StdoutClosed();
      },
    },
    stderr: { write: (t) => void (stderr += t) },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: () => undefined,
  });
  assert.equal(code, 0);
  assert.equal(stderr, "");
});

Deno.test("version --json reports every component", async () => {
  const result = await runCapture(["version", "--json"]);
  const info = JSON.parse(result.stdout);
  assert.equal(info.version, VERSION);
  assert.equal(info.deno, Deno.version.deno);
  for (const key of ["v8", "typescript", "os", "arch"]) assert.equal(typeof info[key], "string");
});

Deno.test("global options work before, between and after the command words", async () => {
  const fake = new FakeFetch().on("GET", "/v2/server/all", { status: 200, body: [] }, {
    repeat: true,
  });
  const env = { RESTREAM_API_URL: "https://api.example.test" };
  for (
    const argv of [
      ["--json", "servers"],
      ["servers", "--json"],
      ["-v", "servers", "--json", "--no-color"],
      ["--no-color", "--json", "servers", "-v"],
    ]
  ) {
    const result = await runCapture(argv, { fetch: fake.fetch, env });
    assert.equal(result.code, 0, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(result.stdout, "[]\n", argv.join(" "));
    assert.equal(/GET \S+\/v2\/server\/all/.test(result.stderr), argv.includes("-v"));
  }
  // Between group and subcommand, on a command that needs a token.
  const channels = new FakeFetch().on("GET", "/v2/user/channel/all", { status: 200, body: [] });
  const middle = await runCapture(["channel", "--json", "list"], {
    fetch: channels.fetch,
    env: { ...env, RESTREAM_TOKEN: "t" },
  });
  assert.equal(middle.code, 0, middle.stderr);
  assert.equal(middle.stdout, "[]\n");
});

Deno.test("an unknown subcommand at every level of the tree: one line, exit 2, no request", async () => {
  const { fullTree } = await import("../../src/cli/tree.ts");
  const ROOT = await fullTree();
  type Node = typeof ROOT;
  const groups: string[][] = [];
  const walk = (command: Node, path: string[]) => {
    // `event chat <id>` has a `download` subcommand but is a command of its own: its
    // argument is validated instead (covered by the id tests).
    if (command.subcommands && !command.args?.length) groups.push(path);
    for (const sub of command.subcommands ?? []) walk(sub, [...path, sub.name]);
  };
  walk(ROOT, []);
  assert.ok(groups.length >= 4, `groups: ${groups.map((g) => g.join(" ")).join(", ")}`);
  const fake = new FakeFetch();
  for (const path of groups) {
    const result = await runCapture([...path, "bogus"], { fetch: fake.fetch });
    const name = ["restream", ...path].join(" ");
    assert.equal(result.code, 2, name);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      `error: unknown command 'bogus' for '${name}'\nRun '${name} --help' for usage.\n`,
    );
    // With no subcommand, a group prints its help to stdout.
    const help = await runCapture(path, { fetch: fake.fetch });
    assert.equal(help.code, 0, name);
    assert.match(help.stdout, new RegExp(`\nUSAGE\n {2}${name} <command>`));
  }
  assert.equal(fake.requests.length, 0);
});

Deno.test("help [command...] prints that command's help; an unknown one is a usage error", async () => {
  const nested = await runCapture(["help", "channel", "meta"]);
  assert.equal(nested.code, 0);
  assert.match(nested.stdout, /\nUSAGE\n {2}restream channel meta <command> \[flags\]\n/);
  const top = await runCapture(["help"]);
  assert.match(top.stdout, /\nUSAGE\n {2}restream <command> <subcommand> \[flags\]\n/);
  assert.equal(top.stdout, (await runCapture(["--help"])).stdout);
  const unknown = await runCapture(["help", "channel", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'nope' for 'restream channel'/);
  const typo = await runCapture(["help", "chanel"]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown command 'chanel' for 'restream' \(did you mean channel\?\)/);
  assert.equal(unknown.stdout, "");
});

Deno.test("after Ctrl+C on a terminal the error starts on a fresh line, not after ^C", async () => {
  for (const stderrIsTerminal of [true, false]) {
    const controller = new AbortController();
    const result = await runCapture(["profile"], {
      env: { RESTREAM_API_URL: "http://127.0.0.1:9", RESTREAM_TOKEN: "token-value" },
      // Ctrl+C while the request is out; the request ends when the run is cancelled.
      fetch: (request) => {
        controller.abort();
        return new Promise((_, reject) => {
          if (request.signal.aborted) reject(request.signal.reason);
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        });
      },
      signal: controller.signal,
      stderrIsTerminal,
    });
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, stderrIsTerminal ? /^\nerror: / : /^error: /);
  }
});
