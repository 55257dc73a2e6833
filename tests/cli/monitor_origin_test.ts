/**
 * Tokens stay with their origin (SPEC.md, "Hostile input"): before a monitor opens a
 * WebSocket, its URL must belong to the stored token's API origin, and no token travels in
 * cleartext off the machine. A refusal is a usage error (exit 2) naming the variable, and
 * nothing at all is sent: no handshake, no refresh, no profile check.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { runWhileServing } from "../support/monitor_cli.ts";
import { WsTestServer } from "../support/ws_server.ts";
import { fastTuning } from "../ws/helpers.ts";

const PRODUCTION = "https://api.restream.io";
const REAL_TOKEN = "real-account-access-token";

/** A config dir with tokens stored for `origin`, expiring within 60 s (a refresh is due). */
async function withStoredLogin(
  origin: string,
  fn: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "restream-origin-" });
  try {
    await new TokenStore({ dir: join(dir, "cfg") }).set(origin, {
      accessToken: REAL_TOKEN,
      refreshToken: "real-account-refresh-token",
      expiresAt: new Date(Date.now() + 30_000).toISOString(),
      scopes: ["chat.read", "stream.read"],
      clientId: "cid",
    });
    await fn({
      RESTREAM_CONFIG_DIR: join(dir, "cfg"),
      RESTREAM_CLIENT_ID: "cid",
      RESTREAM_CLIENT_SECRET: "csecret",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("monitor with a stored production token and a leftover local WS URL: exit 2, nothing sent", async () => {
  const server = WsTestServer.start();
  const fake = new FakeFetch();
  try {
    await withStoredLogin(PRODUCTION, async (login) => {
      for (
        const [kind, variable] of [["chat", "RESTREAM_CHAT_WS_URL"], [
          "streaming",
          "RESTREAM_STREAMING_WS_URL",
        ]]
      ) {
        const result = await runCapture(["monitor", kind], {
          env: { ...login, [variable]: server.url },
          fetch: fake.fetch,
          monitorTuning: fastTuning(),
        });
        assert.equal(result.code, 2, result.stderr);
        assert.equal(result.stdout, "");
        const port = new URL(server.url).port;
        assert.equal(
          result.stderr.split("\n")[0],
          `error: ${variable} (ws://127.0.0.1:${port}) does not belong to https://api.restream.io, ` +
            `whose stored token it would receive: unset ${variable}`,
        );
      }
    });
    assert.deepEqual(server.handshakes, [], "no handshake");
    assert.equal(fake.requests.length, 0, "no refresh, no profile check");
  } finally {
    await server.close();
  }
});

Deno.test("monitor with tokens stored for a mock origin and the default WS URL: exit 2 naming the variable to set", async () => {
  const fake = new FakeFetch();
  const api = "http://127.0.0.1:9";
  await withStoredLogin(api, async (login) => {
    const result = await runCapture(["monitor", "streaming"], {
      env: { ...login, RESTREAM_API_URL: api },
      fetch: fake.fetch,
      monitorTuning: fastTuning(),
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error: RESTREAM_STREAMING_WS_URL is not set and its default \(wss:\/\/streaming\.api\.restream\.io\) does not belong to http:\/\/127\.0\.0\.1:9, whose stored token it would receive: set RESTREAM_STREAMING_WS_URL to a WebSocket URL on 127\.0\.0\.1:9$/m,
    );
  });
  assert.equal(fake.requests.length, 0);
});

Deno.test("monitor with tokens stored for an origin and a WS URL on the same host and port: connects", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send({ action: "heartbeat" }) });
  const api = `http://127.0.0.1:${new URL(server.url).port}`;
  try {
    await withStoredLogin(api, async (login) => {
      // A fresh token this time: nothing to refresh first.
      const store = new TokenStore({ dir: login.RESTREAM_CONFIG_DIR });
      await store.set(api, { ...(await store.get(api))!, expiresAt: undefined });
      const result = await runWhileServing(["monitor", "chat", "--json"], server, {
        env: { ...login, RESTREAM_API_URL: api, RESTREAM_CHAT_WS_URL: server.url },
      }, { until: ({ stdout }) => stdout.includes("\n") });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(server.handshakes, [REAL_TOKEN]);
    });
  } finally {
    await server.close();
  }
});

Deno.test("commands that open no WebSocket ignore the WS variables", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/all", { body: [] });
  await withStoredLogin(PRODUCTION, async (login) => {
    const store = new TokenStore({ dir: login.RESTREAM_CONFIG_DIR });
    await store.set(PRODUCTION, { ...(await store.get(PRODUCTION))!, expiresAt: undefined });
    const result = await runCapture(["channel", "list", "--json"], {
      env: { ...login, RESTREAM_CHAT_WS_URL: "ws://127.0.0.1:1/ws/chat" },
      fetch: fake.fetch,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fake.requests[0].headers.get("authorization"), `Bearer ${REAL_TOKEN}`);
  });
  fake.assertDone();
});

Deno.test("no token travels over ws:// or http:// to a host that is not loopback, RESTREAM_TOKEN included", async () => {
  const fake = new FakeFetch();
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { RESTREAM_TOKEN: "env-token", RESTREAM_CHAT_WS_URL: "ws://chat.example.invalid/ws" },
      /^error: refusing to send credentials to RESTREAM_CHAT_WS_URL \(ws:\/\/chat\.example\.invalid\) unencrypted: use wss:\/\//m,
    ],
    [
      { RESTREAM_TOKEN: "env-token", RESTREAM_API_URL: "http://api.example.invalid" },
      /^error: refusing to send credentials to RESTREAM_API_URL \(http:\/\/api\.example\.invalid\) unencrypted: use https:\/\//m,
    ],
  ];
  for (const [env, message] of cases) {
    const result = await runCapture(["monitor", "chat"], {
      env,
      fetch: fake.fetch,
      monitorTuning: fastTuning(),
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
  }
  // REST too: the pipeline refuses before asking for a token.
  const profile = await runCapture(["profile"], {
    env: { RESTREAM_TOKEN: "env-token", RESTREAM_API_URL: "http://api.example.invalid" },
    fetch: fake.fetch,
  });
  assert.equal(profile.code, 2, profile.stderr);
  assert.match(
    profile.stderr,
    /^error: refusing to send credentials to http:\/\/api\.example\.invalid/m,
  );
  assert.equal(fake.requests.length, 0);
});

Deno.test("with RESTREAM_TOKEN the user chose token and URLs together: a loopback WS URL is used as set", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send({ action: "heartbeat" }) });
  try {
    const result = await runWhileServing(["monitor", "chat", "--json"], server, {
      env: { RESTREAM_TOKEN: "env-token", RESTREAM_CHAT_WS_URL: server.url },
    }, { until: ({ stdout }) => stdout.includes("\n") });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(server.handshakes, ["env-token"]);
  } finally {
    await server.close();
  }
});

Deno.test("no tokens stored for the current origin: never another origin's record, nothing sent", async () => {
  const fake = new FakeFetch();
  await withStoredLogin(PRODUCTION, async (login) => {
    // Fresh: a fallback to this record would send it at once, without a refresh first.
    const store = new TokenStore({ dir: login.RESTREAM_CONFIG_DIR });
    await store.set(PRODUCTION, { ...(await store.get(PRODUCTION))!, expiresAt: undefined });
    for (const argv of [["profile"], ["auth", "token"]]) {
      const result = await runCapture(argv, {
        env: { ...login, RESTREAM_API_URL: "http://127.0.0.1:9" },
        fetch: fake.fetch,
      });
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, /not logged in to http:\/\/127\.0\.0\.1:9/);
      assert.equal(result.stdout, "", `${argv.join(" ")} printed no token`);
    }
  });
  assert.equal(fake.requests.length, 0);
});
