import assert from "node:assert/strict";
import { formatClock } from "../../src/cli/format.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { runWhileServing } from "../support/monitor_cli.ts";
import { deadline, signal } from "../support/deadline.ts";
import { WsTestServer } from "../support/ws_server.ts";
import { fastTuning } from "../ws/helpers.ts";

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

Deno.test("monitor streaming: encoder stats, destination status and bitrate, viewers, platform names", async () => {
  const server = WsTestServer.start({
    onConnection: (c) =>
      [INCOMING, OUTGOING, STATUSES, DELETE_OUTGOING, { action: "newThing", a: 1 }].forEach((m) =>
        c.send(m)
      ),
  });
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  try {
    const result = await runCapture(["monitor", "streaming", "--duration", "1"], {
      env: env(server),
      fetch: fake.fetch,
    });
    assert.equal(result.code, 0, result.stderr);
    // `createdAt` is when the stream began, not the update: a line shows `updatedAt` when the
    // message has one, else when it arrived (never the stale createdAt).
    const arrived = (line: string): string => line.replace(/^\d\d:\d\d:\d\d /, "HH:MM:SS ");
    const lines = result.stdout.trimEnd().split("\n");
    assert.ok(!lines.some((line) => line.startsWith(formatClock(T - 3600))), result.stdout);
    assert.equal(lines[2], `${formatClock(T)} channel 456 (platform 5) online 42 viewers`);
    assert.deepEqual([...lines.slice(0, 2), ...lines.slice(3)].map(arrived), [
      "HH:MM:SS encoder 6000 kbps 60 fps 1920x1080 h264/aac",
      "HH:MM:SS channel 123 (Twitch) CONNECTED 5900 kbps",
      "HH:MM:SS channel 123 (Twitch) stopped",
      'HH:MM:SS [?] newThing {"a":1}',
    ]);
    assert.match(result.stderr, /^monitor streaming: 5 messages, 0 reconnects/m);
    assert.equal(fake.requests[0].headers.get("authorization"), null, "public endpoint");
  } finally {
    await server.close();
  }
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
  const controller = new AbortController();
  try {
    // The replays come before STATUSES on the second connection: once STATUSES is printed,
    // a replay that was going to be printed would be there too.
    const statusesShown = signal();
    const run = runCapture(["monitor", "streaming", "--json"], {
      env: env(server),
      signal: controller.signal,
      monitorTuning: fastTuning(),
      onOutput: ({ stdout }) => stdout.includes('"updateStatuses"') && statusesShown.resolve(),
    });
    await deadline(server.waitForConnections(2), "the reconnection");
    await deadline(statusesShown.promise, "STATUSES on stdout");
    controller.abort();
    const result = await deadline(run, "the end after Ctrl+C");
    assert.equal(result.code, 0, result.stderr);
    const printed = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(printed, [INCOMING, OUTGOING, STATUSES]);
    assert.match(result.stderr, /^monitor streaming: 3 messages, 1 reconnect/m);
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
    assert.equal(last[0], "encoder  6000 kbps 60 fps 1920x1080 h264/aac");
    assert.equal(last[1], "  channel 123 (Twitch)  CONNECTED  5900 kbps");
    assert.equal(last[2], "  channel 456 (platform 5)  42 viewers");
    assert.match(last[3], /^updated \d\d:\d\d:\d\d$/);
  } finally {
    await server.close();
  }
});

Deno.test("monitor streaming --live when piped stays line by line", async () => {
  const server = WsTestServer.start({ onConnection: (c) => c.send(OUTGOING) });
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  try {
    const result = await runWhileServing(["monitor", "streaming", "--live"], server, {
      env: env(server),
      fetch: fake.fetch,
    }, { until: ({ stdout }) => stdout.includes("\n") });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\d\d:\d\d:\d\d channel 123 \(Twitch\) CONNECTED 5900 kbps\n$/);
  } finally {
    await server.close();
  }
});
