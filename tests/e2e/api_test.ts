/**
 * End to end against the mock server: the raw `api` command (GET, PATCH, both pagination
 * styles) and the retry rules as a user sees them: a GET survives 503s, a 429 that never
 * ends exits 5, a PATCH is sent once.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { SEED_EVENT_IDS, SEED_HISTORY_SIZE } from "../../src/mock/seed_events.ts";
import { call } from "../support/mock.ts";
import { withE2e } from "../support/e2e.ts";

const { twitch } = SEED_CHANNEL_IDS;

Deno.test("e2e: api GET prints the body exactly as received; PATCH changes state", async () => {
  await withE2e(async ({ mock, run, json }) => {
    const raw = await call(mock, "/v2/user/profile");
    const [relative, absolute, missing] = await Promise.all([
      run(["api", "user/profile"]),
      run(["api", "/v2/user/profile"]),
      run(["api", "user/nothing-here"]),
    ]);
    assert.deepEqual(relative, { code: 0, stdout: raw.text, stderr: "" });
    assert.deepEqual(absolute, relative);
    assert.equal(missing.code, 4);
    assert.equal(missing.stdout, "");
    assert.match(missing.stderr, /^error: Not Found/);

    const patched = await run([
      "api",
      "-X",
      "PATCH",
      `user/channel/${twitch}`,
      "-F",
      "active=false",
    ]);
    assert.deepEqual(patched, { code: 0, stdout: "", stderr: "" }, "the empty 200 body as is");
    assert.equal((await json(["channel", "get", String(twitch)])).active, false);
    const meta = await run([
      "api",
      "-X",
      "PATCH",
      `user/channel-meta/${twitch}`,
      "-f",
      "title=Raw title",
    ]);
    assert.equal(meta.code, 0, meta.stderr);
    assert.equal((await json(["channel", "meta", "get", String(twitch)])).title, "Raw title");
    // --input sends a body as is.
    const input = await run(["api", "-X", "PATCH", `user/channel/${twitch}`, "--input", "-"], {
      stdin: '{"active":true}',
    });
    assert.equal(input.code, 0, input.stderr);
    assert.equal((await json(["channel", "get", String(twitch)])).active, true);
  });
});

Deno.test("e2e: api --paginate follows page numbers, cursors and page tokens", async () => {
  await withE2e(async ({ mock, json }) => {
    const history = (await call(mock, "/v2/user/events/history?limit=100")).json.items;
    const projects = (await call(mock, "/v2/user/clips/projects?limit=100")).json.projects;
    const chatPath = `/v2/user/events/${SEED_EVENT_IDS.latestFinished}/chat/history`;
    const chat = (await call(mock, `${chatPath}?pageSize=1000`)).json.messages;
    mock.control.reset();
    const [pages, cursors, tokens] = await Promise.all([
      json(["api", "user/events/history?limit=10", "--paginate"]),
      json(["api", "-X", "GET", "user/clips/projects", "-F", "limit=3", "--paginate"]),
      json(["api", `${chatPath}?pageSize=8`, "--paginate"]),
    ]);
    assert.equal(pages.length, SEED_HISTORY_SIZE);
    assert.deepEqual(pages, history);
    assert.deepEqual(cursors, projects);
    assert.equal(chat.length, 30);
    assert.deepEqual(tokens, chat);
    const requests = mock.control.counters().requests;
    assert.equal(requests["GET /v2/user/events/history"], 3);
    assert.equal(requests["GET /v2/user/clips/projects"], 3);
    assert.equal(requests[`GET ${chatPath}`], 4);
  });
});

Deno.test("e2e: retries are visible: 503s then success, 429 for ever exits 5, PATCH once", async () => {
  await withE2e(async ({ mock, run, json }) => {
    const counted = (route: string): number => mock.control.counters().requests[route] ?? 0;

    mock.control.failNext("GET /v2/user/profile", { status: 503, count: 2, retryAfter: "0" });
    const profile = await json(["profile"]);
    assert.equal(profile.username, "gamenight");
    assert.equal(counted("GET /v2/user/profile"), 3);

    mock.control.failNext("GET /v2/user/channel/all", { status: 429, count: 4, retryAfter: "0" });
    const limited = await run(["channel", "list", "--json"]);
    assert.equal(limited.code, 5);
    assert.equal(limited.stdout, "");
    assert.equal(JSON.parse(limited.stderr).error.kind, "rate_limited");
    assert.equal(counted("GET /v2/user/channel/all"), 4, "the first attempt and 3 retries");

    mock.control.failNext(`PATCH /v2/user/channel/${twitch}`, {
      status: 503,
      retryAfter: "0",
    });
    const once = await run(["channel", "set", String(twitch), "--inactive"]);
    assert.equal(once.code, 1);
    assert.equal(once.stdout, "");
    assert.match(once.stderr, /^error: .*503/);
    assert.equal(counted(`PATCH /v2/user/channel/${twitch}`), 1);
    assert.equal((await json(["channel", "get", String(twitch)])).active, true, "not applied");

    // The raw command goes through the same pipeline.
    mock.control.failNext("GET /v2/user/ingest", { status: 502, count: 1, retryAfter: "0" });
    const raw = await run(["api", "user/ingest"]);
    assert.deepEqual(raw, { code: 0, stdout: '{"ingestId":8}', stderr: "" });
    assert.equal(counted("GET /v2/user/ingest"), 2);
  });
});
