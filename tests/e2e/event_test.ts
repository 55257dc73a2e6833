/**
 * End to end against the mock server: every event command in `--json` and piped human
 * mode, history across pages, creating an event and adding a destination, 404 and 403,
 * and a reader that stops reading early.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { SEED_EVENT_IDS, SEED_HISTORY_SIZE } from "../../src/mock/seed_events.ts";
import { call } from "../support/mock.ts";
import { rowsOf, withE2e } from "../support/e2e.ts";
import { deadline } from "../support/deadline.ts";

const { inProgress, upcomingStudio, upcomingEncoder, upcomingVideo, latestFinished } =
  SEED_EVENT_IDS;
const EVENT_HEADER = ["ID", "STATUS", "TITLE", "START", "DESTS"];
const NO_SUCH_EVENT = "00000000-0000-4000-8000-000000000000";
const ids = (events: Array<{ id: string }>): string[] => events.map((e) => e.id);

Deno.test("e2e: event list, get, in-progress, upcoming and stream-key, both modes", async () => {
  await withE2e(async ({ mock, json, table, block }) => {
    const raw = async (path: string) => (await call(mock, path)).json;
    const [list, one, live, studio, scheduled, key] = await Promise.all([
      json(["event", "list", "--limit", "5"]),
      json(["event", "get", inProgress]),
      json(["event", "in-progress"]),
      json(["event", "upcoming", "--source", "studio"]),
      json(["event", "upcoming", "--scheduled"]),
      json(["event", "stream-key", latestFinished]),
    ]);
    const history = await raw("/v2/user/events/history?limit=5");
    // Live, then upcoming by scheduled time (unscheduled last), then the newest history.
    assert.deepEqual(ids(list), [
      inProgress,
      upcomingStudio,
      upcomingEncoder,
      upcomingVideo,
      ...ids(history.items),
    ]);
    assert.deepEqual(one, await raw(`/v2/user/events/${inProgress}`));
    // Unknown fields survive.
    assert.equal(typeof one.showId, "string");
    assert.equal(one.isInstant, false);
    assert.deepEqual(live, await raw("/v2/user/events/in-progress"));
    assert.deepEqual(ids(studio), [upcomingStudio]);
    assert.deepEqual(ids(scheduled), [upcomingStudio, upcomingEncoder]);
    assert.deepEqual(key, await raw(`/v2/user/events/${latestFinished}/streamKey`));

    const [listRows, shown, liveRows, upcomingRows, keyBlock] = await Promise.all([
      table(["event", "list", "--limit", "5"]),
      block(["event", "get", inProgress]),
      table(["event", "in-progress"]),
      table(["event", "upcoming"]),
      block(["event", "stream-key", latestFinished]),
    ]);
    assert.deepEqual(listRows[0], EVENT_HEADER);
    assert.deepEqual(rowsOf(listRows).map((r) => r.ID), ids(list));
    const first = rowsOf(listRows)[0];
    assert.deepEqual([first.STATUS, first.TITLE, first.DESTS], ["in-progress", one.title, "3"]);
    assert.match(first.START, /^\d{4}-\d\d-\d\d \d\d:\d\d E[SD]T$/);
    assert.equal(shown.ID, inProgress);
    assert.equal(shown.Title, one.title);
    assert.equal(shown.Status, "in-progress");
    assert.equal(shown.Destinations, "3");
    assert.equal(shown["1"], `Twitch, channel ${SEED_CHANNEL_IDS.twitch}`);
    assert.deepEqual(rowsOf(liveRows).map((r) => r.ID), [inProgress]);
    assert.deepEqual(rowsOf(upcomingRows).map((r) => r.ID), [
      upcomingStudio,
      upcomingEncoder,
      upcomingVideo,
    ]);
    assert.equal(rowsOf(upcomingRows)[2].START, "", "an unscheduled event has no start");
    assert.deepEqual(keyBlock, { "Stream key": key.streamKey, "SRT URL": "none" });
  });
});

Deno.test("e2e: event history, one page and --all across pages", async () => {
  await withE2e(async ({ mock, json, table }) => {
    const raw = async (page: number) =>
      (await call(mock, `/v2/user/events/history?page=${page}&limit=10`)).json.items;
    const expected = [...await raw(1), ...await raw(2), ...await raw(3)];
    assert.equal(expected.length, SEED_HISTORY_SIZE);
    mock.control.reset();

    const [all, page3, rows] = await Promise.all([
      json(["event", "history", "--all", "--limit", "10"]),
      json(["event", "history", "--page", "3", "--limit", "10"]),
      table(["event", "history", "--all", "--limit", "10"]),
    ]);
    assert.deepEqual(all, expected);
    assert.equal(new Set(ids(all)).size, SEED_HISTORY_SIZE);
    assert.deepEqual(page3, expected.slice(20));
    // Two --all runs of three pages each, and the one page.
    assert.equal(mock.control.counters().requests["GET /v2/user/events/history"], 7);
    assert.deepEqual(rows[0], EVENT_HEADER);
    assert.deepEqual(rowsOf(rows).map((r) => r.ID), ids(expected));
    assert.deepEqual(
      [...new Set(rowsOf(rows).map((r) => r.STATUS))].sort(),
      ["finished", "missed"],
    );

    const defaults = await table(["event", "history"]);
    assert.equal(defaults.length, 1 + 10, "page 1 of 10 by default, with the header");
  });
});

Deno.test("e2e: event create, destination add, srt-key, 404 and 403", async () => {
  await withE2e(async ({ mock, json, run }) => {
    const at = "2030-01-02T03:04:05.000Z";
    const created = await json([
      "event",
      "create",
      "--type",
      "encoder",
      "--title",
      "Launch party",
      "--at",
      at,
    ]);
    assert.deepEqual(Object.keys(created).sort(), ["id", "scheduledFor", "streamType", "title"]);
    assert.deepEqual(
      { ...created, id: undefined },
      { id: undefined, streamType: "encoder", title: "Launch party", scheduledFor: at },
    );
    const human = await run(["event", "create", "--type", "studio"]);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, "");
    assert.match(human.stderr, /^event [0-9a-f-]{36} created\n$/);

    const added = await json([
      "event",
      "destination",
      "add",
      created.id,
      "--channel",
      String(SEED_CHANNEL_IDS.customRtmp),
    ]);
    assert.equal(added.eventId, created.id);
    assert.equal(added.channelId, SEED_CHANNEL_IDS.customRtmp);
    const event = await json(["event", "get", created.id]);
    assert.equal(event.status, "upcoming");
    assert.equal(event.title, "Launch party");
    assert.equal(event.scheduledFor, Date.parse(at) / 1000);
    assert.deepEqual(event.destinations.map((d: { channelId: number }) => d.channelId), [
      SEED_CHANNEL_IDS.customRtmp,
    ]);
    assert.ok(ids(await json(["event", "upcoming"])).includes(created.id));

    const noStream = mock.control.issueTokens({ scopes: ["profile.read"] }).accessToken;
    const [srt, srtHuman, plan, missing, missingKey, scope] = await Promise.all([
      json(["event", "srt-key", inProgress]),
      run(["event", "srt-key", inProgress]),
      run(["event", "srt-key", latestFinished]),
      run(["event", "get", NO_SUCH_EVENT, "--json"]),
      run(["event", "stream-key", NO_SUCH_EVENT]),
      run(["event", "list"], { token: noStream }),
    ]);
    assert.deepEqual(srt, (await call(mock, `/v2/user/events/${inProgress}/srt/streamKey`)).json);
    assert.equal(
      srtHuman.stdout,
      `Stream ID:  ${srt.streamId}\nPassphrase: ${srt.passPhrase}\nURL:        ${srt.url}\n`,
    );
    assert.equal(plan.code, 3);
    assert.equal(
      plan.stderr,
      "error: SRT stream keys need a Business or Enterprise plan: SRT ingest is available on " +
        "Business and Enterprise plans only " +
        `(HTTP 403 from GET /v2/user/events/${latestFinished}/srt/streamKey)\n`,
    );
    assert.equal(missing.code, 4);
    assert.equal(missing.stdout, "");
    assert.deepEqual(JSON.parse(missing.stderr), {
      error: { kind: "not_found", status: 404, message: `event ${NO_SUCH_EVENT} not found` },
    });
    assert.equal(missingKey.code, 4);
    assert.equal(missingKey.stderr, `error: event ${NO_SUCH_EVENT} not found\n`);
    assert.equal(scope.code, 3);
    assert.equal(
      scope.stderr,
      "error: missing scope stream.read (the token was not granted it)\n",
    );
  });
});

Deno.test("e2e: event transcriptions, analytics and chat, both modes", async () => {
  await withE2e(async ({ mock, json, table, block, run }) => {
    const noMessages = SEED_EVENT_IDS.withoutMessageAnalytics;
    const [transcriptions, analytics, partial, chatPage, chatAll] = await Promise.all([
      json(["event", "transcriptions", latestFinished]),
      json(["event", "analytics", latestFinished]),
      json(["event", "analytics", noMessages]),
      json(["event", "chat", latestFinished, "--page-size", "10"]),
      json(["event", "chat", latestFinished, "--all", "--page-size", "7"]),
    ]);
    const raw = async (path: string) => (await call(mock, path)).json;
    const base = `/v2/user/events/${latestFinished}`;
    // Download links are one-time: compare everything else.
    const withoutLinks = (list: Array<Record<string, unknown>>) =>
      list.map(({ downloadUrl: _, ...rest }) => rest);
    const rawTranscriptions = (await raw(`${base}/recordings/transcriptions`)).transcriptions;
    assert.deepEqual(
      withoutLinks(transcriptions),
      withoutLinks(rawTranscriptions),
    );
    assert.ok(transcriptions[0].downloadUrl.startsWith(mock.apiUrl));
    assert.equal(transcriptions[1].downloadUrl, null);
    assert.deepEqual(analytics, {
      viewers: await raw(`${base}/analytics/viewers`),
      messages: await raw(`${base}/analytics/messages`),
    });
    assert.equal(partial.messages, null, "no chat analytics: null, not a failure");
    assert.ok(partial.viewers.total.max > 0);
    const allChat = (await raw(`${base}/chat/history?pageSize=1000`)).messages;
    assert.equal(allChat.length, 30);
    assert.deepEqual(chatPage, allChat.slice(0, 10));
    assert.deepEqual(chatAll, allChat);

    const [trRows, stats, onlyMessages, chatRows] = await Promise.all([
      table(["event", "transcriptions", latestFinished]),
      block(["event", "analytics", noMessages]),
      run(["event", "analytics", noMessages, "--messages"]),
      table(["event", "chat", latestFinished, "--all", "--page-size", "7"]),
    ]);
    assert.deepEqual(trRows[0], ["ID", "STATUS", "FILE", "DOWNLOAD URL"]);
    assert.deepEqual(rowsOf(trRows).map((r) => r.STATUS), ["Completed", "InProgress", "Failed"]);
    assert.equal(stats.Messages, "none");
    assert.equal(stats["Peak viewers"], String(partial.viewers.total.max));
    assert.deepEqual(onlyMessages, {
      code: 4,
      stdout: "",
      stderr: `error: chat analytics of event ${noMessages} not found\n`,
    });
    assert.deepEqual(chatRows[0], ["TIME", "PLATFORM", "CHANNEL", "AUTHOR", "TEXT"]);
    assert.deepEqual(
      rowsOf(chatRows).map((r) => [r.AUTHOR, r.TEXT]),
      allChat.map((m: { author: string; text: string }) => [m.author, m.text]),
    );
  });
});

Deno.test("e2e: event history --all into a reader that stops early: exit 0, quiet", async () => {
  await withE2e(async ({ mock, spawn }) => {
    // Slow pages, so the reader is gone before the second page is written.
    mock.control.setLatency(150);
    const child = await spawn(["event", "history", "--all", "--limit", "10"]);
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const [status, stderr] = await deadline(
      (async () => {
        while (!text.includes("\n")) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
        }
        await reader.cancel();
        return await Promise.all([child.status, new Response(child.stderr).text()]);
      })(),
      "the first line, then the exit once the reader is gone",
    ).catch((error) => {
      child.kill("SIGKILL");
      throw error;
    });
    assert.equal(text.split("\n")[0], EVENT_HEADER.join("\t"));
    assert.equal(stderr, "");
    assert.equal(status.code, 0);
    // It stopped at the closed pipe instead of reading every page.
    assert.ok(mock.control.counters().requests["GET /v2/user/events/history"] < 3);
  });
});
