/**
 * How the CLI reports what went wrong (issue 14, "Errors and exit codes"): a request the API
 * refused is exit 1 `bad_request` without a `--help` hint; a 404 keeps the API's words; a
 * refused RESTREAM_TOKEN is named; a bad RESTREAM_API_URL is named without pointing at the
 * command's help; long retry waits are announced on stderr, also under --json.
 */

import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, PROFILE } from "../support/rest_fixtures.ts";

const META = { title: "Old title", description: "Old description" };

Deno.test("a 422 from the API: exit 1, the API's message, no --help hint; --json kind bad_request", async () => {
  for (const json of [false, true]) {
    const fake = new FakeFetch()
      .on("GET", "/v2/user/channel-meta/7", { body: META })
      .on("PATCH", "/v2/user/channel-meta/7", {
        status: 422,
        body: { error: { message: "description contains a banned word", name: "invalid" } },
      });
    const argv = ["channel", "meta", "set", "7", "--description", "x", ...(json ? ["--json"] : [])];
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    const message =
      "description contains a banned word (HTTP 422 from PATCH /v2/user/channel-meta/7)";
    if (json) {
      assert.deepEqual(JSON.parse(result.stderr), {
        error: { kind: "bad_request", status: 422, message },
      });
    } else {
      assert.equal(result.stderr, `error: ${message}\n`);
    }
  }
});

Deno.test("a 404 names the thing and keeps the API's message when it says more", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/channel/999", {
      status: 404,
      body: { error: { message: "no channel 999", name: "not_found" } },
    })
    .on("GET", "/v2/user/channel/998", {
      status: 404,
      body: { error: { message: "ChannelNotFound", name: "channel_not_found" } },
    });
  const said = await runCapture(["channel", "get", "999"], { fetch: fake.fetch, env: ENV });
  assert.equal(said.code, 4);
  assert.equal(said.stderr, "error: channel 999 not found: no channel 999\n");
  const bare = await runCapture(["channel", "get", "998"], { fetch: fake.fetch, env: ENV });
  assert.equal(bare.stderr, "error: channel 998 not found\n");
});

Deno.test("a refused RESTREAM_TOKEN is named (exit 3)", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", {
    status: 401,
    body: { error: { message: "Invalid token", name: "invalid_token" } },
  });
  const result = await runCapture(["profile"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /^error: RESTREAM_TOKEN was rejected by the API \(Invalid token/);
  assert.doesNotMatch(result.stderr, /--help/);
});

Deno.test("RESTREAM_API_URL ending in /v2, or not a URL: named, exit 2, no --help hint, nothing sent", async () => {
  const fake = new FakeFetch();
  const v2 = await runCapture(["profile"], {
    fetch: fake.fetch,
    env: { ...ENV, RESTREAM_API_URL: "http://127.0.0.1:12080/v2/" },
  });
  assert.equal(v2.code, 2);
  assert.equal(
    v2.stderr,
    "error: RESTREAM_API_URL 'http://127.0.0.1:12080/v2/' ends in /v2: set it to the origin, " +
      "http://127.0.0.1:12080 (/v2 is added)\n",
  );
  const bad = await runCapture(["profile"], {
    fetch: fake.fetch,
    env: { ...ENV, RESTREAM_API_URL: "notaurl" },
  });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: RESTREAM_API_URL 'notaurl' is not a URL/);
  assert.doesNotMatch(bad.stderr, /--help/);
  assert.equal(fake.requests.length, 0);
});

Deno.test("a retry wait of 2 s or more is announced on stderr without -v, also with --json", async () => {
  for (const json of [false, true]) {
    const fake = new FakeFetch().on("GET", "/v2/user/profile", [
      { status: 429, headers: { "retry-after": "2" } },
      { body: PROFILE },
    ]);
    const argv = ["profile", ...(json ? ["--json"] : [])];
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stderr,
      "GET /v2/user/profile: HTTP 429 (too many requests); waiting 2 s before attempt 2 of 4\n",
    );
    if (json) assert.equal(JSON.parse(result.stdout).id, PROFILE.id);
  }
});

Deno.test("a short backoff is not announced", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", [{ status: 503 }, { body: PROFILE }]);
  const result = await runCapture(["profile"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, "");
});
