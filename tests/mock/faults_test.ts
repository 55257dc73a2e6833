import assert from "node:assert/strict";
import { deadline } from "../support/deadline.ts";
import { FakeClock } from "../support/fake_clock.ts";
import { parseFaultFlag } from "../../src/mock/faults.ts";
import { call, postForm, withMock } from "../support/mock.ts";

Deno.test("failNext: N failures with Retry-After in the envelope, then normal answers", async () => {
  await withMock({}, async (mock) => {
    mock.control.failNext("GET /v2/user/profile", { count: 2, status: 503, retryAfter: "3" });
    for (let i = 0; i < 2; i++) {
      const res = await call(mock, "/v2/user/profile");
      assert.equal(res.status, 503);
      assert.equal(res.headers.get("retry-after"), "3");
      assert.equal(res.json.error.statusCode, 503);
      assert.equal(res.json.error.name, "service_unavailable");
    }
    assert.equal((await call(mock, "/v2/user/profile")).status, 200);
  });
});

Deno.test("failNext body shapes: html, empty, json-message", async () => {
  await withMock({}, async (mock) => {
    mock.control.failNext("GET /v2/user/profile", { status: 502, body: "html" });
    mock.control.failNext("GET /v2/user/profile", { status: 500, body: "empty" });
    mock.control.failNext("GET /v2/user/profile", { status: 429, body: "json-message" });
    const html = await call(mock, "/v2/user/profile");
    assert.equal(html.status, 502);
    assert.match(html.headers.get("content-type")!, /text\/html/);
    assert.match(html.text, /<html>/);
    const empty = await call(mock, "/v2/user/profile");
    assert.equal(empty.status, 500);
    assert.equal(empty.text, "");
    const message = await call(mock, "/v2/user/profile");
    assert.equal(message.status, 429);
    assert.deepEqual(message.json, { message: "Too Many Requests" });
  });
});

Deno.test("failNext routes: {param} segments, other routes untouched, the token endpoint too", async () => {
  await withMock({}, async (mock) => {
    mock.control.failNext("GET /v2/user/channel/{id}", { status: 500 });
    assert.equal(
      (await call(mock, "/v2/user/channel/all")).status,
      500,
      "a {param} matches any segment",
    );
    assert.equal((await call(mock, "/v2/user/profile")).status, 200);
    mock.control.failNext("POST /oauth/token", { status: 503, body: "empty" });
    const token = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: "x",
    });
    assert.equal(token.status, 503);
    assert.throws(() => mock.control.failNext("nonsense", { status: 500 }), /invalid route/);
    assert.throws(() => mock.control.failNext("GET /x", { status: 99 }), /invalid status/);
  });
});

Deno.test("latency delays each request", async () => {
  await withMock({}, async (mock) => {
    mock.control.setLatency(60);
    // A fake clock: the answer comes when 60 ms have passed on it, not one tick before.
    const clock = new FakeClock().install();
    try {
      const waiting = clock.armed(60);
      let answered = false;
      const response = call(mock, "/v2/platform/all").finally(() => answered = true);
      await deadline(waiting, "the mock's 60 ms wait");
      clock.advance(59);
      assert.equal(answered, false, "answered before the latency passed");
      clock.advance(1);
      assert.equal((await deadline(response, "the answer after 60 ms")).status, 200);
    } finally {
      clock.uninstall();
    }
    mock.control.setLatency(0);
  });
});

Deno.test("revoke-all stops every token, the ready one included; reset restores the ready token", async () => {
  await withMock({}, async (mock) => {
    const pair = mock.control.issueTokens();
    mock.control.revokeAllTokens();
    assert.equal((await call(mock, "/v2/user/profile")).status, 401);
    assert.equal((await call(mock, "/v2/user/profile", { token: pair.accessToken })).status, 401);
    const refresh = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: pair.refreshToken,
    });
    assert.equal(refresh.json.error, "invalid_grant");
    mock.control.reset();
    assert.equal((await call(mock, "/v2/user/profile")).status, 200);
  });
});

Deno.test("expire-all: access tokens answer 'expired', refresh tokens still work", async () => {
  await withMock({}, async (mock) => {
    const pair = mock.control.issueTokens();
    mock.control.expireAllTokens();
    const res = await call(mock, "/v2/user/profile", { token: pair.accessToken });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.message, "Invalid token: access token expired");
    const refresh = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: pair.refreshToken,
    });
    assert.equal(refresh.status, 200);
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: refresh.json.access_token })).status,
      200,
    );
  });
});

Deno.test("request log and counters; reset brings back the seed and clears them", async () => {
  await withMock({}, async (mock) => {
    await call(mock, "/v2/user/profile");
    await call(mock, "/v2/user/profile", { token: "bad" });
    await call(mock, "/v2/user/channel/1030301", { method: "PATCH", body: { active: false } });
    const log = mock.control.requestLog();
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [
      ["GET", "/v2/user/profile", 200],
      ["GET", "/v2/user/profile", 401],
      ["PATCH", "/v2/user/channel/1030301", 200],
    ]);
    assert.ok(log.every((e) => Math.abs(e.at - Date.now()) < 5000));
    // In the process, the log holds what was sent: tests check where a token went.
    assert.deepEqual(log.map((e) => e.headers.authorization), [
      `Bearer ${mock.token}`,
      "Bearer bad",
      `Bearer ${mock.token}`,
    ]);
    assert.equal(log[2].headers["content-type"], "application/json");
    await fetch(`${mock.apiUrl}/v2/platform/all?page=2&accessToken=${mock.token}`).then((r) =>
      r.body?.cancel()
    );
    assert.equal(mock.control.requestLog()[3].query, `?page=2&accessToken=${mock.token}`);
    // Out of the process (GET /__mock/log), secrets are masked.
    const served = await (await fetch(`${mock.apiUrl}/__mock/log`)).json();
    assert.equal(served[0].headers.authorization, "Bearer ***");
    assert.equal(served[3].query, "?page=2&accessToken=***");
    assert.ok(!JSON.stringify(served).includes(mock.token));
    assert.equal(mock.control.counters().requests["GET /v2/user/profile"], 2);
    mock.control.failNext("GET /v2/user/profile", { status: 500 });
    mock.control.reset();
    assert.deepEqual(mock.control.requestLog(), []);
    assert.deepEqual(mock.control.counters().requests, {});
    assert.equal((await call(mock, "/v2/user/profile")).status, 200, "faults are cleared");
    assert.equal(
      (await call(mock, "/v2/user/channel/1030301")).json.active,
      true,
      "seed state is back",
    );
  });
});

Deno.test("control over HTTP: fail, counters, log, tokens, latency, errors", async () => {
  await withMock({}, async (mock) => {
    const post = async (op: string, body?: unknown) => {
      const res = await fetch(`${mock.apiUrl}/__mock/${op}`, {
        method: "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    assert.deepEqual(
      await post("fail", { route: "GET /v2/user/profile", status: 429, retryAfter: "1", count: 1 }),
      {
        status: 200,
        json: { ok: true },
      },
    );
    const failed = await call(mock, "/v2/user/profile");
    assert.equal(failed.status, 429);
    assert.equal(failed.headers.get("retry-after"), "1");
    const counters = await (await fetch(`${mock.apiUrl}/__mock/counters`)).json();
    assert.equal(counters.requests["GET /v2/user/profile"], 1);
    assert.equal(
      counters.requests["POST /__mock/fail"],
      undefined,
      "control calls are not counted",
    );
    const log = await (await fetch(`${mock.apiUrl}/__mock/log`)).json();
    assert.equal(log.length, 1);
    const tokens = await post("tokens", { scopes: ["profile.read"] });
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: tokens.json.accessToken })).status,
      200,
    );
    assert.equal(
      (await call(mock, "/v2/user/channel/all", { token: tokens.json.accessToken })).status,
      403,
    );
    assert.equal((await post("latency", { ms: 0 })).status, 200);
    assert.equal((await post("heartbeats", { on: false })).status, 200);
    assert.equal((await post("drop-sockets", { after: null })).status, 200);
    assert.equal((await post("expire-all")).status, 200);
    assert.equal((await call(mock, "/v2/user/profile")).status, 401);
    assert.equal((await post("revoke-all")).status, 200);
    assert.equal((await post("reset")).status, 200);
    assert.equal((await call(mock, "/v2/user/profile")).status, 200);
    assert.equal((await post("fail", { route: "GET /x", status: "abc" })).status, 400);
    assert.equal((await post("nope")).status, 404);
  });
});

Deno.test("control over HTTP: no CORS header; another origin is refused (403), nothing changed", async () => {
  await withMock({}, async (mock) => {
    const port = new URL(mock.apiUrl).port;
    const send = async (op: string, origin?: string, method = "POST") => {
      const res = await fetch(`${mock.apiUrl}/__mock/${op}`, {
        method,
        // A web page's "simple" request: text/plain needs no preflight.
        headers: { "content-type": "text/plain", ...(origin ? { origin } : {}) },
        body: method === "POST" ? JSON.stringify({ scopes: ["profile.read"] }) : undefined,
      });
      const text = await res.text();
      return { status: res.status, cors: res.headers.get("access-control-allow-origin"), text };
    };
    for (
      const origin of [
        "https://evil.example",
        "null",
        `http://evil.example:${port}`,
        "http://127.0.0.1:1",
      ]
    ) {
      const refused = await send("tokens", origin);
      assert.equal(refused.status, 403, origin);
      assert.equal(refused.cors, null);
      assert.ok(!refused.text.includes("accessToken"));
      const preflight = await send("tokens", origin, "OPTIONS");
      assert.equal(preflight.status, 403);
      assert.equal(preflight.cors, null);
    }
    assert.equal((await send("revoke-all", "https://evil.example")).status, 403);
    assert.equal((await call(mock, "/v2/user/profile")).status, 200, "the ready token still works");
    // Its own origin (any loopback name of it) and no Origin at all (curl, scripts) are fine.
    for (const origin of [mock.apiUrl, `http://localhost:${port}`, undefined]) {
      const ok = await send("tokens", origin);
      assert.equal(ok.status, 200, String(origin));
      assert.equal(ok.cors, null);
      assert.match(ok.text, /accessToken/);
    }
    // The REST API keeps its CORS header for browser dashboards (it needs a token anyway).
    const rest = await fetch(`${mock.apiUrl}/v2/platform/all`, {
      headers: { origin: "https://x.example" },
    });
    await rest.body?.cancel();
    assert.equal(rest.headers.get("access-control-allow-origin"), "*");
  });
});

Deno.test("parseFaultFlag reads ROUTE=STATUS[xCOUNT][,retry-after=S][,body=SHAPE]", () => {
  assert.deepEqual(parseFaultFlag("GET /v2/user/profile=503x2"), {
    route: "GET /v2/user/profile",
    fault: { status: 503, count: 2 },
  });
  assert.deepEqual(parseFaultFlag("POST /oauth/token=429,retry-after=2,body=html"), {
    route: "POST /oauth/token",
    fault: { status: 429, count: 1, retryAfter: "2", body: "html" },
  });
  assert.throws(() => parseFaultFlag("GET /x"), /expected ROUTE=STATUS/);
  assert.throws(() => parseFaultFlag("GET /x=5"), /STATUS/);
  assert.throws(() => parseFaultFlag("GET /x=503,body=xml"), /invalid body/);
});

Deno.test("reset brings back the very seed of the start, even a second later", async () => {
  await withMock({}, async (mock) => {
    const before = (await call(mock, "/v2/user/events/history?limit=100")).json;
    // Cross a whole-second boundary: seed times are Unix seconds.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    mock.control.reset();
    assert.deepEqual((await call(mock, "/v2/user/events/history?limit=100")).json, before);
  });
});
