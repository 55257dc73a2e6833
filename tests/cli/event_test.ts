import assert from "node:assert/strict";
import { formatTableTime, formatTime } from "../../src/cli/format.ts";
import { stripAnsi } from "../../src/cli/style.ts";
import { runCli } from "../../src/cli/run.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import {
  ENV,
  event,
  EVENT_ID,
  historyPage,
  INSUFFICIENT_SCOPE,
  NOT_FOUND,
  PLATFORMS,
  T0,
  uuid,
} from "../support/rest_fixtures.ts";

/** A table time: local, to the minute. */
const at = (seconds: number): string => formatTableTime(seconds);
const HEADER = "ID\tSTATUS\tTITLE\tSTART\tDESTS";

// Layer 1: flags alone.
const BAD_COMMAND_LINES: Array<[string[], RegExp]> = [
  [["event", "get", "42"], /invalid event id '42': expected a UUID/],
  [["event", "get", `${EVENT_ID}x`], /invalid event id/],
  [["event", "list", "--limit", "0"], /invalid --limit '0'/],
  [["event", "list", "--limit", "101"], /invalid --limit '101': expected 1 to 100/],
  [["event", "list", "--limit"], /^error: flag '--limit' needs a value \(int\)$/m],
  [["event", "history", "--page", "0"], /invalid --page '0': expected a positive integer/],
  [["event", "history", "--page", "two"], /invalid --page 'two'/],
  [["event", "history", "--limit", "1000"], /invalid --limit '1000'/],
  [["event", "upcoming", "--source", "radio"], /invalid --source 'radio': expected one of/],
  [["event", "upcoming", "--source", "4"], /invalid --source '4'/],
  [["event", "in-progress", "--limit", "3"], /unknown flag '--limit'/],
  [["event", "get", ` ${EVENT_ID}`], /invalid event id ' /],
  [["event", "get", `{${EVENT_ID}}`], /invalid event id/],
  [["event", "get", "../../user/profile"], /invalid event id '\.\.\/\.\.\/user\/profile'/],
  [["event", "stream-key", "-1"], /unknown flag '-1'|invalid event id/],
  [["event", "list", "--limit", "abc"], /invalid --limit 'abc'/],
  [["event", "list", "--limit", "1e1"], /invalid --limit '1e1'/],
  [["event", "history", "--page", "-1"], /invalid --page '-1'|unknown flag/],
  [["event", "bogus"], /unknown command 'bogus' for 'restream event'/],
];

for (const [argv, message] of BAD_COMMAND_LINES) {
  Deno.test(`usage error, no request: ${argv.join(" ").slice(0, 60)}`, async () => {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(result.stdout, "");
    assert.equal(fake.requests.length, 0);
  });
}

// Layer 2: runs against the fake API.
const LIVE = event(1, "in-progress", { scheduledFor: T0 - 600, startedAt: T0 - 60 });
const NEXT = event(2, "upcoming", { scheduledFor: T0 + 3600 });
const DONE = { ...event(3, "finished", { startedAt: T0 - 7200, finishedAt: T0 - 3600 }), x: 1 };

function listFake(limit = "10"): FakeFetch {
  return new FakeFetch()
    .on("GET", "/v2/user/events/in-progress", { body: [LIVE] })
    .on("GET", "/v2/user/events/upcoming", { body: [NEXT] })
    .on("GET", "/v2/user/events/history", {
      body: historyPage([DONE, { ...LIVE, status: "finished" }], 1, 4),
    }, { query: { page: "1", limit } });
}

Deno.test("event list piped: live, upcoming, then history; each event once", async () => {
  const fake = listFake();
  const result = await runCapture(["event", "list"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    `${HEADER}\n` +
      `${uuid(1)}\tin-progress\tShow 1\t${at(T0 - 60)}\t1\n` +
      `${uuid(2)}\tupcoming\tShow 2\t${at(T0 + 3600)}\t1\n` +
      `${uuid(3)}\tfinished\tShow 3\t${at(T0 - 7200)}\t1\n`,
  );
  fake.assertDone();
});

Deno.test("event list --limit 3 --json: one array, unknown fields kept", async () => {
  const fake = listFake("3");
  const result = await runCapture(["event", "list", "--limit", "3", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [LIVE, NEXT, DONE]);
  fake.assertDone();
});

Deno.test("event list on a terminal: ids whole, titles cut to fit 100 columns", async () => {
  const long = { ...NEXT, title: "A very long title ".repeat(6) };
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/in-progress", { body: [LIVE] })
    .on("GET", "/v2/user/events/upcoming", { body: [long] })
    .on("GET", "/v2/user/events/history", { body: historyPage([], 1, 1) }, {
      query: { page: "1", limit: "10" },
    });
  const result = await runCapture(["event", "list"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 100,
  });
  assert.equal(result.code, 0, result.stderr);
  const plain = stripAnsi(result.stdout);
  const lines = plain.trimEnd().split("\n");
  assert.match(lines[0], /^ID {36}STATUS {7}TITLE +START +DESTS$/);
  assert.ok(lines[1].startsWith(`${uuid(1)}  in-progress  Show 1 `));
  assert.ok(lines[2].startsWith(`${uuid(2)}  upcoming     A very long`));
  assert.ok(lines[2].includes("…"));
  for (const line of lines) assert.ok(line.length <= 100, `${line.length}: ${line}`);
  assert.ok(result.stdout.includes("\x1b[32min-progress\x1b[39m"), "live is green");
});

Deno.test("event list: one failing list fails the command (exit 3 on a missing scope)", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/in-progress", INSUFFICIENT_SCOPE)
    .on("GET", "/v2/user/events/upcoming", { body: [] })
    .on("GET", "/v2/user/events/history", { body: historyPage([], 1, 1) }, {
      query: { page: "1", limit: "10" },
    });
  const result = await runCapture(["event", "list"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /missing scope stream\.read/);
  assert.equal(result.stdout, "");
});

Deno.test("event get: a block with readable times and named destinations", async () => {
  const body = {
    ...DONE,
    description: "Long\nstory",
    destinations: [
      { channelId: 101, externalUrl: "https://twitch.tv/videos/1", streamingPlatformId: 1 },
      { channelId: 202, externalUrl: null, streamingPlatformId: 77 },
    ],
  };
  for (const terminal of [100, undefined]) {
    const fake = new FakeFetch()
      .on("GET", `/v2/user/events/${EVENT_ID}`, { body })
      .on("GET", "/v2/platform/all", { body: PLATFORMS });
    const result = await runCapture(["--no-color", "event", "get", EVENT_ID.toUpperCase()], {
      fetch: fake.fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        `ID:           ${uuid(3)}`,
        "Title:        Show 3",
        "Status:       finished",
        "Description:  Long story",
        `Started:      ${formatTime(T0 - 7200)}`,
        `Finished:     ${formatTime(T0 - 3600)}`,
        "Record only:  no",
        "Destinations: 2",
        "  1:          Twitch, channel 101, https://twitch.tv/videos/1",
        "  2:          77, channel 202",
        "",
      ].join("\n"),
    );
    fake.assertDone();
  }
});

Deno.test("event get --json: the API's object, no platform request", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/events/${EVENT_ID}`, { body: DONE });
  const result = await runCapture(["event", "get", EVENT_ID, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(result.stdout), DONE);
  assert.equal(fake.requests.length, 1);
});

Deno.test("event get: a 404 names the event, exit 4", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/events/${EVENT_ID}`, NOT_FOUND);
  const result = await runCapture(["event", "get", EVENT_ID, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 4);
  assert.deepEqual(JSON.parse(result.stderr), {
    error: { kind: "not_found", status: 404, message: `event ${EVENT_ID} not found` },
  });
});

function historyFake(): FakeFetch {
  const fake = new FakeFetch();
  for (const page of [1, 2, 3]) {
    fake.on("GET", "/v2/user/events/history", {
      body: historyPage([event(page, "finished", { startedAt: T0 - page })], page, 3, 1),
    }, { query: { page: String(page), limit: "1" } });
  }
  return fake;
}

Deno.test("event history --page --limit: one page, items only with --json", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/events/history", {
    body: historyPage([DONE], 2, 5, 25),
  }, { query: { page: "2", limit: "25" } });
  const result = await runCapture(["event", "history", "--page", "2", "--limit", "25", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [DONE]);
  fake.assertDone();
});

Deno.test("event history without flags asks for page 1 of 10", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/events/history", {
    body: historyPage([], 1, 1),
  }, { query: { page: "1", limit: "10" } });
  const result = await runCapture(["event", "history"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.stdout, `${HEADER}\n`);
  fake.assertDone();
});

Deno.test("event history --all --json: every page in one array", async () => {
  const fake = historyFake();
  const result = await runCapture(["event", "history", "--all", "--limit", "1", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).map((e: { id: string }) => e.id), [
    uuid(1),
    uuid(2),
    uuid(3),
  ]);
  fake.assertDone();
});

/** Runs `event history --all --limit 1`, noting what stdout held when page 2 was asked. */
async function historyAll(terminal: boolean): Promise<{ out: string; beforePage2: string }> {
  const fake = historyFake();
  let out = "";
  let beforePage2 = "";
  const code = await runCli(["event", "history", "--all", "--limit", "1", "--no-color"], {
    stdout: { write: (text) => void (out += text) },
    stderr: { write: () => {} },
    stdoutIsTerminal: terminal,
    stdinIsTerminal: false,
    columns: terminal ? 100 : undefined,
    env: (name) => ENV[name],
    fetch: (request) => {
      if (new URL(request.url).searchParams.get("page") === "2") beforePage2 = out;
      return fake.fetch(request);
    },
  });
  assert.equal(code, 0);
  fake.assertDone();
  return { out, beforePage2 };
}

Deno.test("event history --all piped: one header, TSV rows as pages arrive", async () => {
  const { out, beforePage2 } = await historyAll(false);
  const row = (n: number): string => `${uuid(n)}\tfinished\tShow ${n}\t${at(T0 - n)}\t1\n`;
  assert.equal(out, `${HEADER}\n${row(1)}${row(2)}${row(3)}`);
  assert.equal(beforePage2, `${HEADER}\n${row(1)}`);
});

Deno.test("event history --all on a terminal: one aligned header, rows as pages arrive", async () => {
  const { out, beforePage2 } = await historyAll(true);
  const lines = out.trimEnd().split("\n");
  assert.equal(lines.length, 4, out);
  assert.match(lines[0], /^ID +STATUS +TITLE +START +DESTS$/);
  assert.equal(beforePage2.trimEnd().split("\n").length, 2, "header and page 1");
  assert.ok(lines[3].startsWith(`${uuid(3)}  finished  Show 3  ${at(T0 - 3)}  1`));
});

Deno.test("event in-progress: table piped and --json", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/events/in-progress", { body: [LIVE] }, {
    repeat: true,
  });
  const piped = await runCapture(["event", "in-progress"], { fetch: fake.fetch, env: ENV });
  assert.equal(piped.stdout, `${HEADER}\n${uuid(1)}\tin-progress\tShow 1\t${at(T0 - 60)}\t1\n`);
  const json = await runCapture(["event", "in-progress", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), [LIVE]);
});

Deno.test("event upcoming --source studio|2 --scheduled: the API's numbers and scheduled=true", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/events/upcoming", { body: [NEXT] }, {
      query: { source: "1", scheduled: "true" },
    })
    .on("GET", "/v2/user/events/upcoming", { body: [] }, { query: { source: "2" } })
    .on("GET", "/v2/user/events/upcoming", { body: [] });
  const studio = await runCapture(
    ["event", "upcoming", "--source", "Studio", "--scheduled"],
    { fetch: fake.fetch, env: ENV, terminal: 100 },
  );
  assert.equal(studio.code, 0, studio.stderr);
  assert.match(stripAnsi(studio.stdout), /upcoming +Show 2/);
  const encoder = await runCapture(["event", "upcoming", "--source", "2"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(encoder.stdout, `${HEADER}\n`);
  await runCapture(["event", "upcoming"], { fetch: fake.fetch, env: ENV });
  assert.equal(fake.requests[1].url.searchParams.get("scheduled"), null);
  assert.equal(fake.requests[2].url.search, "");
  fake.assertDone();
});
