/**
 * End to end against the mock playing a hostile API (SPEC.md, "Hostile input"): a redirect
 * that would carry a stream key elsewhere, a body that never ends, pages that never end.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { withE2e } from "../support/e2e.ts";

/** A server that records anything sent to it: the other origin of a redirect. */
function witness() {
  const received: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    received.push(`${r.method} ${new URL(r.url).pathname} ${await r.text()}`);
    return Response.json({ id: 99 });
  });
  return { received, url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

Deno.test("e2e: a 307 on channel add is not followed: the stream key never leaves, exit 1", async () => {
  const other = witness();
  try {
    await withE2e(async ({ mock, run }) => {
      mock.control.failNext("POST /v2/user/channels", {
        status: 307,
        body: "empty",
        location: `${other.url}/v2/user/channels`,
      });
      const result = await run([
        "channel",
        "add",
        "--platform",
        "Custom RTMP",
        "--url",
        "rtmp://ingest.example/live",
        "--key",
        "-",
      ], { stdin: "stream-key-0123456789" });
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        `error: unexpected redirect to ${other.url} (HTTP 307 from POST /v2/user/channels)\n`,
      );
      assert.deepEqual(other.received, []);
      assert.equal(mock.control.counters().requests["POST /v2/user/channels"], 1, "sent once");

      // A meta change answered from elsewhere is not reported as done.
      const { twitch } = SEED_CHANNEL_IDS;
      mock.control.failNext("PATCH /v2/user/channel-meta/{id}", {
        status: 308,
        body: "empty",
        location: "/elsewhere",
      });
      const meta = await run(["channel", "meta", "set", String(twitch), "--title", "T"]);
      assert.equal(meta.code, 1, meta.stderr);
      assert.match(meta.stderr, new RegExp(`^error: unexpected redirect to ${mock.apiUrl} `));
    });
  } finally {
    await other.close();
  }
});

Deno.test("e2e: a body that never ends is refused at 32 MiB: exit 1, not retried, memory bounded", async () => {
  await withE2e(async ({ mock, run }) => {
    mock.control.failNext("GET /v2/platform/all", { status: 200, body: "endless", count: 4 });
    const result = await run(["platforms", "--json"]);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, "");
    const error = JSON.parse(result.stderr.trim()).error;
    assert.equal(error.kind, "invalid_response");
    assert.match(
      error.message,
      /^response too large: more than 32 MiB from GET \/v2\/platform\/all/,
    );
    assert.equal(mock.control.counters().requests["GET /v2/platform/all"], 1, "not retried");
  });
});

Deno.test("e2e: an API that repeats a page ends the listing with one warning, exit 0", async () => {
  await withE2e(async ({ mock, run }) => {
    const page = {
      items: [{
        id: "0b7a5e36-2a55-4c7a-9d0c-2f1f1d0a2b01",
        status: "finished",
        title: "Loop",
        description: "",
        coverUrl: null,
        scheduledFor: null,
        startedAt: 1764000000,
        finishedAt: 1764003600,
        isInstant: false,
        isRecordOnly: false,
        showId: null,
        destinations: [],
      }],
      // Always one more page: the API never says it is done.
      pagination: { page: 1, pages_total: 1_000_000, limit: 10 },
    };
    mock.control.failNext("GET /v2/user/events/history", { status: 200, json: page, count: 50 });
    const history = await run(["event", "history", "--all", "--json"]);
    assert.equal(history.code, 0, history.stderr);
    assert.equal(JSON.parse(history.stdout).length, 1);
    assert.equal(history.stderr, "warning: stopped at page 2: the API repeated a page\n");
    assert.equal(mock.control.counters().requests["GET /v2/user/events/history"], 2);

    const raw = await run(["api", "user/events/history", "--paginate"]);
    assert.equal(raw.code, 0, raw.stderr);
    assert.deepEqual(JSON.parse(raw.stdout), page.items);
    assert.equal(raw.stderr, "warning: stopped at page 2: the API repeated a page\n");
  });
});
