import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { isLoopbackHost } from "../../src/cli/mock.ts";
import { runCli } from "../../src/cli/run.ts";
import { withMock, WsClient } from "../support/mock.ts";
import { deadline, signal, STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { spawnCli } from "../support/subprocess.ts";

const NAMES = [
  "RESTREAM_API_URL",
  "RESTREAM_STREAMING_WS_URL",
  "RESTREAM_CHAT_WS_URL",
  "RESTREAM_TOKEN",
  "RESTREAM_CLIENT_ID",
  "RESTREAM_CLIENT_SECRET",
];

/** The `export NAME=value` lines of `text`, as an environment. */
function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.trim().split("\n")) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    assert.ok(match, `not an export line: ${line}`);
    env[match[1]] = match[2].replace(/^'(.*)'$/, "$1");
  }
  return env;
}

Deno.test("mock serve as a subprocess: export lines on stdout, a working API, exit 0 on SIGTERM", {
  ignore: Deno.build.os === "windows",
}, async () => {
  const serve = spawnCli(["mock", "serve", "--port", "0", "--chat-rate", "0"]);
  try {
    const [exports] = await serve.waitForStdout(/^(?:.*\n){6}/, STEP_TIMEOUT_MS);
    const env = parseExports(exports);
    assert.deepEqual(Object.keys(env), NAMES);
    const res = await fetch(`${env.RESTREAM_API_URL}/v2/user/profile`, {
      headers: { authorization: `Bearer ${env.RESTREAM_TOKEN}` },
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).username, "gamenight");
    assert.match(env.RESTREAM_CHAT_WS_URL, /^ws:\/\/127\.0\.0\.1:\d+\/ws\/chat$/);
    serve.child.kill("SIGTERM");
    const { code, stderr: log } = await serve.done(STEP_TIMEOUT_MS);
    assert.equal(code, 0, log);
    assert.match(log, /GET \/v2\/user\/profile 200/);
    assert.match(log, /mock server stopped/);
    assert.ok(!log.includes("Bearer"), "no secret in the log");
  } finally {
    await serve.close();
  }
});

Deno.test("mock serve --json prints one object with the same values and stops on the signal", async () => {
  const controller = new AbortController();
  controller.abort();
  const result = await runCapture(["mock", "serve", "--port", "0", "--json"], {
    signal: controller.signal,
  });
  assert.equal(result.code, 0, result.stderr);
  const env = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(env), NAMES);
  assert.match(env.RESTREAM_API_URL, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(result.stderr, /listening on/);
});

Deno.test("mock serve: loopback by default; a non-loopback --host is served with a warning", async () => {
  const serve = (extra: string[]) =>
    runCapture(["mock", "serve", "--port", "0", ...extra], { signal: AbortSignal.abort() });
  const quiet = await serve([]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.match(quiet.stdout, /^export RESTREAM_API_URL=http:\/\/127\.0\.0\.1:\d+$/m);
  assert.doesNotMatch(quiet.stderr, /warning/);
  const wide = await serve(["--host", "0.0.0.0"]);
  assert.equal(wide.code, 0, wide.stderr);
  assert.match(
    wide.stderr,
    /^warning: --host 0\.0\.0\.0 is not a loopback address: anyone who can reach it can use the mock, including its control API/m,
  );
  for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) {
    assert.equal(isLoopbackHost(host), true, host);
  }
  for (
    const host of ["0.0.0.0", "::", "192.168.1.10", "127.0.0.256", "localhost.evil.com", "10.0.0.1"]
  ) {
    assert.equal(isLoopbackHost(host), false, host);
  }
});

Deno.test("mock serve: a port in use is a clear error naming --port, exit 1", async () => {
  await withMock({}, async (mock) => {
    const port = new URL(mock.apiUrl).port;
    const result = await runCapture(["mock", "serve", "--port", port], {
      signal: AbortSignal.abort(),
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /already in use.*--port/);
    assert.equal(result.stdout, "");
  });
});

Deno.test("mock serve: bad flags are usage errors (exit 2) before anything starts", async () => {
  for (
    const args of [["--fail", "GET /x"], ["--chat-rate", "-1"], ["--port", "70000"], [
      "--drop-after",
      "0",
    ]]
  ) {
    const result = await runCapture(["mock", "serve", ...args], { signal: AbortSignal.abort() });
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.equal(result.stdout, "");
  }
});

Deno.test("mock serve applies --fail, --latency and --drop-after at start", async () => {
  const controller = new AbortController();
  let stdout = "";
  const listening = signal();
  const running = runCli(
    [
      "mock",
      "serve",
      "--port",
      "0",
      "--fail",
      "GET /v2/user/profile=418x1",
      "--latency",
      "40",
      "--drop-after",
      "1",
    ],
    {
      stdout: {
        write: (text) => {
          stdout += text;
          if (stdout.includes("RESTREAM_CLIENT_SECRET")) listening.resolve();
        },
      },
      stderr: { write: () => {} },
      stdoutIsTerminal: false,
      stdinIsTerminal: false,
      env: () => undefined,
      signal: controller.signal,
    },
  );
  try {
    await deadline(listening.promise, "the mock's export lines");
    const env = Object.fromEntries(
      [...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]),
    );
    const started = performance.now();
    const res = await fetch(`${env.RESTREAM_API_URL}/v2/user/profile`);
    await res.body?.cancel();
    assert.equal(res.status, 418);
    assert.ok(performance.now() - started >= 35, "latency applied");
    const socket = await WsClient.open(
      `${env.RESTREAM_STREAMING_WS_URL}?accessToken=${env.RESTREAM_TOKEN}`,
    );
    await deadline(socket.closed, "the drop after one message");
    assert.equal(socket.messages.length, 1, "dropped after one message");
  } finally {
    controller.abort();
  }
  assert.equal(await deadline(running, "the mock's stop on abort"), 0);
});

Deno.test("mock serve --help shows no empty default for the repeatable --fail", async () => {
  const result = await runCapture(["mock", "serve", "--help"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /--fail route=status +fail requests[^]*?\(repeatable\)/);
  assert.doesNotMatch(result.stdout, /\(default:? ?\[\]\)/);
});
