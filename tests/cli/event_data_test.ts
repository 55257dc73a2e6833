import assert from "node:assert/strict";
import { formatTime } from "../../src/cli/format.ts";
import { runCli } from "../../src/cli/run.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, EVENT_ID, NOT_FOUND, T0, TOKEN } from "../support/rest_fixtures.ts";

const BASE = `/v2/user/events/${EVENT_ID}`;

const BAD_COMMAND_LINES: Array<[string[], RegExp]> = [
  [["event", "srt-key", "1"], /invalid event id '1'/],
  [["event", "transcriptions"], /missing required argument 'id'/],
  [["event", "analytics", EVENT_ID, "--viewers", "--messages"], /at most one of --viewers/],
  [["event", "chat", EVENT_ID, "--page-size", "1001"], /invalid --page-size '1001'/],
  [["event", "chat", EVENT_ID, "--page-size", "0"], /invalid --page-size '0'/],
  [["event", "chat", EVENT_ID, "--since", "yesterday"], /invalid --since 'yesterday'/],
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

const SRT = {
  streamId: "srt_1_secret",
  passPhrase: "pp-secret",
  url: "srt://live.restream.io:2010",
};

Deno.test("event srt-key: credentials in full, never in the -v log", async () => {
  const fake = new FakeFetch().on("GET", `${BASE}/srt/streamKey`, { body: SRT }, { repeat: true });
  const human = await runCapture(["event", "srt-key", EVENT_ID, "-v"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(human.code, 0, human.stderr);
  assert.equal(
    human.stdout,
    "Stream ID:  srt_1_secret\nPassphrase: pp-secret\nURL:        srt://live.restream.io:2010\n",
  );
  for (const secret of ["srt_1_secret", "pp-secret", TOKEN]) {
    assert.ok(!human.stderr.includes(secret), human.stderr);
  }
  const json = await runCapture(["event", "srt-key", EVENT_ID, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), SRT);
});

Deno.test("event srt-key: a plain 403 explains the plan requirement, exit 3", async () => {
  const fake = new FakeFetch().on("GET", `${BASE}/srt/streamKey`, {
    status: 403,
    body: { error: { message: "Forbidden", name: "forbidden" } },
  });
  const result = await runCapture(["event", "srt-key", EVENT_ID], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /^error: SRT stream keys need a Business or Enterprise plan: /);
});

Deno.test("event transcriptions: a table piped, the items with --json", async () => {
  const body = {
    transcriptions: [
      { id: "t1", fileName: "a.mp4", status: "Completed", downloadUrl: "https://dl/1" },
      { id: "t2", fileName: "b.mp4", status: "InProgress", downloadUrl: null, x: 1 },
    ],
  };
  const fake = new FakeFetch().on("GET", `${BASE}/recordings/transcriptions`, { body }, {
    repeat: true,
  });
  const piped = await runCapture(["event", "transcriptions", EVENT_ID], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(
    piped.stdout,
    "ID\tSTATUS\tFILE\tDOWNLOAD URL\nt1\tCompleted\ta.mp4\thttps://dl/1\nt2\tInProgress\tb.mp4\t\n",
  );
  const json = await runCapture(["event", "transcriptions", EVENT_ID, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), body.transcriptions);
});

const VIEWERS = {
  total: {
    mean: 12.345,
    max: 40,
    viewsTotal: 300,
    peakTime: T0,
    watchedTime: 5000,
    viewersPerMinute: [{ timestamp: T0, viewers: 40 }],
  },
  byChannel: { "101": { mean: 10, max: 30, viewsTotal: 200 } },
};
const MESSAGES = {
  total: {
    messagesTotal: 75,
    chattersTotal: 20,
    messagesPerMinute: [{ timestamp: T0, messages: 3 }],
  },
  byChannel: {},
};

Deno.test("event analytics: totals of both; --json keeps the raw series", async () => {
  const fake = new FakeFetch()
    .on("GET", `${BASE}/analytics/viewers`, { body: VIEWERS }, { repeat: true })
    .on("GET", `${BASE}/analytics/messages`, { body: MESSAGES }, { repeat: true });
  const human = await runCapture(["event", "analytics", EVENT_ID], { fetch: fake.fetch, env: ENV });
  assert.equal(human.code, 0, human.stderr);
  assert.equal(
    human.stdout,
    [
      "Peak viewers:  40",
      `Peak time:     ${formatTime(T0)}`,
      "Mean viewers:  12.3",
      "Views:         300",
      "Watched time:  1 h 23 min", // 5000 viewer-seconds, in words
      "  channel 101: peak 30, views 200",
      "Messages:      75",
      "Chatters:      20",
      "",
    ].join("\n"),
  );
  const json = await runCapture(["event", "analytics", EVENT_ID, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), { viewers: VIEWERS, messages: MESSAGES });
  const viewers = await runCapture(["event", "analytics", EVENT_ID, "--viewers", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(viewers.stdout), VIEWERS);
});

Deno.test("event analytics: no chat (404) is 'none' in the overview, an error with --messages", async () => {
  const fake = new FakeFetch()
    .on("GET", `${BASE}/analytics/viewers`, { body: VIEWERS })
    .on("GET", `${BASE}/analytics/messages`, NOT_FOUND, { repeat: true });
  const overview = await runCapture(["event", "analytics", EVENT_ID], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(overview.code, 0, overview.stderr);
  assert.match(overview.stdout, /^Messages: +none$/m);
  const messages = await runCapture(["event", "analytics", EVENT_ID, "--messages"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(messages.code, 4);
  assert.equal(messages.stderr, `error: chat analytics of event ${EVENT_ID} not found\n`);
});

function chatPage(n: number, next: string | null) {
  return {
    messages: [{
      timestamp: T0 + n,
      platform: "twitch",
      channelName: "me",
      author: n === 1 ? "alice" : { displayName: "Bob", name: "bob" },
      text: `hello\t${n}`,
      meta: {},
    }],
    nextPageToken: next,
    previousPageToken: null,
  };
}

Deno.test("event chat: one page piped; --since sends a timestamp, --page-size the size", async () => {
  const fake = new FakeFetch().on("GET", `${BASE}/chat/history`, { body: chatPage(1, "p2") }, {
    query: { pageSize: "50", timestamp: String(T0) },
  });
  const result = await runCapture(
    ["event", "chat", EVENT_ID, "--page-size", "50", "--since", new Date(T0 * 1000).toISOString()],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    `TIME\tPLATFORM\tCHANNEL\tAUTHOR\tTEXT\n${formatTime(T0 + 1)}\ttwitch\tme\talice\thello 1\n`,
  );
  fake.assertDone();
});

Deno.test("event chat --all: follows nextPageToken; --json one array; rows as pages arrive", async () => {
  const fake = (): FakeFetch =>
    new FakeFetch()
      .on("GET", `${BASE}/chat/history`, { body: chatPage(2, "t3") }, {
        query: { pageToken: "t2" },
      })
      .on("GET", `${BASE}/chat/history`, { body: chatPage(3, null) }, {
        query: { pageToken: "t3" },
      })
      .on("GET", `${BASE}/chat/history`, { body: chatPage(1, "t2") });
  const jsonFake = fake();
  const json = await runCapture(["event", "chat", EVENT_ID, "--all", "--json"], {
    fetch: jsonFake.fetch,
    env: ENV,
  });
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).map((m: { text: string }) => m.text), [
    "hello\t1",
    "hello\t2",
    "hello\t3",
  ]);
  assert.equal(jsonFake.requests[0].url.searchParams.get("pageToken"), null);
  jsonFake.assertDone();

  const humanFake = fake();
  let out = "";
  let beforeLast = "";
  const code = await runCli(["event", "chat", EVENT_ID, "--all", "--no-color"], {
    stdout: { write: (text) => void (out += text) },
    stderr: { write: () => {} },
    stdoutIsTerminal: true,
    stdinIsTerminal: false,
    columns: 100,
    env: (name) => ENV[name],
    fetch: (request) => {
      if (new URL(request.url).searchParams.get("pageToken") === "t3") beforeLast = out;
      return humanFake.fetch(request);
    },
  });
  assert.equal(code, 0);
  const lines = out.trimEnd().split("\n");
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^TIME +PLATFORM +CHANNEL +AUTHOR +TEXT$/);
  assert.match(lines[2], /twitch +me +Bob +hello 2$/);
  assert.equal(beforeLast.trimEnd().split("\n").length, 3, "header and two pages first");
});

Deno.test("event chat --all: a page repeating the previous one stops with one warning, exit 0", async () => {
  const fake = new FakeFetch()
    .on("GET", `${BASE}/chat/history`, { body: chatPage(1, "t2") }, { query: {} })
    .on("GET", `${BASE}/chat/history`, { body: { ...chatPage(1, "t3") } }, {
      query: { pageToken: "t2" },
    });
  const result = await runCapture(["event", "chat", EVENT_ID, "--all", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).length, chatPage(1, null).messages.length);
  assert.equal(result.stderr, "warning: stopped at page 2: the API repeated a page\n");
  fake.assertDone();
});
