import assert from "node:assert/strict";
import { RestreamClient } from "../src/client.ts";
import { MAX_TITLE_LENGTH } from "../src/client/channels.ts";
import { mergeEvents } from "../src/client/events.ts";
import { RestreamError } from "../src/errors.ts";
import { FakeFetch } from "./support/fake_fetch.ts";
import {
  CHANNEL_SNAKE,
  CHANNEL_SNAKE_NORMALISED,
  event,
  EVENT_ID,
  historyPage,
  INSUFFICIENT_SCOPE,
  NOT_FOUND,
  PROFILE,
  T0,
  TOKEN,
  uuid,
} from "./support/rest_fixtures.ts";

function client(fake: FakeFetch, log?: (line: string) => void): RestreamClient {
  return new RestreamClient({
    apiUrl: "https://api.test",
    token: TOKEN,
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
    log,
  });
}

function isError(kind: string, status: number | null, message: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof RestreamError, String(error));
    assert.equal(error.kind, kind);
    assert.equal(error.status, status);
    assert.match(error.message, message);
    return true;
  };
}

Deno.test("getProfile sends the bearer token and keeps unknown fields", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: PROFILE });
  assert.deepEqual(await client(fake).getProfile(), PROFILE);
  assert.equal(fake.requests[0].headers.get("authorization"), `Bearer ${TOKEN}`);
  fake.assertDone();
});

Deno.test("getChannel normalises the snake_case shape", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/202", { body: CHANNEL_SNAKE });
  assert.deepEqual(await client(fake).getChannel(202), CHANNEL_SNAKE_NORMALISED);
});

Deno.test("updateChannel PATCHes {active} and accepts the empty 200 body", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/5", { status: 200 });
  assert.equal(await client(fake).updateChannel(5, { active: false }), undefined);
  assert.equal(fake.requests[0].body, '{"active":false}');
  assert.equal(fake.requests[0].headers.get("content-type"), "application/json");
});

Deno.test("updateChannelMeta sends the description only when given", async () => {
  const fake = new FakeFetch()
    .on("PATCH", "/v2/user/channel-meta/5", [{ status: 200 }, { status: 200 }]);
  await client(fake).updateChannelMeta(5, { title: "New" });
  await client(fake).updateChannelMeta(5, { title: "New", description: "" });
  assert.equal(fake.requests[0].body, '{"title":"New"}');
  assert.equal(fake.requests[1].body, '{"title":"New","description":""}');
});

Deno.test("updateChannelMeta refuses an empty or over-long title before sending", async () => {
  const fake = new FakeFetch();
  await assert.rejects(
    client(fake).updateChannelMeta(5, { title: "  " }),
    isError("usage", null, /must not be empty/),
  );
  await assert.rejects(
    client(fake).updateChannelMeta(5, { title: "x".repeat(MAX_TITLE_LENGTH + 1) }),
    isError("usage", null, /141 characters long; the limit is 140/),
  );
  assert.equal(fake.requests.length, 0);
  // Exactly the limit is fine, and characters (not UTF-16 units) are counted.
  fake.on("PATCH", "/v2/user/channel-meta/5", { status: 200 });
  await client(fake).updateChannelMeta(5, { title: "🎥".repeat(MAX_TITLE_LENGTH) });
  assert.equal(fake.requests.length, 1);
});

Deno.test("a 404 names the resource and keeps status 404", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/channel/42", NOT_FOUND)
    .on("GET", `/v2/user/events/${EVENT_ID}/streamKey`, NOT_FOUND);
  await assert.rejects(
    client(fake).getChannel(42),
    isError("not_found", 404, /^channel 42 not found$/),
  );
  await assert.rejects(
    client(fake).getEventStreamKey(EVENT_ID),
    isError("not_found", 404, new RegExp(`^event ${EVENT_ID} not found$`)),
  );
});

Deno.test("a 403 insufficient_scope names the endpoint's scope; another 403 is kept", async () => {
  const fake = new FakeFetch()
    .on("PATCH", "/v2/user/channel/1", INSUFFICIENT_SCOPE)
    .on("GET", "/v2/user/streamKey", { status: 403, body: { message: "Plan required" } });
  await assert.rejects(
    client(fake).updateChannel(1, { active: true }),
    isError("forbidden", 403, /^missing scope channels\.write \(the token was not granted it\)$/),
  );
  await assert.rejects(client(fake).getStreamKey(), isError("forbidden", 403, /Plan required/));
});

Deno.test("storage, clips and recordings share the wording: 404 names the item, 403 the scope", async () => {
  const file = uuid(1);
  const fake = new FakeFetch()
    .on("GET", `/v2/user/storage/files/${file}`, NOT_FOUND)
    .on("POST", `/v2/user/storage/files/${file}/download-url`, NOT_FOUND)
    .on("GET", `/v2/user/clips/projects/${file}`, NOT_FOUND)
    .on("GET", `/v2/user/clips/${file}/download`, NOT_FOUND)
    .on("POST", `/v2/user/events/${EVENT_ID}/recordings/download-url`, NOT_FOUND)
    .on("GET", `/v2/user/events/${EVENT_ID}/recordings`, INSUFFICIENT_SCOPE)
    .on("GET", "/v2/user/ingest", INSUFFICIENT_SCOPE);
  const api = client(fake);
  const notFound = (what: string) => isError("not_found", 404, new RegExp(`^${what} not found$`));
  await assert.rejects(api.getStorageFile(file), notFound(`storage file ${file}`));
  await assert.rejects(api.getStorageFileDownloadUrl(file), notFound(`storage file ${file}`));
  await assert.rejects(api.getClipProject(file), notFound(`clip project ${file}`));
  await assert.rejects(api.getClipDownloadUrl(file), notFound(`clip ${file}`));
  await assert.rejects(
    api.getEventRecordingDownloadUrl(EVENT_ID, "a.mp4"),
    notFound(`recording a\\.mp4 of event ${EVENT_ID}`),
  );
  const scope = (name: string) =>
    isError("forbidden", 403, new RegExp(`^missing scope ${name.replace(".", "\\.")} `));
  await assert.rejects(api.listEventRecordings(EVENT_ID), scope("storage.read"));
  await assert.rejects(api.getIngest(), scope("channels.read"));
  fake.assertDone();
});

Deno.test("listUpcomingEvents maps the source name to the API's number and sends scheduled", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/upcoming", { body: [] }, {
      query: { source: "2", scheduled: "true" },
    })
    .on("GET", "/v2/user/events/upcoming", { body: [] });
  await client(fake).listUpcomingEvents({ source: "encoder", scheduled: true });
  await client(fake).listUpcomingEvents();
  assert.equal(fake.requests[1].url.search, "");
  await assert.rejects(
    client(fake).listUpcomingEvents({ source: "radio" as "video" }),
    /invalid source 'radio'/,
  );
  fake.assertDone();
});

Deno.test("iterateEventHistory follows pages while page < pages_total", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/history", { body: historyPage([event(1, "finished")], 1, 3, 1) }, {
      query: { page: "1", limit: "1" },
    })
    .on("GET", "/v2/user/events/history", { body: historyPage([event(2, "missed")], 2, 3, 1) }, {
      query: { page: "2", limit: "1" },
    })
    .on("GET", "/v2/user/events/history", { body: historyPage([event(3, "finished")], 3, 3, 1) }, {
      query: { page: "3", limit: "1" },
    });
  const ids: string[] = [];
  for await (const page of client(fake).iterateEventHistory({ limit: 1 })) {
    ids.push(...page.items.map((e) => e.id));
  }
  assert.deepEqual(ids, [uuid(1), uuid(2), uuid(3)]);
  fake.assertDone();
});

const FIRST_PAGE = { page: "1", limit: "10" };

Deno.test("iterateEventHistory stops on an empty page or a missing pagination", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/history", { body: { items: [event(1, "finished")] } }, {
      query: FIRST_PAGE,
    })
    .on("GET", "/v2/user/events/history", { body: historyPage([], 1, 9) }, { query: FIRST_PAGE });
  let pages = 0;
  for await (const _ of client(fake).iterateEventHistory()) pages++;
  for await (const _ of client(fake).iterateEventHistory()) pages++;
  assert.equal(pages, 2);
  fake.assertDone();
});

Deno.test("listEvents fetches the three lists concurrently and merges them", async () => {
  const fake = new FakeFetch();
  const seenAtReply: number[] = [];
  const slow = (body: unknown) => async (): Promise<Response> => {
    // Reply a little later: by then a concurrent client has sent all three requests.
    await new Promise((resolve) => setTimeout(resolve, 5));
    seenAtReply.push(fake.requests.length);
    return Response.json(body);
  };
  fake
    .on("GET", "/v2/user/events/in-progress", slow([event(1, "in-progress", { startedAt: T0 })]))
    .on("GET", "/v2/user/events/upcoming", slow([event(2, "upcoming", { scheduledFor: T0 })]))
    .on(
      "GET",
      "/v2/user/events/history",
      slow(historyPage([event(3, "finished", { startedAt: T0 - 9 })], 1, 1, 5)),
      { query: { page: "1", limit: "5" } },
    );
  const events = await client(fake).listEvents({ limit: 5 });
  assert.deepEqual(events.map((e) => e.id), [uuid(1), uuid(2), uuid(3)]);
  assert.deepEqual(seenAtReply, [3, 3, 3]);
  fake.assertDone();
});

Deno.test("mergeEvents orders each group and keeps the first occurrence of an id", () => {
  const live = [
    event(1, "in-progress", { startedAt: T0 - 100 }),
    event(2, "in-progress", { startedAt: T0 }),
  ];
  const upcoming = [
    event(3, "upcoming", { scheduledFor: T0 + 500 }),
    event(4, "upcoming", { scheduledFor: null }),
    event(5, "upcoming", { scheduledFor: T0 + 100 }),
    { ...event(2, "upcoming", { scheduledFor: T0 }), title: "duplicate" },
  ];
  const history = [
    event(6, "finished", { startedAt: T0 - 5000, finishedAt: T0 - 4000 }),
    event(7, "missed", { scheduledFor: T0 - 1000 }),
    { ...event(1, "finished", { startedAt: T0 - 100 }), title: "older copy" },
  ];
  const merged = mergeEvents(live, upcoming, history);
  assert.deepEqual(merged.map((e) => e.id), [2, 1, 5, 3, 4, 7, 6].map(uuid));
  assert.equal(merged.find((e) => e.id === uuid(2))?.title, "Show 2");
  assert.equal(merged.find((e) => e.id === uuid(1))?.status, "in-progress");
});

Deno.test("listEvents refuses a limit outside 1-100 without a request", async () => {
  const fake = new FakeFetch();
  await assert.rejects(client(fake).listEvents({ limit: 0 }), /invalid limit 0/);
  await assert.rejects(client(fake).listEvents({ limit: 101 }), /invalid limit 101/);
  assert.equal(fake.requests.length, 0);
});

Deno.test("the request log shows URLs only, never a stream key", async () => {
  const secret = "re_999_do-not-log";
  const lines: string[] = [];
  const fake = new FakeFetch()
    .on("GET", "/v2/user/streamKey", {
      body: { streamKey: secret, srtUrl: `srt://x?streamid=${secret}` },
    });
  const key = await client(fake, (line) => lines.push(line)).getStreamKey();
  assert.equal(key.streamKey, secret);
  assert.ok(lines.length >= 2);
  for (const line of lines) assert.ok(!line.includes(secret), line);
});

Deno.test("iterateEventChat stops with one warning when the API repeats a page", async () => {
  const page = { messages: [{ text: "x" }], nextPageToken: "same" };
  const fake = new FakeFetch()
    .on("GET", `/v2/user/events/${EVENT_ID}/chat/history`, { body: page })
    .on("GET", `/v2/user/events/${EVENT_ID}/chat/history`, { body: page }, {
      query: { pageToken: "same" },
    });
  const warnings: string[] = [];
  let pages = 0;
  const options = { onWarning: (m: string) => warnings.push(m) };
  for await (const _ of client(fake).iterateEventChat(EVENT_ID, options)) pages++;
  assert.equal(pages, 1, "the repeated page is left out");
  assert.equal(fake.requests.length, 2);
  assert.deepEqual(warnings, ["stopped at page 2: the API repeated a page"]);
});

Deno.test("iterateClipProjects follows cursors, stops at hasMore false or a repeated cursor", async () => {
  const project = (id: string) => ({ projectId: id });
  const fake = new FakeFetch()
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [project("a")], pagination: { nextCursor: "c1", hasMore: true } },
    }, { query: { limit: "1" } })
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [project("b")], pagination: { nextCursor: "c2", hasMore: false } },
    }, { query: { limit: "1", cursor: "c1" } })
    .on("GET", "/v2/user/clips/projects", {
      body: { projects: [project("c")], pagination: { nextCursor: "c3", hasMore: true } },
    }, { query: { cursor: "c3" } });
  const ids: string[] = [];
  for await (const page of client(fake).iterateClipProjects({ limit: 1 })) {
    ids.push(...page.projects.map((p) => p.projectId));
  }
  assert.deepEqual(ids, ["a", "b"]);
  // A cursor that names the page just read is not fetched again.
  for await (const page of client(fake).iterateClipProjects({ cursor: "c3" })) {
    ids.push(...page.projects.map((p) => p.projectId));
  }
  assert.deepEqual(ids, ["a", "b", "c"]);
  fake.assertDone();
});

Deno.test("createEvent sends scheduledFor as ISO-8601 and leaves unset fields out", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/events/new", {
    status: 201,
    body: { id: EVENT_ID },
  });
  const created = await client(fake).createEvent({
    streamType: "studio",
    scheduledFor: new Date(Date.UTC(2026, 4, 1, 16)),
  });
  assert.equal(created.id, EVENT_ID);
  assert.deepEqual(JSON.parse(fake.requests[0].body), {
    streamType: "studio",
    scheduledFor: "2026-05-01T16:00:00.000Z",
  });
});
