import assert from "node:assert/strict";
import { formatClock } from "../../src/cli/format.ts";
import type { CliResult } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { runWhileServing } from "../support/monitor_cli.ts";
import { deadline, signal } from "../support/deadline.ts";
import { WsTestServer } from "../support/ws_server.ts";
import { fastTuning } from "../ws/helpers.ts";
import { displayWidth } from "../../src/cli/width.ts";

const T = 1764093600;
const INCOMING = {
  action: "updateIncoming",
  userId: 1,
  eventId: null,
  createdAt: T,
  suid: "s1",
  streaming: {
    fps: 60,
    bitrate: { total: 6_000_000, audio: 160_000, video: 5_840_000 },
    codec: { audio: "aac", video: "h264" },
    height: 1080,
    width: 1920,
  },
};
const OUTGOING = {
  action: "updateOutgoing",
  platformId: 1,
  channelId: 123,
  createdAt: T,
  streaming: { status: "CONNECTED", bitrate: 5_900_000, bufferedBytes: 0 },
};
const STATUSES = {
  action: "updateStatuses",
  platformId: 5,
  channelId: 456,
  createdAt: T - 3600,
  updatedAt: T,
  online: true,
  viewers: 42,
};
const DELETE_OUTGOING = { action: "deleteOutgoing", platformId: 1, channelId: 123, createdAt: T };
const PLATFORMS = [{ id: 1, name: "Twitch" }, { id: 2, name: "YouTube" }];

function env(server: WsTestServer): Record<string, string> {
  return { RESTREAM_TOKEN: "tok", RESTREAM_STREAMING_WS_URL: server.url };
}

// deno-lint-ignore no-control-regex
const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, "");
const REPLAY_TIMING = { quietMs: 40, maxMs: 400 };

/** A platform list that answers only after `ms`: slower than the socket's replay. */
function slowPlatforms(ms: number): FakeFetch {
  return new FakeFetch().on("GET", "/v2/platform/all", async () => {
    await new Promise((r) => setTimeout(r, ms));
    return Response.json(PLATFORMS);
  });
}

/**
 * `monitor streaming --live` against a server that sends `message` on connect, with
 * `platforms` as the platform list, on a terminal of `terminal` columns (piped without),
 * until stdout shows `until`.
 */
async function live(
  message: object,
  options: { platforms?: unknown[]; terminal?: number; until: string },
): Promise<CliResult> {
  const server = WsTestServer.start({ onConnection: (c) => c.send(message) });
  const fake = new FakeFetch().on("GET", "/v2/platform/all", {
    body: options.platforms ?? PLATFORMS,
  });
  try {
    return await runWhileServing(["monitor", "streaming", "--live"], server, {
      env: env(server),
      fetch: fake.fetch,
      terminal: options.terminal,
    }, { until: ({ stdout }) => stdout.includes(options.until) });
  } finally {
    await server.close();
  }
}

Deno.test("monitor streaming: the replay first, as one current-state block with names, then a line per live update", async () => {
  const server = WsTestServer.start({
    onConnection: async (c) => {
      // The API's replay: one burst on connect, older audience figures mixed in.
      [INCOMING, OUTGOING, STATUSES, { action: "newThing", a: 1 }].forEach((m) => c.send(m));
      await new Promise((r) => setTimeout(r, 250));
      const later = { ...STATUSES, updatedAt: T + 60, viewers: 50 };
      [INCOMING, later, DELETE_OUTGOING, { action: "newThing", a: 2 }].forEach((m) => c.send(m));
    },
  });
  // The names come after the replay has arrived: the block waits for them.
  const fake = slowPlatforms(120);
  try {
    const result = await runWhileServing(["monitor", "streaming"], server, {
      env: env(server),
      fetch: fake.fetch,
      replayTiming: REPLAY_TIMING,
    }, { until: ({ stdout }) => stdout.includes('newThing {"a":2}') });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^current state at \d\d:\d\d:\d\d \(replayed on connect\)$/);
    assert.deepEqual(lines.slice(1, 5), [
      "  encoder                   6000 kbps 60 fps 1920x1080 h264/aac",
      "  channel 123 (Twitch)      CONNECTED  5900 kbps",
      `  channel 456 (platform 5)                        online 42 viewers (at ${formatClock(T)})`,
      '  [?] newThing {"a":1}',
    ]);
    // `createdAt` is when the stream began, not the update: a live line shows `updatedAt`
    // when the message has one, else when it arrived (never the stale createdAt).
    const arrived = (line: string): string => line.replace(/^\d\d:\d\d:\d\d /, "HH:MM:SS ");
    assert.ok(!lines.some((line) => line.startsWith(formatClock(T - 3600))), result.stdout);
    assert.equal(lines[6], `${formatClock(T + 60)} channel 456 (platform 5) online 50 viewers`);
    assert.deepEqual([lines[5], ...lines.slice(7)].map(arrived), [
      "HH:MM:SS encoder 6000 kbps 60 fps 1920x1080 h264/aac",
      "HH:MM:SS channel 123 (Twitch) stopped",
      'HH:MM:SS [?] newThing {"a":2}',
    ]);
    assert.match(result.stderr, /^monitor streaming: 8 updates, 0 reconnects/m);
    assert.equal(fake.requests[0].headers.get("authorization"), null, "public endpoint");
  } finally {
    await server.close();
  }
});

/** `monitor streaming` with platforms from `fetch` and the cache in `dir`, until channel 123 shows. */
function cachedRun(server: WsTestServer, dir: string) {
  return (fetch: FakeFetch) =>
    runWhileServing(["monitor", "streaming"], server, {
      env: { ...env(server), RESTREAM_CONFIG_DIR: dir },
      fetch: fetch.fetch,
      replayTiming: REPLAY_TIMING,
    }, { until: ({ stdout }) => /channel 123 /.test(stdout) });
}

Deno.test("monitor streaming: platform names come from a fresh cache without a request, and a fetched list is cached", async () => {
  const dir = await Deno.makeTempDir();
  const server = WsTestServer.start({ onConnection: (c) => c.send(OUTGOING) });
  try {
    const run = cachedRun(server, dir);
    const first = await run(slowPlatforms(0));
    assert.match(first.stdout, /channel 123 \(Twitch\) +CONNECTED/);
    const cache = JSON.parse(await Deno.readTextFile(`${dir}/platforms-cache.json`));
    assert.deepEqual(cache.platforms, [[1, "Twitch"], [2, "YouTube"]]);
    // No route: a request would fail the names, and the line would say `(platform 1)`.
    const offline = new FakeFetch();
    const second = await run(offline);
    assert.match(second.stdout, /channel 123 \(Twitch\) +CONNECTED/, second.stderr);
    assert.equal(offline.requests.length, 0);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "monitor streaming: the platform cache is written 0600, and only in a directory private to the user",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const server = WsTestServer.start({ onConnection: (c) => c.send(OUTGOING) });
    const cache = `${dir}/platforms-cache.json`;
    try {
      const run = cachedRun(server, dir);
      await run(slowPlatforms(0));
      assert.equal((await Deno.stat(cache)).mode! & 0o777, 0o600);
      // Open to others: another user could have planted the cache, or would read it.
      await Deno.chmod(dir, 0o777);
      const planted = JSON.parse(await Deno.readTextFile(cache));
      planted.platforms = [[1, "Planted"]];
      await Deno.writeTextFile(cache, JSON.stringify(planted));
      const shared = await run(slowPlatforms(0));
      assert.match(shared.stdout, /channel 123 \(Twitch\) +CONNECTED/, shared.stderr);
      assert.deepEqual(JSON.parse(await Deno.readTextFile(cache)).platforms, [[1, "Planted"]]);
    } finally {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("monitor streaming --json: replayed messages after a reconnect are not printed again", async () => {
  const server = WsTestServer.start({
    onConnection: (c, index) => {
      if (index === 0) {
        [INCOMING, OUTGOING].forEach((m) => c.send(m));
        c.drop();
      } else {
        [INCOMING, OUTGOING, STATUSES].forEach((m) => c.send(m));
      }
    },
  });
  try {
    // The replays come before STATUSES on the second connection: once STATUSES is printed,
    // a replay that was going to be printed would be there too.
    const result = await runWhileServing(["monitor", "streaming", "--json"], server, {
      env: env(server),
      monitorTuning: fastTuning(),
    }, { connections: 2, until: ({ stdout }) => stdout.includes('"updateStatuses"') });
    assert.equal(result.code, 0, result.stderr);
    const printed = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(printed, [INCOMING, OUTGOING, STATUSES]);
    assert.match(result.stderr, /^monitor streaming: 3 updates, 1 reconnect/m);
  } finally {
    await server.close();
  }
});

Deno.test("monitor streaming --live on a terminal redraws a compact view in place", async () => {
  // Each message is sent once the view of the previous one is drawn: one redraw each.
  // deno-lint-ignore no-control-regex
  const views = (stdout: string): number => stdout.split(/\x1b\[\d+F\x1b\[J/).length;
  const drawn = [signal(), signal(), signal()];
  const server = WsTestServer.start({
    onConnection: async (c) => {
      for (const [i, message] of [INCOMING, OUTGOING, STATUSES].entries()) {
        c.send(message);
        if (i < 2) await deadline(drawn[i].promise, `the view after message ${i + 1}`);
      }
    },
  });
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  try {
    const result = await runWhileServing(["monitor", "streaming", "--live"], server, {
      env: env(server),
      fetch: fake.fetch,
      terminal: 80,
      onOutput: ({ stdout }) => {
        // A view is complete with its "updated" line.
        const complete = (stdout.match(/updated \d\d:\d\d:\d\d/g) ?? []).length;
        if (complete >= 1) drawn[0].resolve();
        if (complete >= 2) drawn[1].resolve();
      },
    }, {
      until: ({ stdout }) =>
        views(stdout) === 3 && /channel 456[^\n]*\n[^\n]*updated \d\d:\d\d:\d\d/.test(stdout),
    });
    assert.equal(result.code, 0, result.stderr);
    // deno-lint-ignore no-control-regex
    const frames = result.stdout.split(/\x1b\[\d+F\x1b\[J/);
    assert.equal(frames.length, 3, "drawn once, then redrawn twice");
    // deno-lint-ignore no-control-regex
    const last = frames.at(-1)!.replace(/\x1b\[[0-9;]*m/g, "").trimEnd().split("\n");
    // Columns aligned: status under status, bitrate right-aligned, audience last.
    assert.deepEqual(last.slice(0, 3), [
      "encoder                   6000 kbps 60 fps 1920x1080 h264/aac",
      "channel 123 (Twitch)      CONNECTED  5900 kbps",
      "channel 456 (platform 5)                        online 42 viewers",
    ]);
    assert.match(last[3], /^updated \d\d:\d\d:\d\d$/);
  } finally {
    await server.close();
  }
});

Deno.test("monitor streaming --live on a terminal that reports 0 columns falls back to 80", async () => {
  const result = await live(OUTGOING, { terminal: 0, until: "channel 123" });
  assert.equal(result.code, 0, result.stderr);
  const lines = strip(result.stdout).trimEnd().split("\n");
  assert.equal(lines[0], "encoder               no incoming stream");
  assert.equal(lines[1], "channel 123 (Twitch)  CONNECTED  5900 kbps");
});

Deno.test("monitor streaming --live cuts lines to the terminal's width, whole characters, never wrapping", async () => {
  const result = await live(OUTGOING, {
    platforms: [{ id: 1, name: "配信サイト名前" }],
    terminal: 30,
    until: "channel 123",
  });
  const lines = strip(result.stdout).trimEnd().split("\n");
  assert.equal(lines[1], "channel 123 (配信サイト名前)…");
  for (const line of lines) assert.ok(displayWidth(line) < 30, line);
});

Deno.test("monitor streaming --live leaves out whole words, so a figure is never cut short", async () => {
  const result = await live(STATUSES, { terminal: 40, until: "channel 456" });
  const lines = strip(result.stdout).trimEnd().split("\n");
  // Whole, the line ends "online 42 viewers" at column 47: "online 4…" would misread.
  assert.equal(
    lines.find((l) => l.startsWith("channel 456")),
    "channel 456 (platform 5)      online …",
  );
  for (const line of lines) assert.ok(displayWidth(line) < 40, line);
});

Deno.test("monitor streaming --live when piped stays line by line", async () => {
  const result = await live(OUTGOING, { until: "\n" });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /^current state at \d\d:\d\d:\d\d \(replayed on connect\)\n {2}encoder .*\n {2}channel 123 \(Twitch\) +CONNECTED +5900 kbps\n$/,
  );
});
