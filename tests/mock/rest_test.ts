import assert from "node:assert/strict";
import { CHANNEL_TITLE_MAX_LENGTH } from "../../src/mock/rest_account.ts";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { SEED_EVENT_IDS, SEED_HISTORY_SIZE } from "../../src/mock/seed_events.ts";
import { call, withMock } from "../support/mock.ts";

const ENVELOPE_KEYS = ["code", "message", "name", "status", "statusCode"];

Deno.test("public endpoints need no token; servers have string coordinates", async () => {
  await withMock({}, async (mock) => {
    const platforms = await call(mock, "/v2/platform/all", { token: null });
    assert.equal(platforms.status, 200);
    const ids = platforms.json.map((p: { id: number }) => p.id);
    for (const id of [1, 5, 29]) assert.ok(ids.includes(id));
    const servers = await call(mock, "/v2/server/all", { token: null });
    assert.equal(typeof servers.json[1].latitude, "string");
    assert.equal(typeof servers.json[1].longitude, "string");
  });
});

Deno.test("401 envelopes: no token, unknown token; 404 envelope for an unknown path and channel", async () => {
  await withMock({}, async (mock) => {
    const none = await call(mock, "/v2/user/profile", { token: null });
    assert.equal(none.status, 401);
    assert.deepEqual(Object.keys(none.json.error).sort(), ENVELOPE_KEYS);
    const bad = await call(mock, "/v2/user/profile", { token: "nope" });
    assert.deepEqual(bad.json, {
      error: {
        statusCode: 401,
        status: 401,
        code: 401,
        message: "Invalid token: access token is invalid",
        name: "invalid_token",
      },
    });
    const path = await call(mock, "/v2/user/nothing-here");
    assert.equal(path.status, 404);
    assert.equal(path.json.error.name, "not_found");
    const channel = await call(mock, "/v2/user/channel/999");
    assert.equal(channel.status, 404);
    assert.equal(channel.json.error.name, "channel_not_found");
  });
});

Deno.test("403 insufficient_scope names the scope the endpoint needs", async () => {
  await withMock({}, async (mock) => {
    const { accessToken } = mock.control.issueTokens({ scopes: ["profile.read", "channels.read"] });
    assert.equal((await call(mock, "/v2/user/channel/all", { token: accessToken })).status, 200);
    const denied = await call(mock, `/v2/user/channel/${SEED_CHANNEL_IDS.twitch}`, {
      method: "PATCH",
      token: accessToken,
      body: { active: false },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.name, "insufficient_scope");
    assert.match(denied.json.error.message, /channels\.write/);
  });
});

Deno.test("scopes with the .default. infix count as the plain scope", async () => {
  await withMock({}, async (mock) => {
    const { accessToken } = mock.control.issueTokens({ scopes: ["stream.default.read"] });
    assert.equal(
      (await call(mock, "/v2/user/events/in-progress", { token: accessToken })).status,
      200,
    );
  });
});

Deno.test("channels: list uses enabled, single channel is snake_case, PATCH changes later GETs", async () => {
  await withMock({}, async (mock) => {
    const list = (await call(mock, "/v2/user/channel/all")).json;
    assert.ok(list.length >= 4);
    assert.ok(
      list.some((c: { displayName: string }) => /\p{Extended_Pictographic}/u.test(c.displayName)),
    );
    assert.ok(list.some((c: { enabled: boolean }) => c.enabled === false));
    assert.ok(list.some((c: Record<string, unknown>) => "privacy" in c), "an unknown extra field");
    const id = SEED_CHANNEL_IDS.twitch;
    const one = (await call(mock, `/v2/user/channel/${id}`)).json;
    assert.deepEqual(Object.keys(one).sort(), [
      "active",
      "channel_identifier",
      "channel_url",
      "display_name",
      "embed",
      "event_identifier",
      "event_url",
      "id",
      "service_id",
      "user_id",
    ]);
    assert.equal(one.active, true);
    const patch = await call(mock, `/v2/user/channel/${id}`, {
      method: "PATCH",
      body: { active: false },
    });
    assert.equal(patch.status, 200);
    assert.equal(patch.text, "");
    assert.equal((await call(mock, `/v2/user/channel/${id}`)).json.active, false);
    const again = (await call(mock, "/v2/user/channel/all")).json.find((c: { id: number }) =>
      c.id === id
    );
    assert.equal(again.enabled, false);
    const invalid = await call(mock, `/v2/user/channel/${id}`, {
      method: "PATCH",
      body: { active: "no" },
    });
    assert.equal(invalid.status, 400);
  });
});

Deno.test("channel meta: PATCH is stateful, keeps the description, rejects an over-long title", async () => {
  await withMock({}, async (mock) => {
    const path = `/v2/user/channel-meta/${SEED_CHANNEL_IDS.youtube}`;
    const before = (await call(mock, path)).json;
    assert.ok(before.description);
    assert.equal(
      (await call(mock, path, { method: "PATCH", body: { title: "New title" } })).status,
      200,
    );
    assert.deepEqual((await call(mock, path)).json, {
      title: "New title",
      description: before.description,
    });
    const long = await call(mock, path, {
      method: "PATCH",
      body: { title: "x".repeat(CHANNEL_TITLE_MAX_LENGTH + 1) },
    });
    assert.equal(long.status, 400);
    assert.match(long.json.error.message, new RegExp(String(CHANNEL_TITLE_MAX_LENGTH)));
    assert.equal(
      (await call(mock, path, {
        method: "PATCH",
        body: { title: "x".repeat(CHANNEL_TITLE_MAX_LENGTH) },
      })).status,
      200,
    );
  });
});

Deno.test("channels: add a manual channel (201) and delete it (204)", async () => {
  await withMock({}, async (mock) => {
    const added = await call(mock, "/v2/user/channels", {
      method: "POST",
      body: {
        platformId: 29,
        streamUrl: "rtmp://x.example/live",
        streamKey: "k",
        displayName: "Mine",
      },
    });
    assert.equal(added.status, 201);
    assert.equal(added.json.displayName, "Mine");
    const twitch = await call(mock, "/v2/user/channels", {
      method: "POST",
      body: { platformId: 1, streamUrl: "u", streamKey: "k" },
    });
    assert.equal(twitch.status, 400);
    assert.equal(
      (await call(mock, `/v2/user/channels/${added.json.id}`, { method: "DELETE" })).status,
      204,
    );
    assert.equal((await call(mock, `/v2/user/channel/${added.json.id}`)).status, 404);
  });
});

Deno.test("history: limit=10 gives three pages, newest first, each event once", async () => {
  await withMock({}, async (mock) => {
    const seen: string[] = [];
    let starts: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await call(mock, `/v2/user/events/history?page=${page}&limit=10`)).json;
      assert.deepEqual(body.pagination, { pages_total: 3, page, limit: 10 });
      seen.push(...body.items.map((e: { id: string }) => e.id));
      starts = [
        ...starts,
        ...body.items.map((e: { startedAt: number | null; scheduledFor: number }) =>
          e.startedAt ?? e.scheduledFor
        ),
      ];
      for (const e of body.items) assert.ok(["finished", "missed"].includes(e.status));
    }
    assert.equal(seen.length, SEED_HISTORY_SIZE);
    assert.equal(new Set(seen).size, SEED_HISTORY_SIZE);
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a));
    assert.equal((await call(mock, "/v2/user/events/history?limit=101")).status, 400);
  });
});

Deno.test("events: every status, upcoming filters, event get, stream keys with and without SRT, SRT plan 403", async () => {
  await withMock({}, async (mock) => {
    const live = (await call(mock, "/v2/user/events/in-progress")).json;
    assert.equal(live[0].status, "in-progress");
    assert.ok(live[0].destinations.length > 0);
    const upcoming = (await call(mock, "/v2/user/events/upcoming")).json;
    assert.equal(upcoming.length, 3);
    assert.equal((await call(mock, "/v2/user/events/upcoming?source=1")).json.length, 1);
    assert.equal((await call(mock, "/v2/user/events/upcoming?scheduled=true")).json.length, 2);
    assert.equal(
      (await call(mock, `/v2/user/events/${SEED_EVENT_IDS.latestFinished}`)).json.status,
      "finished",
    );
    assert.equal(
      (await call(mock, "/v2/user/events/00000000-0000-4000-8000-000000000000")).status,
      404,
    );
    assert.ok((await call(mock, "/v2/user/streamKey")).json.srtUrl);
    assert.equal(
      (await call(mock, `/v2/user/events/${SEED_EVENT_IDS.upcomingStudio}/streamKey`)).json.srtUrl,
      null,
    );
    const srt = await call(mock, `/v2/user/events/${SEED_EVENT_IDS.inProgress}/srt/streamKey`);
    assert.deepEqual(Object.keys(srt.json).sort(), ["passPhrase", "streamId", "url"]);
    assert.equal(
      (await call(mock, `/v2/user/events/${SEED_EVENT_IDS.upcomingStudio}/srt/streamKey`)).status,
      403,
    );
  });
});

Deno.test("events: create one and add a manual destination", async () => {
  await withMock({}, async (mock) => {
    const created = await call(mock, "/v2/user/events/new", {
      method: "POST",
      body: { streamType: "encoder", title: "New show", scheduledFor: "2030-01-01T10:00:00Z" },
    });
    assert.equal(created.status, 201);
    const event = (await call(mock, `/v2/user/events/${created.json.id}`)).json;
    assert.equal(event.scheduledFor, Date.parse("2030-01-01T10:00:00Z") / 1000);
    const path = `/v2/user/events/${created.json.id}/destinations`;
    assert.equal(
      (await call(mock, path, { method: "POST", body: { channelId: SEED_CHANNEL_IDS.customRtmp } }))
        .status,
      201,
    );
    assert.equal(
      (await call(mock, path, { method: "POST", body: { channelId: SEED_CHANNEL_IDS.twitch } }))
        .status,
      400,
    );
    assert.equal(
      (await call(mock, `/v2/user/events/${created.json.id}`)).json.destinations.length,
      1,
    );
    assert.equal(
      (await call(mock, "/v2/user/events/new", { method: "POST", body: { streamType: "tv" } }))
        .status,
      400,
    );
  });
});

Deno.test("chat history pages by pageToken; the download URL works once without auth", async () => {
  await withMock({}, async (mock) => {
    const base = `/v2/user/events/${SEED_EVENT_IDS.latestFinished}/chat/history`;
    const first = (await call(mock, `${base}?pageSize=20`)).json;
    assert.equal(first.messages.length, 20);
    assert.equal(first.previousPageToken, null);
    const second = (await call(mock, `${base}?pageSize=20&pageToken=${first.nextPageToken}`)).json;
    assert.equal(second.messages.length, 10);
    assert.equal(second.nextPageToken, null);
    assert.ok(second.previousPageToken);
    const download = await call(mock, `${base}/download-url`, { method: "POST" });
    const url = download.json.downloadUrl;
    assert.ok(url.startsWith(mock.apiUrl));
    const file = await fetch(url);
    assert.equal(file.status, 200);
    assert.match(await file.text(), /^timestamp,platform/);
    const twice = await fetch(url);
    await twice.body?.cancel();
    assert.equal(twice.status, 404);
  });
});

Deno.test("recordings, transcriptions, analytics (404 for an event without messages)", async () => {
  await withMock({}, async (mock) => {
    const id = SEED_EVENT_IDS.latestFinished;
    const recordings = (await call(mock, `/v2/user/events/${id}/recordings`)).json;
    assert.equal(recordings.primaryVideos.length, 1);
    const url = await call(mock, `/v2/user/events/${id}/recordings/download-url`, {
      method: "POST",
      body: { fileName: recordings.audio[0].fileName },
    });
    assert.equal(url.status, 200);
    assert.equal(
      (await call(mock, `/v2/user/events/${id}/recordings/download-url`, {
        method: "POST",
        body: { fileName: "x" },
      })).status,
      404,
    );
    const transcriptions =
      (await call(mock, `/v2/user/events/${id}/recordings/transcriptions`)).json.transcriptions;
    assert.ok(transcriptions.some((t: { downloadUrl: string | null }) => t.downloadUrl === null));
    assert.ok(transcriptions.some((t: { downloadUrl: string | null }) => t.downloadUrl !== null));
    const viewers = (await call(mock, `/v2/user/events/${id}/analytics/viewers`)).json;
    assert.ok(viewers.total.viewersPerMinute.length > 0);
    assert.ok(Object.keys(viewers.byChannel).length > 0);
    assert.equal((await call(mock, `/v2/user/events/${id}/analytics/messages`)).status, 200);
    const none = await call(
      mock,
      `/v2/user/events/${SEED_EVENT_IDS.withoutMessageAnalytics}/analytics/messages`,
    );
    assert.equal(none.status, 404);
  });
});

Deno.test("storage files and clips: ISO times, 404 names, cursor pagination, 409 on a clipped file", async () => {
  await withMock({}, async (mock) => {
    const files = (await call(mock, "/v2/user/storage/files")).json.files;
    assert.ok(!Number.isNaN(Date.parse(files[0].createdAt)));
    assert.equal((await call(mock, `/v2/user/storage/files/${files[0].id}`)).json.id, files[0].id);
    const missing = await call(mock, "/v2/user/storage/files/nope");
    assert.equal(missing.json.error.message, "StorageFileNotFound");
    assert.equal(
      (await call(mock, `/v2/user/storage/files/${files[0].id}/download-url`, { method: "POST" }))
        .status,
      200,
    );
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const body = (await call(mock, `/v2/user/clips/projects?limit=3${query}`)).json;
      ids.push(...body.projects.map((p: { projectId: string }) => p.projectId));
      cursor = body.pagination.nextCursor;
      assert.equal(body.pagination.hasMore, cursor !== null);
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, 7);
    const project = (await call(mock, `/v2/user/clips/projects/${ids[0]}`)).json;
    assert.ok(project.clips.length > 0);
    assert.equal(
      (await call(mock, `/v2/user/clips/${project.clips[0].clipId}/download`)).status,
      200,
    );
    const conflict = await call(mock, "/v2/user/clips/projects", {
      method: "POST",
      body: { sourceType: "VideoStorageFile", videoStorageFileId: files[0].id, title: "again" },
    });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.error.message, "ClipsInputAlreadyProcessed");
  });
});

Deno.test("ingest, web chat URL", async () => {
  await withMock({}, async (mock) => {
    assert.equal(typeof (await call(mock, "/v2/user/ingest")).json.ingestId, "number");
    assert.match((await call(mock, "/v2/user/webchat/url")).json.webchatUrl, /^https:/);
  });
});
