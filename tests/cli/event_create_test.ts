import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, EVENT_ID, NOT_FOUND } from "../support/rest_fixtures.ts";

const BAD_COMMAND_LINES: Array<[string[], RegExp]> = [
  [["event", "create"], /missing required flag '--type <type>'/],
  [
    ["event", "create", "--type", "webcam"],
    /invalid --type 'webcam': expected one of studio, encoder/,
  ],
  [["event", "create", "--type", "studio", "--title", " "], /--title must not be empty/],
  [["event", "create", "--type", "studio", "--at", "tomorrow"], /invalid --at 'tomorrow'/],
  [["event", "create", "--type", "studio", "--at", "1767000000"], /invalid --at/],
  [["event", "destination", "add", "nope", "--channel", "1"], /invalid event id 'nope'/],
  [["event", "destination", "add", EVENT_ID], /missing required flag '--channel <id>'/],
  [["event", "destination", "add", EVENT_ID, "--channel", "0"], /invalid channel id '0'/],
];

for (const [argv, message] of BAD_COMMAND_LINES) {
  Deno.test(`usage error, no request: ${argv.join(" ").slice(0, 70)}`, async () => {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(fake.requests.length, 0);
  });
}

Deno.test("event create --json: POST with an ISO time; prints the id and the fields sent", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/events/new", {
    status: 201,
    body: { id: EVENT_ID },
  });
  const result = await runCapture(
    [
      "event",
      "create",
      "--type",
      "encoder",
      "--title",
      "Show",
      "--at",
      "2026-05-01T18:00:00+02:00",
      "--json",
    ],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  const sent = { streamType: "encoder", title: "Show", scheduledFor: "2026-05-01T16:00:00.000Z" };
  assert.deepEqual(JSON.parse(fake.requests[0].body), sent);
  assert.deepEqual(JSON.parse(result.stdout), { id: EVENT_ID, ...sent });
});

Deno.test("event create: human mode confirms on stderr, stdout empty", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/events/new", {
    status: 201,
    body: { id: EVENT_ID },
  });
  const result = await runCapture(["event", "create", "--type", "studio"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 100,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(fake.requests[0].body), { streamType: "studio" });
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, `event ${EVENT_ID} created\n`);
});

Deno.test("event destination add --vertical: POST {channelId, streamingOrientation}", async () => {
  const fake = new FakeFetch().on("POST", `/v2/user/events/${EVENT_ID}/destinations`, {
    status: 201,
    body: { id: 9 },
  }, { repeat: true });
  const json = await runCapture(
    ["event", "destination", "add", EVENT_ID, "--channel", "101", "--vertical", "--json"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(fake.requests[0].body), {
    channelId: 101,
    streamingOrientation: "vertical",
  });
  assert.deepEqual(JSON.parse(json.stdout), {
    id: 9,
    eventId: EVENT_ID,
    channelId: 101,
    streamingOrientation: "vertical",
  });
  const human = await runCapture(["event", "destination", "add", EVENT_ID, "--channel", "101"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(fake.requests[1].body), { channelId: 101 });
  assert.equal(human.stderr, `channel 101 added to event ${EVENT_ID}\n`);
});

Deno.test("event destination add: a 404 names the event", async () => {
  const fake = new FakeFetch().on("POST", `/v2/user/events/${EVENT_ID}/destinations`, NOT_FOUND);
  const result = await runCapture(["event", "destination", "add", EVENT_ID, "--channel", "1"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 4);
  assert.equal(result.stderr, `error: event ${EVENT_ID} not found\n`);
});
