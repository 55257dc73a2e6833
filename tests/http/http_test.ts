import assert from "node:assert/strict";
import { HttpClient, type HttpClientOptions, type TokenProvider } from "../../src/http/http.ts";
import {
  isIdempotent,
  MAX_RETRIES,
  RETRY_AFTER_CAP_MS,
  RETRYABLE_STATUSES,
} from "../../src/http/retry.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

const ORIGIN = "https://api.example.test";

/** A pipeline with instant, recorded sleeps and a fixed clock. */
function pipeline(fake: FakeFetch, options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const http = new HttpClient({
    baseUrl: ORIGIN,
    fetch: fake.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => Date.parse("2026-11-25T12:00:00Z"),
    random: () => 1,
    log: (line) => logs.push(line),
    ...options,
  });
  return { http, sleeps, logs };
}

for (const status of [408, 429, 500, 502, 503, 504]) {
  Deno.test(`GET is retried after ${status}`, async () => {
    const fake = new FakeFetch().on("GET", "/v2/x", [{ status, body: "" }, { body: { ok: 1 } }]);
    const { http, sleeps } = pipeline(fake);
    const response = await http.request({ path: "/v2/x" });
    assert.deepEqual(response.body, { ok: 1 });
    assert.equal(fake.requests.length, 2);
    assert.equal(sleeps.length, 1);
    fake.assertDone();
  });
}

Deno.test("a status outside the retry set is not retried", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", { status: 404, body: { message: "nope" } });
  const error = await rejects(pipeline(fake).http.request({ path: "/v2/x" }));
  assert.equal(error.kind, "not_found");
  assert.equal(error.status, 404);
  assert.equal(fake.requests.length, 1);
});

Deno.test("network errors are retried for GET", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", [
    new TypeError("error sending request: connection reset by peer"),
    { body: [] },
  ]);
  const response = await pipeline(fake).http.request({ path: "/v2/x" });
  assert.deepEqual(response.body, []);
});

Deno.test("PATCH and POST are sent once on a 503 or a reset connection", async () => {
  for (const method of ["PATCH", "POST"]) {
    const fake = new FakeFetch().on(method, "/v2/x", { status: 503 });
    const error = await rejects(pipeline(fake).http.request({ method, path: "/v2/x", json: {} }));
    assert.equal(error.kind, "server");
    assert.equal(fake.requests.length, 1, method);

    const reset = new FakeFetch().on(method, "/v2/x", new TypeError("connection reset by peer"));
    const netError = await rejects(pipeline(reset).http.request({ method, path: "/v2/x" }));
    assert.equal(netError.kind, "network");
    assert.equal(reset.requests.length, 1, method);
  }
});

Deno.test("a POST is retried when the connection was refused (nothing reached the server)", async () => {
  const refused = new TypeError(
    "error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)",
  );
  const fake = new FakeFetch().on("POST", "/oauth/token", [refused, { body: { ok: true } }]);
  const response = await pipeline(fake).http.request({ method: "POST", path: "/oauth/token" });
  assert.deepEqual(response.body, { ok: true });
});

Deno.test("backoff grows, is jittered and capped; at most 3 retries", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", { status: 503 }, { repeat: true });
  const { http, sleeps } = pipeline(fake, { random: () => 1 });
  const error = await rejects(http.request({ path: "/v2/x" }));
  assert.equal(error.kind, "server");
  assert.equal(fake.requests.length, 4);
  assert.deepEqual(sleeps, [500, 1000, 2000]);

  const capped = pipeline(new FakeFetch().on("GET", "/v2/x", { status: 503 }, { repeat: true }), {
    random: () => 0,
    maxRetries: 6,
  });
  await rejects(capped.http.request({ path: "/v2/x" }));
  assert.deepEqual(capped.sleeps, [250, 500, 1000, 2000, 4000, 4000]);
});

Deno.test("Retry-After in seconds and as an HTTP date is honoured, capped at 60 s", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", [
    { status: 429, headers: { "retry-after": "7" } },
    { status: 503, headers: { "retry-after": "Wed, 25 Nov 2026 12:00:12 GMT" } },
    { status: 429, headers: { "retry-after": "3600" } },
    { body: {} },
  ]);
  const { http, sleeps } = pipeline(fake);
  await http.request({ path: "/v2/x" });
  assert.deepEqual(sleeps, [7000, 12000, 60000]);
});

Deno.test("Retry-After as an HTTP date far ahead is capped at 60 s too; a past date waits 0", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", [
    { status: 503, headers: { "retry-after": "Wed, 25 Nov 2026 14:00:00 GMT" } },
    { status: 429, headers: { "retry-after": "Wed, 25 Nov 2026 12:01:00 GMT" } },
    { status: 503, headers: { "retry-after": "Wed, 25 Nov 2026 11:00:00 GMT" } },
    { body: {} },
  ]);
  const { http, sleeps, logs } = pipeline(fake);
  await http.request({ path: "/v2/x" });
  assert.deepEqual(sleeps, [60_000, 60_000, 0]);
  assert.match(
    logs.join("\n"),
    /HTTP 503 \(service unavailable\); waiting 60000 ms before attempt 2 of 4/,
  );
});

Deno.test("429 after every retry is a rate-limit error", async () => {
  const fake = new FakeFetch().on("GET", "/v2/x", { status: 429 }, { repeat: true });
  const error = await rejects(pipeline(fake).http.request({ path: "/v2/x" }));
  assert.equal(error.kind, "rate_limited");
  assert.equal(error.status, 429);
});

Deno.test("each attempt times out; a timeout is retried for GET and reported", async () => {
  const hang = (request: Request): Promise<Response> =>
    new Promise((_resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason), {
        once: true,
      });
    });
  const fake = new FakeFetch().on("GET", "/v2/x", hang, { repeat: true });
  const { http } = pipeline(fake, { timeoutMs: 5, maxRetries: 1 });
  const error = await rejects(http.request({ path: "/v2/x" }));
  assert.equal(error.kind, "timeout");
  assert.equal(fake.requests.length, 2);
  assert.match(error.message, /timed out/);
});

Deno.test("bearer token sent; a 401 refreshes once and retries once, even a PATCH", async () => {
  const refreshed: string[] = [];
  const tokens: TokenProvider = {
    getAccessToken: () => Promise.resolve("old-token"),
    refreshAfterUnauthorized: (rejected) => {
      refreshed.push(rejected);
      return Promise.resolve("new-token");
    },
  };
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/1", [{ status: 401 }, {
    status: 200,
  }]);
  const { http } = pipeline(fake, { tokens });
  await http.request({ method: "PATCH", path: "/v2/user/channel/1", json: { active: true } });
  assert.deepEqual(refreshed, ["old-token"]);
  assert.deepEqual(
    fake.requests.map((r) => r.headers.get("authorization")),
    ["Bearer old-token", "Bearer new-token"],
  );
  assert.equal(fake.requests[1].body, '{"active":true}');
});

Deno.test("a second 401 after the refresh is an auth error; no refresh loop", async () => {
  let refreshes = 0;
  const tokens: TokenProvider = {
    getAccessToken: () => Promise.resolve("a"),
    refreshAfterUnauthorized: () => Promise.resolve(`b${++refreshes}`),
  };
  const fake = new FakeFetch().on("GET", "/v2/x", { status: 401 }, { repeat: true });
  const error = await rejects(pipeline(fake, { tokens }).http.request({ path: "/v2/x" }));
  assert.equal(error.kind, "auth");
  assert.equal(refreshes, 1);
  assert.equal(fake.requests.length, 2);
});

Deno.test("auth: false sends no Authorization header; basic sends client credentials", async () => {
  const tokens: TokenProvider = { getAccessToken: () => Promise.resolve("tok") };
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: [] }).on(
    "POST",
    "/oauth/token",
    { body: {} },
  );
  const { http } = pipeline(fake, { tokens });
  await http.request({ path: "/v2/platform/all", auth: false });
  await http.request({
    method: "POST",
    path: "/oauth/token",
    basic: { username: "id", password: "s3cr:t" },
    form: { grant_type: "refresh_token" },
  });
  assert.equal(fake.requests[0].headers.get("authorization"), null);
  assert.equal(fake.requests[1].headers.get("authorization"), `Basic ${btoa("id:s3cr%3At")}`);
  assert.equal(fake.requests[1].body, "grant_type=refresh_token");
});

Deno.test("empty bodies parse to null; a non-JSON 2xx body is an invalid response", async () => {
  const fake = new FakeFetch()
    .on("PATCH", "/v2/a", { status: 200 })
    .on("GET", "/v2/b", { body: "<html>oops</html>" });
  const { http } = pipeline(fake);
  assert.equal((await http.request({ method: "PATCH", path: "/v2/a" })).body, null);
  const error = await rejects(http.request({ path: "/v2/b" }));
  assert.equal(error.kind, "invalid_response");
});

Deno.test("verbose log shows method, URL, status, duration and retries with secrets masked", async () => {
  const fake = new FakeFetch().on("GET", "/ws", [{ status: 503 }, { body: {} }], {
    query: { accessToken: "top-secret-token", page: "2" },
  });
  const { http, logs } = pipeline(fake, {
    tokens: { getAccessToken: () => Promise.resolve("top-secret-token") },
  });
  await http.request({ path: "/ws", query: { accessToken: "top-secret-token", page: 2 } });
  const text = logs.join("\n");
  assert.ok(!text.includes("top-secret-token"), text);
  assert.match(text, /→ GET https:\/\/api\.example\.test\/ws\?accessToken=\*\*\*&page=2/);
  assert.match(text, /← 503 GET .* \(\d+ ms\)/);
  assert.match(text, /HTTP 503 \(service unavailable\); waiting \d+ ms before attempt 2 of 4/);
});

Deno.test("an aborted signal stops a request as interrupted", async () => {
  const controller = new AbortController();
  const fake = new FakeFetch().on("GET", "/v2/x", { status: 503 }, { repeat: true });
  const { http } = pipeline(fake, {
    sleep: () => {
      controller.abort();
      return Promise.reject(new Error("aborted"));
    },
  });
  const error = await rejects(http.request({ path: "/v2/x", signal: controller.signal }));
  assert.equal(error.kind, "interrupted");
});

Deno.test("SPEC numbers, as the code uses them: 30 s per attempt, 3 retries, Retry-After capped at 60 s", async () => {
  assert.equal(MAX_RETRIES, 3);
  assert.equal(RETRY_AFTER_CAP_MS, 60_000);
  assert.deepEqual([...RETRYABLE_STATUSES].sort(), [408, 429, 500, 502, 503, 504]);
  // A client with no retry options: the defaults decide.
  const fake = new FakeFetch().on("GET", "/v2/x", {
    status: 503,
    headers: { "retry-after": "3600" },
  }, { repeat: true });
  const sleeps: number[] = [];
  const http = new HttpClient({
    baseUrl: ORIGIN,
    fetch: fake.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  await rejects(http.request({ path: "/v2/x" }));
  assert.equal(fake.requests.length, 4, "the first attempt and 3 retries");
  assert.deepEqual(sleeps, [60_000, 60_000, 60_000]);
  for (const method of ["GET", "PUT", "DELETE", "HEAD", "get"]) assert.ok(isIdempotent(method));
  for (const method of ["PATCH", "POST"]) assert.ok(!isIdempotent(method), method);
  // The default per-attempt timeout, seen by the timeout signal the request arms.
  const delays: number[] = [];
  const realTimeout = AbortSignal.timeout;
  AbortSignal.timeout = (ms: number): AbortSignal => {
    delays.push(ms);
    return realTimeout(ms);
  };
  try {
    const fake = new FakeFetch().on("GET", "/v2/x", { status: 200, body: [] });
    await new HttpClient({ baseUrl: ORIGIN, fetch: fake.fetch }).request({ path: "/v2/x" });
  } finally {
    AbortSignal.timeout = realTimeout;
  }
  assert.deepEqual(delays, [30_000]);
});
