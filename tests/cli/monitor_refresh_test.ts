/**
 * `monitor` against the real mock (in-process CLI, real fetch and WebSocket, fast backoff)
 * with stored, refreshable tokens: a refresh token is spent only on an authentication
 * failure (SPEC.md, "Refresh tokens are spent only on auth failures"). Each needless
 * refresh would invalidate other processes' access tokens.
 */

import assert from "node:assert/strict";
import { TokenStore } from "../../src/auth/token_store.ts";
import type { MockServer } from "../../src/mock/types.ts";
import { type CliResult, runCapture } from "../support/cli.ts";
import { withMock } from "../support/mock.ts";
import { waitUntil } from "../support/deadline.ts";
import { fastTuning } from "../ws/helpers.ts";

interface Setup {
  mock: MockServer;
  /** Runs `monitor chat --json` until `until` resolves (or the run ends by itself). */
  monitor(until?: Promise<unknown>): Promise<CliResult>;
  /** The access token stored now. */
  stored(): Promise<string | undefined>;
}

/** A mock, a config dir with a refreshable login to it, and a `log` hook for the mock. */
async function withLogin(
  scopes: string[] | undefined,
  fn: (setup: Setup) => Promise<void>,
  onLog: (line: string, mock: MockServer) => void = () => {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "restream-monitor-" });
  let current: MockServer | undefined;
  try {
    await withMock({ log: (line) => current && onLog(line, current) }, async (mock) => {
      current = mock;
      const store = new TokenStore({ dir });
      const pair = mock.control.issueTokens({ scopes });
      await store.set(mock.apiUrl, {
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        scopes: scopes ?? [],
        clientId: mock.clientId,
      });
      const env = {
        RESTREAM_API_URL: mock.apiUrl,
        RESTREAM_CHAT_WS_URL: mock.chatWsUrl,
        RESTREAM_CONFIG_DIR: dir,
        RESTREAM_CLIENT_ID: mock.clientId,
        RESTREAM_CLIENT_SECRET: mock.clientSecret,
      };
      await fn({
        mock,
        monitor: async (until) => {
          const controller = new AbortController();
          const run = runCapture(["monitor", "chat", "--json"], {
            env,
            fetch: (request) => fetch(request),
            signal: controller.signal,
            monitorTuning: fastTuning({ sleep: (ms, signal) => tinySleep(ms, signal) }),
          });
          if (until === undefined) return await run;
          await Promise.race([until, run]);
          controller.abort();
          return await run;
        },
        stored: async () => (await store.get(mock.apiUrl))?.accessToken,
      });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Backoff shrunk to a millisecond, still a real wait (the server gets to answer). */
function tinySleep(_ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, 1);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

/** Resolves once the mock has seen `n` chat connections. */
function chatConnections(mock: MockServer, n: number): Promise<void> {
  return waitUntil(`${n} chat connections`, () => mock.control.counters().connections.chat >= n);
}

Deno.test("monitor vs mock: 502 alternating with accept-then-close spends no refresh", async () => {
  // Every accepted handshake queues a 502 for the next one; every socket drops at once.
  await withLogin(undefined, async ({ mock, monitor, stored }) => {
    const before = await stored();
    mock.control.dropSocketsAfter(1);
    mock.control.failNext("GET /ws/chat", { status: 502 });
    const result = await monitor(chatConnections(mock, 5));
    assert.equal(result.code, 0, result.stderr);
    const counters = mock.control.counters();
    const refused = mock.control.requestLog().filter((e) => e.status === 502).length;
    assert.ok(refused >= 4 && counters.connections.chat >= 5, JSON.stringify(counters));
    assert.equal(counters.refreshes, 0);
    assert.equal(counters.requests["GET /v2/user/profile"], undefined, "a 502 needs no check");
    assert.equal(await stored(), before, "the stored pair is untouched");
    assert.match(result.stderr, /Invalid status code: 502; reconnect attempt/);
  }, (line, mock) => {
    if (/^GET \/ws\/chat\S* 101 /.test(line)) {
      mock.control.failNext("GET /ws/chat", { status: 502 });
    }
  });
});

Deno.test("monitor vs mock: a token the server expired (401) spends exactly one refresh, then connects", async () => {
  await withLogin(undefined, async ({ mock, monitor, stored }) => {
    const before = await stored();
    mock.control.expireAllTokens();
    const result = await monitor(chatConnections(mock, 1));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(mock.control.counters().refreshes, 1);
    assert.notEqual(await stored(), before, "the rotated pair was stored");
    assert.match(result.stderr, /retrying with a refreshed token/);
  });
});

Deno.test("monitor vs mock: a token without chat.read (403) exits 3 naming the scope, no refresh", async () => {
  await withLogin(["profile.read"], async ({ mock, monitor }) => {
    const result = await monitor();
    assert.equal(result.code, 3, result.stderr);
    const error = JSON.parse(result.stderr.trim().split("\n").at(-1)!).error;
    assert.equal(error.kind, "forbidden");
    assert.equal(error.status, 403);
    assert.match(error.message, /missing scope chat\.read/);
    assert.equal(mock.control.counters().refreshes, 0);
    assert.equal(mock.control.counters().requests["GET /ws/chat"], 1);
  });
});

Deno.test("monitor vs mock: a 400 handshake with a token the API accepts is retried, no refresh", async () => {
  await withLogin(undefined, async ({ mock, monitor }) => {
    mock.control.failNext("GET /ws/chat", { status: 400, count: 2 });
    const result = await monitor(chatConnections(mock, 1));
    assert.equal(result.code, 0, result.stderr);
    const counters = mock.control.counters();
    assert.equal(counters.refreshes, 0);
    assert.equal(counters.requests["GET /v2/user/profile"], 1, "checked once, then trusted");
  });
});

Deno.test("monitor vs mock: a revoked login (400, then profile 401) spends one refresh, then exits 3", async () => {
  await withLogin(undefined, async ({ mock, monitor }) => {
    mock.control.revokeAllTokens();
    mock.control.failNext("GET /ws/chat", { status: 400 });
    const result = await monitor();
    assert.equal(result.code, 3, result.stderr);
    assert.equal(mock.control.counters().refreshes, 1, "the revoked refresh token was tried once");
    assert.match(result.stderr, /"kind":"auth"/);
  });
});
