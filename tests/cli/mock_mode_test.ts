/**
 * `--mock` and `RESTREAM_MOCK` in-process (issue 16): the value rules, `mock serve` refusing
 * them, the mock started and stopped around the command, and the environment's `RESTREAM_*`
 * values never even read. The end-to-end runs are in tests/e2e/mock_flag_test.ts.
 */

import assert from "node:assert/strict";
import { MOCK_NOTICE, mockFromEnv } from "../../src/cli/mock_mode.ts";
import { RestreamError } from "../../src/errors.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const NOTICE_LINE = `${MOCK_NOTICE}\n`;

Deno.test("RESTREAM_MOCK: 1/true on; 0/false/empty/unset off; anything else a usage error", () => {
  const of = (value: string | undefined): boolean => mockFromEnv(() => value);
  for (const value of ["1", "true"]) assert.equal(of(value), true, value);
  for (const value of ["0", "false", "", undefined]) assert.equal(of(value), false, value);
  for (const value of ["yes", "on", "TRUE", " 1", "2", "-1"]) {
    assert.throws(
      () => of(value),
      (error) =>
        error instanceof RestreamError && error.kind === "usage" &&
        error.message.includes(`RESTREAM_MOCK '${value}' is not valid`),
      value,
    );
  }
});

Deno.test("a bad RESTREAM_MOCK: one line, exit 2, no request, no mock", async () => {
  const fake = new FakeFetch();
  for (const argv of [["profile"], ["--mock", "profile"], ["profile", "--json"]]) {
    const result = await runCapture(argv, { env: { RESTREAM_MOCK: "yes" }, fetch: fake.fetch });
    assert.equal(result.code, 2, argv.join(" "));
    assert.equal(result.stdout, "");
    assert.ok(!result.stderr.includes(MOCK_NOTICE), result.stderr);
    assert.match(result.stderr, /RESTREAM_MOCK 'yes' is not valid: expected 1 or true/);
    // One line: the environment is at fault, so no "Run '… --help'" hint.
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  }
  assert.equal(fake.requests.length, 0);
});

Deno.test("mock serve refuses --mock and RESTREAM_MOCK before starting anything", async () => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [["mock", "serve", "--mock"], {}, /drop --mock/],
    [["--mock", "mock", "serve", "--port", "0"], {}, /drop --mock/],
    [["mock", "serve", "--port", "0"], { RESTREAM_MOCK: "1" }, /unset RESTREAM_MOCK/],
  ];
  for (const [argv, env, pattern] of cases) {
    const result = await runCapture(argv, { env });
    assert.equal(result.code, 2, argv.join(" "));
    assert.equal(result.stdout, "", "no export lines: no server was started");
    assert.match(result.stderr, /^error: 'mock serve' starts a mock of its own: /);
    assert.match(result.stderr, pattern);
    assert.match(result.stderr, /Run 'restream mock serve --help' for usage\.\n$/);
  }
});

/** An environment that answers every lookup and records which names were asked. */
function recordingEnv(values: Record<string, string>): {
  env: Record<string, string>;
  asked: Set<string>;
} {
  const asked = new Set<string>();
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === "string") asked.add(name);
      return Reflect.get(target, name);
    },
  });
  return { env, asked };
}

/** Values that would send a real token and secret elsewhere if they were used. */
const HOSTILE_ENV = {
  RESTREAM_TOKEN: "real-account-token-123456",
  RESTREAM_CLIENT_ID: "real-client-id",
  RESTREAM_CLIENT_SECRET: "real-client-secret-123456",
  RESTREAM_API_URL: "http://127.0.0.1:9",
  RESTREAM_STREAMING_WS_URL: "ws://127.0.0.1:9/ws",
  RESTREAM_CHAT_WS_URL: "not a url",
  RESTREAM_CONFIG_DIR: "/nonexistent/restream-config",
  RESTREAM_CONFIG_PATH: "/nonexistent/restream-config-path",
  HOME: "/nonexistent/home",
  XDG_CONFIG_HOME: "/nonexistent/xdg",
};

Deno.test("--mock: the command runs against a fresh mock; only RESTREAM_MOCK and NO_COLOR are read", async () => {
  const runs: Array<[string[], Record<string, string>, (stdout: unknown) => unknown]> = [
    [["--mock", "profile", "--json"], {}, (doc) => (doc as { username: string }).username],
    [
      ["profile", "--json"],
      { RESTREAM_MOCK: "true" },
      (doc) => (doc as { username: string }).username,
    ],
    [
      ["--mock", "status", "--health", "--json"],
      {},
      (doc) => (doc as { account: { username: string } }).account.username,
    ],
    [["--mock", "preset", "save", "show", "--json"], {}, () => "gamenight"],
  ];
  for (const [argv, extra, username] of runs) {
    const { env, asked } = recordingEnv({ ...HOSTILE_ENV, ...extra });
    const result = await runCapture(argv, { env, fetch: fetch });
    assert.equal(result.code, 0, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(result.stderr, NOTICE_LINE, "one notice, plain text under --json too");
    assert.equal(username(JSON.parse(result.stdout)), "gamenight");
    assert.deepEqual([...asked].sort(), ["NO_COLOR", "RESTREAM_MOCK"], argv.join(" "));
  }
});

Deno.test("--mock: auth status reports the tokens in memory; logout revokes them at the mock", async () => {
  const status = await runCapture(["--mock", "auth", "status", "--json"], { fetch: fetch });
  assert.equal(status.code, 0, status.stderr);
  const document = JSON.parse(status.stdout);
  assert.equal(document.loggedIn, true);
  assert.equal(document.source, "memory");
  assert.equal(document.file, null);
  assert.match(document.origin, /^http:\/\/127\.0\.0\.1:\d+$/);

  const logout = await runCapture(["logout", "--mock", "--json"], { fetch: fetch });
  assert.equal(logout.code, 0, logout.stderr);
  assert.deepEqual(
    { ...JSON.parse(logout.stdout), origin: "" },
    { loggedOut: true, origin: "", removed: true, revoked: true },
  );
});

Deno.test("--mock auth refresh: exit 3 saying what is missing, not that a valid token expired", async () => {
  // The mock's ready token does not expire and comes without a refresh token.
  const refresh = await runCapture(["--mock", "auth", "refresh"], { fetch: fetch });
  assert.equal(refresh.code, 3, refresh.stderr);
  assert.match(refresh.stderr, /^error: the access token cannot be refreshed: no refresh token/m);
  assert.doesNotMatch(refresh.stderr, /expired/);
});

Deno.test("--mock is a global option with help that says each command gets a fresh mock", async () => {
  for (const argv of [["--help"], ["channel", "list", "--help"]]) {
    const result = await runCapture(argv);
    assert.equal(result.code, 0);
    assert.match(
      result.stdout.replace(/\s+/g, " "),
      /--mock run against a built-in mock API, fresh for this command .*'mock serve' shares one/,
    );
  }
  // Commands that talk to no API do not start a mock.
  const version = await runCapture(["version", "--mock"]);
  assert.equal(version.code, 0);
  assert.equal(version.stderr, "");
});
