/**
 * End to end against the mock server: the account commands (profile, stream key, ingest,
 * web chat) and every channel command, in `--json` and piped human mode, with a mutation
 * round trip, the snake_case channel, 404 and 403.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { call } from "../support/mock.ts";
import { rowsOf, withE2e } from "../support/e2e.ts";

const { twitch, youtube, facebook, customRtmp } = SEED_CHANNEL_IDS;

Deno.test("e2e: profile, stream-key get, ingest get and chat url, both modes", async () => {
  await withE2e(async ({ mock, json, block, run }) => {
    const [profile, key, ingest, chat] = await Promise.all([
      json(["profile"]),
      json(["stream-key", "get"]),
      json(["ingest", "get"]),
      json(["chat", "url"]),
    ]);
    const raw = async (path: string) => (await call(mock, path)).json;
    // The API's objects as sent, unknown fields (emailVerified) included.
    assert.deepEqual(profile, await raw("/v2/user/profile"));
    assert.equal(profile.emailVerified, true);
    assert.deepEqual(key, await raw("/v2/user/streamKey"));
    const servers = await raw("/v2/server/all");
    const { ingestId } = await raw("/v2/user/ingest");
    assert.deepEqual(ingest, { ingestId, server: servers.find((s: { id: number }) => s.id === 8) });
    assert.deepEqual(chat, await raw("/v2/user/webchat/url"));

    const [profileBlock, keyBlock, ingestBlock, chatText] = await Promise.all([
      block(["profile"]),
      block(["stream-key", "get"]),
      block(["ingest", "get"]),
      run(["chat", "url"]),
    ]);
    assert.deepEqual(profileBlock, {
      ID: String(profile.id),
      Username: profile.username,
      Email: profile.email,
    });
    // The stream-key commands are the ones that show the key in full.
    assert.deepEqual(keyBlock, { "Stream key": key.streamKey, "SRT URL": key.srtUrl });
    assert.deepEqual(ingestBlock, {
      "Ingest ID": "8",
      Server: "EU-Central (Frankfurt, DE)",
      "RTMP URL": "rtmp://fra.restream.io/live",
      Host: "fra.restream.io",
    });
    assert.deepEqual(chatText, { code: 0, stdout: `${chat.webchatUrl}\n`, stderr: "" });
  });
});

Deno.test("e2e: channel list and get, the snake_case channel normalised to camelCase", async () => {
  await withE2e(async ({ mock, json, table, block }) => {
    const [list, one, rows, shown] = await Promise.all([
      json(["channel", "list"]),
      json(["channel", "get", String(youtube)]),
      table(["channel", "list"]),
      block(["channel", "get", String(youtube)]),
    ]);
    // The list as the API sent it: unknown fields (privacy, customFields) survive.
    assert.deepEqual(list, (await call(mock, "/v2/user/channel/all")).json);
    assert.equal(list.length, Object.keys(SEED_CHANNEL_IDS).length);
    assert.equal(list.find((c: { id: number }) => c.id === youtube).privacy, "public");
    assert.ok(list.find((c: { id: number }) => c.id === customRtmp).customFields);

    // The mock sends the single channel in the snake_case shape only.
    const snake = (await call(mock, `/v2/user/channel/${youtube}`)).json;
    assert.equal(snake.service_id, 5);
    assert.deepEqual(one, {
      id: youtube,
      streamingPlatformId: snake.service_id,
      identifier: snake.channel_identifier,
      url: snake.channel_url,
      embedUrl: snake.embed,
      displayName: snake.display_name,
      active: snake.active,
      userId: snake.user_id,
      eventIdentifier: snake.event_identifier,
      eventUrl: snake.event_url,
    });

    assert.deepEqual(rows[0], ["ID", "PLATFORM", "NAME", "ENABLED", "URL"]);
    assert.deepEqual(
      rowsOf(rows).map((r) => [r.ID, r.PLATFORM, r.NAME, r.ENABLED]),
      [
        [String(twitch), "Twitch", "GameNight Live", "on"],
        [String(youtube), "YouTube", "Café Lumière 🎬", "on"],
        [String(facebook), "Facebook", "Mock Studio Page", "off"],
        [String(customRtmp), "Custom RTMP", "Backup RTMP", "on"],
        [String(SEED_CHANNEL_IDS.kick), "Kick", "GameNight on Kick", "on"],
      ],
    );
    assert.deepEqual(shown, {
      ID: String(youtube),
      Name: "Café Lumière 🎬",
      Platform: "YouTube (5)",
      Active: "on",
      URL: snake.channel_url,
      Identifier: snake.channel_identifier,
      "Embed URL": snake.embed,
      "Event URL": snake.event_url,
      "Event identifier": snake.event_identifier,
    });
  });
});

Deno.test("e2e: channel set and meta set round trips, add and remove", async () => {
  await withE2e(async ({ json, table, block, run }) => {
    // --json: the id and the fields sent.
    assert.deepEqual(await json(["channel", "set", String(facebook), "--active"]), {
      id: facebook,
      active: true,
    });
    assert.equal((await json(["channel", "get", String(facebook)])).active, true);
    // Human mode: the confirmation on stderr, stdout empty.
    const off = await run(["channel", "set", String(twitch), "--inactive"]);
    assert.deepEqual(off, { code: 0, stdout: "", stderr: `channel ${twitch} disabled\n` });
    const [listed, shown] = await Promise.all([
      table(["channel", "list"]),
      block(["channel", "get", String(twitch)]),
    ]);
    const enabled = Object.fromEntries(rowsOf(listed).map((r) => [r.ID, r.ENABLED]));
    assert.equal(enabled[twitch], "off");
    assert.equal(enabled[facebook], "on");
    assert.equal(shown.Active, "off");

    const title = "Any% — world record pace 🏁";
    assert.deepEqual(
      await json(["channel", "meta", "set", String(twitch), "--title", title]),
      { id: twitch, title },
    );
    // A description left out is kept (a PATCH).
    assert.deepEqual(await json(["channel", "meta", "get", String(twitch)]), {
      title,
      description: "Chill runs and chat",
    });
    const both = await run([
      "channel",
      "meta",
      "set",
      String(facebook),
      "--title",
      "Q&A",
      "--description",
      "Ask away",
    ]);
    assert.deepEqual(both, {
      code: 0,
      stdout: "",
      stderr: `channel ${facebook}: title and description updated\n`,
    });
    assert.deepEqual(await block(["channel", "meta", "get", String(facebook)]), {
      Title: "Q&A",
      Description: "Ask away",
    });

    const added = await json(
      [
        "channel",
        "add",
        "--platform",
        "Custom RTMP",
        "--url",
        "rtmp://x.example/live",
        "--key",
        "-",
      ],
      { stdin: "secret-key\n" },
    );
    assert.equal(added.platformId, 29);
    assert.equal(added.displayName, "rtmp://x.example/live");
    assert.equal(typeof added.id, "number");
    assert.ok(!JSON.stringify(added).includes("secret-key"), "the stream key is not echoed");
    const withAdded = await json(["channel", "list"]);
    assert.ok(withAdded.some((c: { id: number }) => c.id === added.id));
    assert.deepEqual(await json(["channel", "remove", String(added.id), "--yes"]), {
      id: added.id,
      removed: true,
    });
    const gone = await run(["channel", "get", String(added.id)]);
    assert.equal(gone.code, 4);
    assert.equal(gone.stderr, `error: channel ${added.id} not found\n`);
  });
});

Deno.test("e2e: channel 404 (exit 4) and missing scopes (403, exit 3) name what is missing", async () => {
  await withE2e(async ({ mock, run }) => {
    const readOnly = mock.control.issueTokens({ scopes: ["profile.read", "channels.read"] })
      .accessToken;
    const noChannels = mock.control.issueTokens({ scopes: ["profile.read"] }).accessToken;
    const [missing, missingJson, metaMissing, write, read] = await Promise.all([
      run(["channel", "get", "999"]),
      run(["channel", "set", "999", "--active", "--json"]),
      run(["channel", "meta", "get", "999"]),
      run(["channel", "set", String(twitch), "--inactive"], { token: readOnly }),
      run(["channel", "list", "--json"], { token: noChannels }),
    ]);
    assert.deepEqual(missing, { code: 4, stdout: "", stderr: "error: channel 999 not found\n" });
    assert.equal(missingJson.code, 4);
    assert.equal(missingJson.stdout, "");
    assert.deepEqual(JSON.parse(missingJson.stderr), {
      error: { kind: "not_found", status: 404, message: "channel 999 not found" },
    });
    assert.equal(metaMissing.code, 4);
    assert.equal(metaMissing.stderr, "error: channel 999 not found\n");
    assert.deepEqual(write, {
      code: 3,
      stdout: "",
      stderr: "error: missing scope channels.write (the token was not granted it)\n",
    });
    assert.equal(read.code, 3);
    assert.deepEqual(JSON.parse(read.stderr), {
      error: {
        kind: "forbidden",
        status: 403,
        message: "missing scope channels.read (the token was not granted it)",
      },
    });
    // The refused PATCH changed nothing.
    const still = await call(mock, `/v2/user/channel/${twitch}`);
    assert.equal(still.json.active, true);
  });
});
