/**
 * What the library's errors say (issue 14): a refused request is `bad_request`, a 404 names
 * the thing and keeps the API's own words when they say more, a client without a token fails
 * before sending, an API URL ending in /v2 is named as the mistake, and long retry waits are
 * reported through a callback (the library never prints).
 */

import assert from "node:assert/strict";
import { RestreamClient } from "../src/client.ts";
import { EXIT_CODES, RestreamError, UsageError } from "../src/errors.ts";
import { HttpClient, type RetryNotice } from "../src/http/http.ts";
import { FakeFetch } from "./support/fake_fetch.ts";
import { TOKEN } from "./support/rest_fixtures.ts";

function client(fake: FakeFetch, options: { token?: string } = { token: TOKEN }): RestreamClient {
  return new RestreamClient({
    apiUrl: "https://api.test",
    ...options,
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
}

function notFound(message: string) {
  return { status: 404, body: { error: { statusCode: 404, message, name: "not_found" } } };
}

Deno.test("400, 422 and other 4xx without a kind of their own are bad_request, exit 1", async () => {
  for (const status of [400, 405, 409, 410, 413, 422]) {
    const fake = new FakeFetch().on("PATCH", "/v2/user/channel/5", {
      status,
      body: { error: { message: `refused ${status}` } },
    });
    const error = await client(fake).updateChannel(5, { active: true }).catch((e) => e);
    assert.ok(error instanceof RestreamError);
    assert.equal(error.kind, "bad_request", `HTTP ${status}`);
    assert.equal(error.status, status);
    assert.equal(error.apiMessage, `refused ${status}`);
    assert.match(error.message, new RegExp(`^refused ${status} \\(HTTP ${status} from PATCH`));
    assert.equal(EXIT_CODES[error.kind], 1);
  }
});

Deno.test("a 404 names the thing and adds the API's message only when it says more", async () => {
  const cases: Array<[string, string]> = [
    ["no channel 999", "channel 999 not found: no channel 999"],
    [
      "channel 999 was deleted on 2026-11-01",
      "channel 999 not found: channel 999 was deleted on 2026-11-01",
    ],
    ["Not Found", "channel 999 not found"],
    ["not found.", "channel 999 not found"],
    ["ChannelNotFound", "channel 999 not found"],
    ["channel_not_found", "channel 999 not found"],
    ["Channel not found", "channel 999 not found"],
    ["Workspace not found", "channel 999 not found: Workspace not found"],
  ];
  for (const [apiMessage, expected] of cases) {
    const fake = new FakeFetch().on("GET", "/v2/user/channel/999", notFound(apiMessage));
    const error = await client(fake).getChannel(999).catch((e) => e);
    assert.ok(error instanceof RestreamError);
    assert.equal(error.kind, "not_found");
    assert.equal(error.message, expected, apiMessage);
  }
});

Deno.test("a 404 about the other id of a request names that one", async () => {
  const event = "9b4fb93c-bb15-47dc-8c06-b4ba5483403c";
  const path = `/v2/user/events/${event}/destinations`;
  const cases: Array<[string, string]> = [
    ["ChannelNotFound", "channel 1030999 not found"],
    ["channel_not_found", "channel 1030999 not found"],
    ["EventNotFound", `event ${event} not found`],
    ["Not Found", `event ${event} not found`],
  ];
  for (const [apiMessage, expected] of cases) {
    const fake = new FakeFetch().on("POST", path, notFound(apiMessage));
    const error = await client(fake).addEventDestination(event, { channelId: 1030999 })
      .catch((e) => e);
    assert.equal(error.message, expected, apiMessage);
  }
});

Deno.test("storage files and clips: a 404 reads '<thing> <id> not found'", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/storage/files/abc", notFound("StorageFileNotFound"))
    .on("GET", "/v2/user/clips/xyz/download", notFound("ClipNotFound"));
  const api = client(fake);
  assert.equal(
    (await api.getStorageFile("abc").catch((e) => e)).message,
    "storage file abc not found",
  );
  assert.equal((await api.getClipDownloadUrl("xyz").catch((e) => e)).message, "clip xyz not found");
});

Deno.test("a method that needs a token fails locally on a client without one", async () => {
  const fake = new FakeFetch();
  const api = client(fake, {});
  for (const call of [() => api.listChannels(), () => api.updateChannel(1, { active: true })]) {
    const error = await call().catch((e) => e);
    assert.ok(error instanceof RestreamError, String(error));
    assert.equal(error.kind, "auth");
    assert.equal(error.status, null);
    assert.match(error.message, /^no token\b/);
  }
  assert.equal(fake.requests.length, 0, "nothing was sent");
  // Public endpoints still work without one.
  fake.on("GET", "/v2/platform/all", { body: [] });
  assert.deepEqual(await api.listPlatforms(), []);
});

Deno.test("an apiUrl ending in /v2 is named as the mistake, not sent to /v2/v2", () => {
  for (const apiUrl of ["http://127.0.0.1:8080/v2", "https://api.restream.io/v2/"]) {
    assert.throws(
      () => new RestreamClient({ apiUrl, token: TOKEN }),
      (error: unknown) =>
        error instanceof UsageError &&
        error.message.includes(`'${apiUrl}' ends in /v2`) &&
        error.message.includes(apiUrl.replace(/\/v2\/?$/, "")),
    );
  }
  // A path that merely contains v2 is someone's proxy prefix: allowed.
  new HttpClient({ baseUrl: "http://proxy.test/v2api" });
});

Deno.test("retries: onRetry hears each wait (what, how long, which attempt); a throwing one is ignored", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", [
    { status: 429, headers: { "retry-after": "120" } },
    { status: 503 },
    { body: { id: 1, username: "u", email: "e" } },
  ]);
  const notices: RetryNotice[] = [];
  const api = new RestreamClient({
    apiUrl: "https://api.test",
    token: TOKEN,
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
    random: () => 0,
    onRetry: (notice) => {
      notices.push(notice);
      throw new Error("a broken UI");
    },
  });
  await api.getProfile();
  assert.deepEqual(notices, [
    {
      method: "GET",
      path: "/v2/user/profile",
      reason: "HTTP 429 (too many requests)",
      status: 429,
      delayMs: 60_000,
      attempt: 2,
      maxAttempts: 4,
    },
    {
      method: "GET",
      path: "/v2/user/profile",
      reason: "HTTP 503 (service unavailable)",
      status: 503,
      delayMs: 500,
      attempt: 3,
      maxAttempts: 4,
    },
  ]);
});
