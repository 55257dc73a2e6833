/**
 * The request pipeline against a hostile API (SPEC.md, "Hostile input"): redirects are not
 * followed, bodies are capped while they stream, credentials never travel in cleartext.
 */

import assert from "node:assert/strict";
import { UsageError } from "../../src/errors.ts";
import { HttpClient, MAX_RESPONSE_BYTES, type TokenProvider } from "../../src/http/http.ts";
import { assertEncryptedTransport, isLoopbackHost } from "../../src/http/transport.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

const ORIGIN = "https://api.example.test";
const MIB = 1024 * 1024;

function serve(handler: (request: Request) => Response | Promise<Response>) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  return { server, url: `http://127.0.0.1:${server.addr.port}` };
}

function fixedTokens(token: string): TokenProvider & { refreshes: number } {
  const provider = {
    refreshes: 0,
    getAccessToken: () => Promise.resolve(token),
    refreshAfterUnauthorized: () => {
      provider.refreshes++;
      return Promise.resolve(null);
    },
  };
  return provider;
}

Deno.test("a 307 from the API is not followed: the JSON body never reaches the other origin", async () => {
  const received: string[] = [];
  const other = serve(async (r) => {
    received.push(`${r.method} ${await r.text()} ${r.headers.get("authorization")}`);
    return Response.json({ id: 1 });
  });
  let hits = 0;
  const api = serve(async (r) => {
    hits++;
    await r.body?.cancel();
    return new Response(null, {
      status: 307,
      headers: { location: `${other.url}/v2/user/channel/1` },
    });
  });
  try {
    const http = new HttpClient({ baseUrl: api.url, tokens: fixedTokens("bearer-secret") });
    const error = await rejects(
      http.request({ method: "PATCH", path: "/v2/user/channel/1", json: { key: "rtmp-pass" } }),
    );
    assert.equal(error.kind, "invalid_response");
    assert.equal(error.status, 307);
    assert.equal(
      error.message,
      `unexpected redirect to ${other.url} (HTTP 307 from PATCH /v2/user/channel/1)`,
    );
    assert.deepEqual(received, []);
    assert.equal(hits, 1);
  } finally {
    await api.server.shutdown();
    await other.server.shutdown();
  }
});

Deno.test("any 3xx is invalid_response, not retried: Location resolved against the request URL, or none", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/a", { status: 302, headers: { location: "/v2/elsewhere?x=1" } })
    .on("GET", "/v2/b", { status: 308, headers: { location: "//evil.example:8443/x" } })
    .on("GET", "/v2/c", { status: 301 })
    .on("GET", "/v2/d", { status: 303, headers: { location: "http://[broken" } });
  const http = new HttpClient({
    baseUrl: ORIGIN,
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
  const messages = [];
  for (const path of ["/v2/a", "/v2/b", "/v2/c", "/v2/d"]) {
    const error = await rejects(http.request({ path }));
    assert.equal(error.kind, "invalid_response");
    messages.push(error.message.replace(/ \(HTTP.*$/, ""));
  }
  assert.deepEqual(messages, [
    `unexpected redirect to ${ORIGIN}`,
    "unexpected redirect to https://evil.example:8443",
    "unexpected redirect (no Location)",
    "unexpected redirect (unreadable Location)",
  ]);
  assert.equal(fake.requests.length, 4, "no retries, nothing followed");
  fake.assertDone();
});

/** A body of `chunks` MiB (endless when Infinity) whose pulls are counted. */
function mebibytes(
  chunks: number,
): { stream: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  const chunk = new Uint8Array(MIB).fill(0x61);
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulls >= chunks) return controller.close();
      pulls++;
      controller.enqueue(chunk);
    },
    cancel() {
      cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulls, cancelled: () => cancelled };
}

Deno.test("a body over 32 MiB is cancelled while it streams, whatever Content-Length says; not retried", async () => {
  const body = mebibytes(Infinity);
  const fake = new FakeFetch().on(
    "GET",
    "/v2/platform/all",
    () =>
      new Response(body.stream, {
        headers: { "content-length": "2", "content-type": "application/json" },
      }),
  );
  const http = new HttpClient({
    baseUrl: ORIGIN,
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
  const error = await rejects(http.request({ path: "/v2/platform/all", auth: false }));
  assert.equal(error.kind, "invalid_response");
  assert.match(
    error.message,
    /^response too large: more than 32 MiB from GET \/v2\/platform\/all$/,
  );
  assert.ok(body.cancelled(), "the rest of the body is cancelled");
  assert.ok(body.pulled() <= 34, `read ${body.pulled()} MiB`);
  assert.equal(fake.requests.length, 1);
  fake.assertDone();
});

Deno.test("a body of exactly 32 MiB is read whole", async () => {
  assert.equal(MAX_RESPONSE_BYTES, 32 * MIB);
  const body = mebibytes(32);
  const fake = new FakeFetch().on("GET", "/v2/big", () => new Response(body.stream));
  const http = new HttpClient({ baseUrl: ORIGIN, fetch: fake.fetch });
  const response = await http.request({ path: "/v2/big", auth: false, parse: false });
  assert.equal(response.text.length, 32 * MIB);
});

Deno.test("the cap counts decoded bytes: a small gzip body that inflates past 32 MiB is refused", async () => {
  const compressed = await new Response(
    new Response(new Uint8Array(40 * MIB)).body!.pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer();
  assert.ok(compressed.byteLength < MIB);
  const api = serve(() =>
    new Response(compressed, {
      headers: { "content-encoding": "gzip", "content-type": "application/json" },
    })
  );
  try {
    const http = new HttpClient({ baseUrl: api.url });
    const error = await rejects(http.request({ path: "/v2/platform/all", auth: false }));
    assert.match(error.message, /^response too large/);
  } finally {
    await api.server.shutdown();
  }
});

Deno.test("credentials never go over http:// to a host that is not loopback; nothing is sent", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: [] });
  let asked = 0;
  const tokens: TokenProvider = {
    getAccessToken: () => {
      asked++;
      return Promise.resolve("t0ken-value");
    },
  };
  const http = new HttpClient({ baseUrl: "http://api.example.test", fetch: fake.fetch, tokens });
  for (
    const options of [
      { path: "/v2/user/profile" },
      { path: "/oauth/token", basic: { username: "id", password: "secret" } },
      { path: "/v2/user/profile", auth: false, headers: { Authorization: "Bearer x" } },
    ]
  ) {
    const error = await rejects(http.request(options));
    assert.ok(error instanceof UsageError);
    assert.match(
      error.message,
      /^refusing to send credentials to http:\/\/api\.example\.test unencrypted: use https:\/\//,
    );
  }
  assert.equal(asked, 0, "no token asked for (a refresh could have been sent)");
  assert.equal(fake.requests.length, 0);
  // Without credentials (public endpoints), http:// is the user's business.
  await http.request({ path: "/v2/platform/all", auth: false });
  fake.assertDone();
});

Deno.test("loopback hosts may use cleartext: 127.0.0.0/8, ::1, localhost; others may not", () => {
  for (const host of ["127.0.0.1", "127.8.9.10", "[::1]", "::1", "localhost", "LOCALHOST"]) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (
    const host of ["128.0.0.1", "10.0.0.1", "localhost.example.com", "127.0.0.1.nip.io", "::2"]
  ) {
    assert.ok(!isLoopbackHost(host), host);
  }
  for (
    const url of [
      "http://127.0.0.1:8080",
      "ws://localhost:1/ws",
      "ws://[::1]:9/ws",
      "http://0x7f.1/",
      "https://example.com",
      "wss://chat.api.restream.io/ws",
    ]
  ) assertEncryptedTransport(url);
  for (const url of ["http://example.com", "ws://10.0.0.1/ws", "ws://127.0.0.1.nip.io/ws"]) {
    assert.throws(() => assertEncryptedTransport(url, "X"), UsageError, url);
  }
  assert.throws(
    () =>
      assertEncryptedTransport("ws://chat.example.com/ws?accessToken=abc", "RESTREAM_CHAT_WS_URL"),
    {
      message: "refusing to send credentials to RESTREAM_CHAT_WS_URL (ws://chat.example.com) " +
        "unencrypted: use wss:// (ws:// is allowed only for loopback hosts)",
    },
  );
});
