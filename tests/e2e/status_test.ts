/**
 * End to end against the mock: `status` and `status --health` piped, on a terminal and with
 * `--json`; a part that fails (a missing scope, a server error) leaves the rest printed, one
 * stderr line per failure and exit 1; a rejected token is exit 3 with nothing on stdout.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import { call } from "../support/mock.ts";
import { type E2e, parseBlock, parseTable, rowsOf, withE2e } from "../support/e2e.ts";
import { runInTerminal } from "../support/pty.ts";
import { runProcess } from "../support/subprocess.ts";

const { twitch, youtube, customRtmp, kick } = SEED_CHANNEL_IDS;

function streamingEnv(e2e: E2e, token?: string): Record<string, string> {
  return {
    ...e2e.env({ token }),
    RESTREAM_STREAMING_WS_URL: new URL("/ws/streaming", e2e.mock.apiUrl).href.replace(
      /^http/,
      "ws",
    ),
  };
}

/** The block before the blank line, and the table after it. */
function split(stdout: string): { block: Record<string, string>; table: string } {
  const [block, table = ""] = stdout.split("\n\n");
  return { block: parseBlock(block), table };
}

Deno.test("e2e: status piped and --json: account, channels with titles, live, next", async () => {
  await withE2e(async ({ mock, run, json }) => {
    const piped = await run(["status"]);
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stderr, "");
    const { block, table } = split(piped.stdout);
    assert.equal(block.Account, "gamenight (gamenight@example.com)");
    assert.equal(block.Channels, "4 of 5 enabled");
    assert.match(
      block.Live,
      /^Speedrun Friday #42 🏁 since \d{4}-\d\d-\d\d \d\d:\d\d( [A-Z][A-Za-z0-9+-]*)? \(\d+ (min|h)[^)]*\) on GameNight Live, /,
    );
    assert.match(
      block.Next,
      /^Weekly Q&A in Studio at \d{4}-\d\d-\d\d \d\d:\d\d( [A-Z][A-Za-z0-9+-]*)? \(in \d+ (h|d)( \d+ (min|h))?\)$/,
    );
    assert.equal(block.Health, undefined);
    const rows = rowsOf(parseTable(table));
    const title = async (id: number) =>
      (await call(mock, `/v2/user/channel-meta/${id}`)).json.title;
    assert.deepEqual(rows, [
      {
        ID: String(twitch),
        PLATFORM: "Twitch",
        NAME: "GameNight Live",
        TITLE: await title(twitch),
      },
      {
        ID: String(youtube),
        PLATFORM: "YouTube",
        NAME: "Café Lumière 🎬",
        TITLE: await title(youtube),
      },
      {
        ID: String(customRtmp),
        PLATFORM: "Custom RTMP",
        NAME: "Backup RTMP",
        TITLE: await title(customRtmp),
      },
      { ID: String(kick), PLATFORM: "Kick", NAME: "GameNight on Kick", TITLE: await title(kick) },
    ]);

    const document = await json(["status"]);
    assert.deepEqual(Object.keys(document), ["account", "channels", "live", "next"]);
    assert.deepEqual(document.account, (await call(mock, "/v2/user/profile")).json);
    const listed = (await call(mock, "/v2/user/channel/all")).json;
    assert.equal(document.channels.length, listed.length);
    for (const channel of document.channels) {
      const { meta, ...rest } = channel;
      assert.deepEqual(rest, listed.find((c: { id: number }) => c.id === channel.id));
      if (channel.enabled) {
        assert.deepEqual(meta, (await call(mock, `/v2/user/channel-meta/${channel.id}`)).json);
      } else assert.equal(meta, undefined, "titles are read for enabled channels only");
    }
    assert.deepEqual(document.live, (await call(mock, "/v2/user/events/in-progress")).json);
    assert.equal(document.next.title, "Weekly Q&A in Studio");
  });
});

Deno.test("e2e: status --health: each channel's last report, piped, --json and on a terminal", async () => {
  await withE2e(async (e2e) => {
    const env = streamingEnv(e2e);
    // Besides the two updates the mock replays on connect, Kick reported a minute ago.
    e2e.mock.control.pushStreaming({
      action: "updateOutgoing",
      userId: 4815162,
      platformId: 96,
      channelId: kick,
      createdAt: Math.floor(Date.now() / 1000),
      streaming: { status: "CONNECTING", bitrate: 1_234_000, bufferedBytes: 0 },
    });
    const started = Date.now();
    const piped = await runProcess(["status", "--health"], { env });
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(Date.now() - started < 10_000);
    const { block, table } = split(piped.stdout);
    assert.match(block.Health, /^3 of 4 enabled channels reporting$/);
    const rows = rowsOf(parseTable(table));
    assert.deepEqual(rows.map((r) => [r.ID, r.STATUS]), [
      [String(twitch), "CONNECTED"],
      [String(youtube), "CONNECTED"],
      [String(customRtmp), "no report"],
      [String(kick), "CONNECTING"],
    ]);
    assert.match(rows[0].BITRATE, /^\d{4} kbps$/);
    assert.equal(rows[3].BITRATE, "1234 kbps");

    const json = await runProcess(["status", "--health", "--json"], { env });
    assert.equal(json.code, 0, json.stderr);
    const health = JSON.parse(json.stdout).health;
    assert.deepEqual(health.map((h: { channelId: number }) => h.channelId), [
      twitch,
      youtube,
      kick,
    ]);
    assert.equal(health[0].action, "updateOutgoing");
    assert.equal(health[0].streaming.status, "CONNECTED");
    assert.deepEqual(health[2].streaming, {
      status: "CONNECTING",
      bitrate: 1_234_000,
      bufferedBytes: 0,
    });

    const terminal = await runInTerminal(["status", "--health"], env);
    assert.equal(terminal.code, 0, terminal.stdout);
    assert.ok(!terminal.stdout.includes("\t"), "aligned, not tab-separated");
    assert.match(terminal.stdout, /^Account: +gamenight \(gamenight@example\.com\)$/m);
    assert.match(terminal.stdout, /^ID +PLATFORM +NAME +TITLE +STATUS +BITRATE$/m);
    assert.match(
      terminal.stdout,
      new RegExp(`^${customRtmp} +Custom RTMP +Backup RTMP +.* no report`, "m"),
    );
  }, { streamingIntervalMs: 0 });
});

Deno.test("e2e: status on a terminal without --health", async () => {
  await withE2e(async (e2e) => {
    const terminal = await runInTerminal(["status"], e2e.env());
    assert.equal(terminal.code, 0, terminal.stdout);
    assert.match(terminal.stdout, /^Channels: +4 of 5 enabled$/m);
    assert.match(terminal.stdout, /^ID +PLATFORM +NAME +TITLE$/m);
    assert.match(terminal.stdout, new RegExp(`^${twitch} +Twitch +GameNight Live +\\S`, "m"));
  });
});

Deno.test("e2e: status with missing scopes: the rest printed, one line per failed part, exit 1", async () => {
  await withE2e(async (e2e) => {
    const { accessToken } = e2e.mock.control.issueTokens({
      scopes: ["profile.read", "channels.read"],
    });
    const env = streamingEnv(e2e, accessToken);
    const result = await runProcess(["status", "--health"], { env });
    assert.equal(result.code, 1);
    const { block, table } = split(result.stdout);
    assert.equal(block.Account, "gamenight (gamenight@example.com)");
    assert.equal(block.Channels, "4 of 5 enabled");
    assert.equal(block.Live, "unavailable");
    assert.equal(block.Next, "unavailable");
    assert.equal(block.Health, "unavailable");
    assert.equal(rowsOf(parseTable(table)).length, 4);
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 3, result.stderr);
    assert.match(lines[0], /^error: live events: missing scope stream\.read/);
    assert.match(lines[1], /^error: upcoming events: missing scope stream\.read/);
    assert.match(lines[2], /^error: health: .*stream\.read/);

    const json = await runProcess(["status", "--json", "--health"], { env });
    assert.equal(json.code, 1);
    const document = JSON.parse(json.stdout);
    assert.equal(document.account.username, "gamenight");
    assert.deepEqual(document.live, {
      error: { kind: "forbidden", status: 403, message: document.live.error.message },
    });
    assert.equal(document.next.error.kind, "forbidden");
    // The socket refuses the handshake with a 403: a missing scope, named.
    assert.equal(document.health.error.kind, "forbidden");
    assert.match(document.health.error.message, /stream\.read/);
    const errors = json.stderr.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(errors.map((e) => e.error.kind), ["forbidden", "forbidden", "forbidden"]);
  });
});

Deno.test("e2e: status: a channel title that fails is that channel's part only", async () => {
  await withE2e(async ({ mock, run }) => {
    mock.control.failNext(`GET /v2/user/channel-meta/${youtube}`, { status: 404 });
    const result = await run(["status", "--json"]);
    assert.equal(result.code, 1);
    const document = JSON.parse(result.stdout);
    const channel = document.channels.find((c: { id: number }) => c.id === youtube);
    assert.equal(channel.meta.error.kind, "not_found");
    assert.equal(channel.meta.error.status, 404);
    assert.equal(
      typeof document.channels.find((c: { id: number }) => c.id === twitch).meta.title,
      "string",
    );
    assert.equal(
      JSON.parse(result.stderr).error.message,
      `channel ${youtube} title: channel ${youtube} not found`,
    );
  });
});

Deno.test("e2e: status with a rejected token: exit 3, nothing on stdout", async () => {
  await withE2e(async ({ run }) => {
    const result = await run(["status", "--json"], { token: "not-a-valid-token" });
    assert.equal(result.code, 3);
    assert.equal(result.stdout, "");
    assert.equal(JSON.parse(result.stderr).error.kind, "auth");
  });
});

Deno.test("e2e: status --health checks the socket URL before anything is sent", async () => {
  await withE2e(async (e2e) => {
    const env = { ...e2e.env(), RESTREAM_STREAMING_WS_URL: "ws://streaming.example.com/ws" };
    const result = await runProcess(["status", "--health"], { env });
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /RESTREAM_STREAMING_WS_URL/);
    assert.deepEqual(e2e.mock.control.requestLog(), [], "no request of any kind");
  });
});
