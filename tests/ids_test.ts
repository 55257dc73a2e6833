/**
 * The library checks every id before any request (SPEC.md, "Hostile input"): a fetch that
 * fails the test on any call proves nothing is sent for a bad id.
 */

import assert from "node:assert/strict";
import { RestreamClient } from "../src/client.ts";
import { idSegment } from "../src/ids.ts";
import { UsageError } from "../src/errors.ts";
import { FakeFetch } from "./support/fake_fetch.ts";
import { rejects } from "./support/rejects.ts";
import { EVENT_ID, TOKEN } from "./support/rest_fixtures.ts";

/** A client whose fetch fails the test if it is ever called. */
function guarded(): { client: RestreamClient; sent: string[] } {
  const sent: string[] = [];
  const client = new RestreamClient({
    apiUrl: "https://api.test",
    token: TOKEN,
    fetch: (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return Promise.reject(new Error(`unexpected request ${request.method} ${request.url}`));
    },
    sleep: () => Promise.resolve(),
  });
  return { client, sent };
}

async function refused(call: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await rejects(call);
  assert.ok(error instanceof UsageError, `${error.name}: ${error.message}`);
  assert.equal(error.kind, "usage");
  assert.match(error.message, message);
}

// deno-lint-ignore no-explicit-any
const any = (value: unknown): any => value;

Deno.test("ids: the reported path escapes are refused before any request", async () => {
  const { client, sent } = guarded();
  // `..` used to fetch the account's default stream key and POST to /v2/user/storage/download-url.
  await refused(client.getEventStreamKey(".."), /^invalid event id '\.\.': expected a UUID$/);
  await refused(client.getStorageFileDownloadUrl(".."), /^invalid storage file id '\.\.'/);
  // The channel id used to go into the path raw: DELETE /v2/oauth/revoke.
  await refused(
    client.removeChannel(any("1/../../../oauth/revoke")),
    /^invalid channel id '1\/\.\.\/\.\.\/\.\.\/oauth\/revoke': expected a positive integer$/,
  );
  assert.deepEqual(sent, []);
});

Deno.test("ids: a channel id is a positive safe integer, in every channel method", async () => {
  const { client, sent } = guarded();
  const bad = [NaN, 1.5, 0, -3, Infinity, 2 ** 53, any("7"), any(null), any(undefined)];
  for (const id of bad) {
    const message = /^invalid channel id .+: expected a positive integer$/;
    await refused(client.getChannel(id), message);
    await refused(client.updateChannel(id, { active: true }), message);
    await refused(client.getChannelMeta(id), message);
    await refused(client.updateChannelMeta(id, { title: "ok" }), message);
    await refused(client.removeChannel(id), message);
    await refused(client.addEventDestination(EVENT_ID, { channelId: id }), message);
  }
  assert.deepEqual(sent, []);
});

Deno.test("ids: an event id is a UUID, in every event method", async () => {
  const { client, sent } = guarded();
  const bad = ["..", ".", "", "abc", `${EVENT_ID}/..`, `${EVENT_ID}?x=1`, ` ${EVENT_ID}`, any(7)];
  for (const id of bad) {
    const message = /^invalid event id .*: expected a UUID$/;
    await refused(client.getEvent(id), message);
    await refused(client.getEventStreamKey(id), message);
    await refused(client.getEventSrtKey(id), message);
    await refused(client.addEventDestination(id, { channelId: 1 }), message);
    await refused(client.listEventTranscriptions(id), message);
    await refused(client.getEventViewerAnalytics(id), message);
    await refused(client.getEventMessageAnalytics(id), message);
    await refused(client.getEventChatHistory(id), message);
    await refused(client.iterateEventChat(id).next(), message);
    await refused(client.getEventChatDownloadUrl(id), message);
    await refused(client.listEventRecordings(id), message);
    await refused(client.getEventRecordingDownloadUrl(id, "a.mp4"), message);
  }
  assert.deepEqual(sent, []);
});

Deno.test("ids: storage file, clip, project ids and recording names: no separators, escapes or controls", async () => {
  const { client, sent } = guarded();
  const bad = ["", ".", "..", "a/b", "a\\b", "a?b", "a#b", "%2e%2e", "a\nb", "a\u0085b", any(5)];
  for (const id of bad) {
    await refused(client.getStorageFile(id), /^invalid storage file id /);
    await refused(client.getStorageFileDownloadUrl(id), /^invalid storage file id /);
    await refused(
      client.createClipProject({ videoStorageFileId: id }),
      /^invalid storage file id /,
    );
    await refused(client.getClipProject(id), /^invalid clip project id /);
    await refused(client.getClipDownloadUrl(id), /^invalid clip id /);
    await refused(
      client.getEventRecordingDownloadUrl(EVENT_ID, id),
      /^invalid recording file name /,
    );
  }
  assert.deepEqual(sent, []);
});

Deno.test("ids: the message shows a bad value bounded, controls escaped", async () => {
  const { client } = guarded();
  const error = await rejects(client.getClipDownloadUrl(`\x1b]52;c;${"x".repeat(200)}\x07`));
  assert.equal(error.message.includes("\x1b"), false);
  assert.match(error.message, /^invalid clip id '\\u001b\]52;c;x+…': expected/);
  assert.ok(error.message.length < 200, error.message);
});

Deno.test("ids: a good id is one encoded path segment", async () => {
  assert.equal(idSegment("clip id", "a b+c"), "a%20b%2Bc");
  assert.equal(idSegment("storage file id", "..."), "...");
  assert.equal(idSegment("event id", EVENT_ID.toUpperCase()), EVENT_ID.toUpperCase());
  assert.equal(idSegment("channel id", 2 ** 53 - 1), "9007199254740991");
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/a%20b/download", { body: { downloadUrl: "https://s.test/x" } })
    .on("GET", `/v2/user/events/${EVENT_ID}/streamKey`, { body: { streamKey: "k", srtUrl: null } })
    .on("DELETE", "/v2/user/channels/42", { status: 204 });
  const client = new RestreamClient({
    apiUrl: "https://api.test",
    token: TOKEN,
    fetch: fake.fetch,
  });
  await client.getClipDownloadUrl("a b");
  await client.getEventStreamKey(EVENT_ID);
  await client.removeChannel(42);
  fake.assertDone();
});
