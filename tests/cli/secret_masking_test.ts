/**
 * Secrets are masked by value wherever they would reach stderr (SPEC.md, "Hostile input"):
 * a server that echoes what it was sent cannot make the CLI print it.
 */

import assert from "node:assert/strict";
import { TokenStore } from "../../src/auth/token_store.ts";
import { clearSecrets } from "../../src/http/mask.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV } from "../support/rest_fixtures.ts";
import { runWhileServing } from "../support/monitor_cli.ts";
import { WsTestServer } from "../support/ws_server.ts";
import { fastTuning } from "../ws/helpers.ts";

const API = "http://127.0.0.1:9";
const REFRESH = "stored-refresh-7f3a9c";
const SECRET = 'cl"ient\\secret+42=';
const BASIC = btoa(`cid:${encodeURIComponent(SECRET)}`);

async function withStoredTokens(fn: (env: Record<string, string>) => Promise<void>) {
  clearSecrets();
  const dir = await Deno.makeTempDir();
  try {
    await new TokenStore({ dir }).set(API, {
      accessToken: "stored-access-51d2e8",
      refreshToken: REFRESH,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      scopes: ["profile.read"],
      clientId: "cid",
    });
    await fn({
      RESTREAM_API_URL: API,
      RESTREAM_CONFIG_DIR: dir,
      RESTREAM_CLIENT_ID: "cid",
      RESTREAM_CLIENT_SECRET: SECRET,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
    clearSecrets();
  }
}

/** A token endpoint that quotes everything it was sent, as a careless proxy might. */
function echoingTokenEndpoint(status: number): FakeFetch {
  const fake = new FakeFetch();
  const echo = (request: Request): Response =>
    Response.json({
      error: status === 400 ? "invalid_grant" : "server_error",
      error_description: `rejected ${fake.requests.at(-1)!.body} with ` +
        `${
          request.headers.get("authorization")?.replace("Basic ", "credential:")
        } (refresh ${REFRESH}, secret ${SECRET}, ` +
        `json ${JSON.stringify({ s: SECRET })})`,
    }, { status });
  return fake.on("POST", "/oauth/token", echo, { repeat: true });
}

for (const status of [400, 500]) {
  for (const json of [false, true]) {
    Deno.test(`a ${status} token-endpoint body echoing the refresh token and secret is masked${json ? " (--json)" : ""}`, async () => {
      await withStoredTokens(async (env) => {
        const fake = echoingTokenEndpoint(status);
        const argv = ["auth", "refresh", "-v", ...(json ? ["--json"] : [])];
        const result = await runCapture(argv, { env, fetch: fake.fetch });
        assert.notEqual(result.code, 0);
        assert.equal(result.stdout, "");
        const forms = [
          REFRESH,
          SECRET,
          encodeURIComponent(SECRET),
          JSON.stringify(SECRET).slice(1, -1),
          BASIC,
        ];
        for (const secret of forms) {
          assert.ok(!result.stderr.includes(secret), `stderr shows ${secret}:\n${result.stderr}`);
        }
        assert.match(result.stderr, /\*\*\*/);
        if (json) {
          assert.equal(JSON.parse(result.stderr.trim().split("\n").at(-1)!).error.status, status);
        }
      });
    });
  }
}

Deno.test("channel add: an error body echoing the stream key and RTMP password shows neither", async () => {
  clearSecrets();
  const key = "live_8842_abcdefXYZ";
  const password = "pässword with space";
  const fake: FakeFetch = new FakeFetch().on(
    "POST",
    "/v2/user/channels",
    () =>
      Response.json({ error: { message: `bad channel ${fake.requests.at(-1)!.body}` } }, {
        status: 422,
      }),
    { repeat: true },
  );
  for (const json of [false, true]) {
    const result = await runCapture([
      "channel",
      "add",
      "--platform",
      "29",
      "--url",
      "rtmp://live.example.com/app",
      "--key",
      key,
      "--username",
      "u",
      "--password",
      password,
      "-v",
      ...(json ? ["--json"] : []),
    ], { env: ENV, fetch: fake.fetch });
    assert.notEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /bad channel/);
    for (const secret of [key, password, JSON.stringify(password).slice(1, -1)]) {
      assert.ok(!result.stderr.includes(secret), `stderr shows ${secret}:\n${result.stderr}`);
    }
  }
  clearSecrets();
});

Deno.test("stream-key get still prints the key on stdout; stderr masks it", async () => {
  clearSecrets();
  const key = "re_123_secretkey99";
  const fake = new FakeFetch()
    .on("GET", "/v2/user/streamKey", {
      body: { streamKey: key, srtUrl: `srt://x:1?streamid=1:${key}&passphrase=pp-0123456789` },
    });
  const result = await runCapture(["stream-key", "get", "-v"], { env: ENV, fetch: fake.fetch });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes(key), result.stdout);
  assert.ok(result.stdout.includes("pp-0123456789"), result.stdout);
  // A later failure whose body quotes the key (a proxy, a careless error) does not print it.
  const echo = new FakeFetch().on("GET", "/v2/user/profile", {
    status: 422,
    body: { message: `boom ${key} pp-0123456789` },
  }, { repeat: true });
  const failed = await runCapture(["profile"], { env: ENV, fetch: echo.fetch });
  assert.notEqual(failed.code, 0);
  assert.match(failed.stderr, /boom \*\*\* \*\*\*/);
  clearSecrets();
});

Deno.test("-v logs presigned download links without their query string", async () => {
  const signed = [
    "X-Amz-Algorithm=AWS4-HMAC-SHA256",
    "X-Amz-Credential=AKIAEXAMPLE%2F20261128%2Fus-east-1%2Fs3%2Faws4_request",
    "X-Amz-Signature=5e1f0c9d8a7b6c5d4e3f2a1b0c9d8e7f",
    "Signature=cloudfrontSIG~abc",
    "Key-Pair-Id=APKAEXAMPLE",
    "Policy=eyJTdGF0ZW1lbnQiOltdfQ__",
  ].join("&");
  const dir = await Deno.makeTempDir();
  try {
    const fake = new FakeFetch()
      .on("POST", "/v2/user/storage/files/f1/download-url", {
        body: { downloadUrl: `https://cdn.example/u/1/f.mp4?${signed}` },
      })
      .on("GET", "/u/1/f.mp4", { body: "VIDEO", headers: { "content-type": "video/mp4" } }, {
        query: Object.fromEntries(new URLSearchParams(signed)),
      });
    const result = await runCapture(
      ["storage", "download", "f1", "-o", `${dir}/out.mp4`, "-v"],
      { env: ENV, fetch: fake.fetch },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /GET https:\/\/cdn\.example\/u\/1\/f\.mp4\n/);
    for (const part of ["X-Amz", "Signature", "Key-Pair-Id", "Policy", "cloudfrontSIG", "?"]) {
      assert.ok(!result.stderr.includes(part), `stderr shows ${part}:\n${result.stderr}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a WebSocket close reason echoing the access token is masked on stderr", async () => {
  clearSecrets();
  const token = "ws-token-4c1d9e77";
  // The reason is the server's own text: nothing but the stderr writer stands between it
  // and the terminal.
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      if (index === 0) c.drop(4000, `bad token ${token}`);
    },
  });
  try {
    const result = await runWhileServing(["monitor", "chat"], server, {
      env: { RESTREAM_TOKEN: token, RESTREAM_CHAT_WS_URL: server.url },
      monitorTuning: fastTuning(),
    }, { until: ({ stderr }) => /reconnected$/m.test(stderr) });
    assert.match(result.stderr, /connection closed \(code 4000: bad token \*\*\*\)/);
    assert.ok(!result.stderr.includes(token), result.stderr);
  } finally {
    await server.close();
    clearSecrets();
  }
});
