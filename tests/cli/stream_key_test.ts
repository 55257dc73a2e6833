import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import {
  ENV,
  EVENT_ID,
  EVENT_STREAM_KEY,
  NOT_FOUND,
  STREAM_KEY,
  TOKEN,
} from "../support/rest_fixtures.ts";

Deno.test("stream-key get: the key in full; a null SRT URL reads 'none'", async () => {
  for (const terminal of [100, undefined]) {
    const fake = new FakeFetch().on("GET", "/v2/user/streamKey", { body: STREAM_KEY });
    const result = await runCapture(["stream-key", "get", "--no-color"], {
      fetch: fake.fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "Stream key: re_123_super-secret-key\nSRT URL:    none\n");
  }
});

Deno.test("stream-key get --json: the API's object as sent", async () => {
  const body = { ...STREAM_KEY, extra: 1 };
  const fake = new FakeFetch().on("GET", "/v2/user/streamKey", { body });
  const result = await runCapture(["stream-key", "get", "--json"], { fetch: fake.fetch, env: ENV });
  assert.deepEqual(JSON.parse(result.stdout), body);
});

Deno.test("event stream-key: key and SRT URL in full", async () => {
  const fake = new FakeFetch()
    .on("GET", `/v2/user/events/${EVENT_ID}/streamKey`, { body: EVENT_STREAM_KEY });
  const result = await runCapture(["event", "stream-key", EVENT_ID], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(
    result.stdout,
    `Stream key: ${EVENT_STREAM_KEY.streamKey}\nSRT URL:    ${EVENT_STREAM_KEY.srtUrl}\n`,
  );
});

Deno.test("stream keys and the token never appear in the -v log", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/streamKey", { body: EVENT_STREAM_KEY })
    .on("GET", `/v2/user/events/${EVENT_ID}/streamKey`, { body: EVENT_STREAM_KEY });
  for (const argv of [["stream-key", "get", "-v"], ["-v", "event", "stream-key", EVENT_ID]]) {
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /GET http:\/\/|GET https:\/\//);
    assert.ok(result.stdout.includes(EVENT_STREAM_KEY.streamKey), "shown on stdout");
    for (const secret of [EVENT_STREAM_KEY.streamKey, "srt_456_event-secret", TOKEN]) {
      assert.ok(!result.stderr.includes(secret), `leaked ${secret}: ${result.stderr}`);
    }
  }
});

Deno.test("event stream-key: a bad id exits 2 without a request; a 404 names the event", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/events/${EVENT_ID}/streamKey`, NOT_FOUND);
  const bad = await runCapture(["event", "stream-key", "123"], { fetch: fake.fetch, env: ENV });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /invalid event id '123': expected a UUID/);
  assert.equal(fake.requests.length, 0);
  const missing = await runCapture(["event", "stream-key", EVENT_ID], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(missing.code, 4);
  assert.equal(missing.stderr, `error: event ${EVENT_ID} not found\n`);
  assert.equal(missing.stdout, "");
});
