import assert from "node:assert/strict";
import { stripAnsi } from "../../src/cli/style.ts";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import {
  CHANNEL_CAMEL,
  CHANNEL_SNAKE,
  CHANNEL_SNAKE_NORMALISED,
  CHANNELS,
  ENV,
  INSUFFICIENT_SCOPE,
  NOT_FOUND,
  PLATFORMS,
} from "../support/rest_fixtures.ts";

// Layer 1: flags alone. Every bad command line exits 2 and sends nothing.
const BAD_COMMAND_LINES: Array<[string[], RegExp]> = [
  [["channel", "get", "abc"], /invalid channel id 'abc': expected a positive integer/],
  [["channel", "get", "0"], /invalid channel id '0'/],
  [["channel", "get", "-1"], /unknown flag|invalid channel id/],
  [["channel", "get"], /missing required argument 'id'/],
  [["channel", "set", "5"], /exactly one of --active or --inactive/],
  [["channel", "set", "5", "--active", "--inactive"], /exactly one of --active or --inactive/],
  [["channel", "set", "x", "--active"], /invalid channel id 'x'/],
  [["channel", "meta", "get", "1.5"], /invalid channel id '1.5'/],
  [
    ["channel", "meta", "set", "5"],
    /^error: nothing to change: give --title, --description or both$/m,
  ],
  [["channel", "meta", "set", "5", "--title", ""], /the title must not be empty/],
  [["channel", "meta", "set", "5", "--title", "   "], /the title must not be empty/],
  [
    ["channel", "meta", "set", "5", "--title", "t".repeat(141)],
    /the title is 141 characters long; the limit is 140/,
  ],
  [["channel", "lst"], /unknown command 'lst'.*did you mean list/],
  [["channel", "get", "1e3"], /invalid channel id '1e3'/],
  [["channel", "get", " 7"], /invalid channel id ' 7'/],
  [["channel", "get", "7abc"], /invalid channel id '7abc'/],
  [["channel", "get", "+7"], /invalid channel id '\+7'/],
  [["channel", "get", "0x10"], /invalid channel id '0x10'/],
  [["channel", "get", ""], /invalid channel id ''/],
  [["channel", "get", "9007199254740993"], /invalid channel id '9007199254740993'/],
  [["channel", "get", "5", "6"], /too many arguments/],
  [["channel", "meta", "bogus"], /unknown command 'bogus' for 'restream channel meta'/],
  [["channel", "meta", "set", "5", "--title", "🎮".repeat(141)], /141 characters long/],
];

for (const [argv, message] of BAD_COMMAND_LINES) {
  Deno.test(`usage error, no request: ${argv.join(" ").slice(0, 60)}`, async () => {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /--help/);
    assert.equal(result.stdout, "");
    assert.equal(fake.requests.length, 0);
  });
}

// Layer 2: runs against the fake API.
function listFake(): FakeFetch {
  return new FakeFetch()
    .on("GET", "/v2/user/channel/all", { body: CHANNELS })
    .on("GET", "/v2/platform/all", { body: PLATFORMS });
}

Deno.test("channel list piped: TSV with platform names (id when unknown) and on/off", async () => {
  const fake = listFake();
  const result = await runCapture(["channel", "list"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    "ID\tPLATFORM\tNAME\tENABLED\tURL\n" +
      "101\tTwitch\tMy Twitch\ton\thttps://twitch.tv/me\n" +
      `202\t99\tCustom\toff\t${CHANNELS[1].url}\n`,
  );
  assert.equal(fake.requests[1].headers.get("authorization"), null, "platforms are public");
  fake.assertDone();
});

Deno.test("channel list on a terminal: aligned, fitted to 100 columns, coloured", async () => {
  const fake = listFake();
  const result = await runCapture(["channel", "list"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 100,
  });
  assert.equal(result.code, 0, result.stderr);
  const plain = stripAnsi(result.stdout);
  const lines = plain.trimEnd().split("\n");
  assert.equal(lines.length, 3);
  // A cut link is useless: with one too long for 100 columns the URL column is left out.
  assert.match(lines[0], /^ID {3}PLATFORM {2}NAME {7}ENABLED$/);
  assert.match(lines[1], /^101 {2}Twitch {4}My Twitch {2}on$/);
  assert.ok(!plain.includes("…"), "nothing cut");
  for (const line of lines) assert.ok(line.length <= 100, line);
  assert.ok(result.stdout.includes("\x1b[32mon\x1b[39m"), "on is green");
  assert.ok(result.stdout.includes("\x1b[31moff\x1b[39m"), "off is red");
});

Deno.test("channel list --json: the API's items, unknown fields kept, no platform request", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/all", { body: CHANNELS });
  const result = await runCapture(["channel", "list", "--json"], { fetch: fake.fetch, env: ENV });
  assert.deepEqual(JSON.parse(result.stdout), CHANNELS);
  assert.equal(fake.requests.length, 1);
});

Deno.test("channel list: a failing platform list costs the names, not the command", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/channel/all", { body: CHANNELS })
    .on("GET", "/v2/platform/all", { status: 404, body: "nope" });
  const result = await runCapture(["channel", "list"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout.split("\n")[1], /^101\t1\tMy Twitch\t/);
});

Deno.test("channel get: the snake_case shape, normalised, as a block with the platform name", async () => {
  for (const terminal of [100, undefined]) {
    const fake = new FakeFetch()
      .on("GET", "/v2/user/channel/202", { body: CHANNEL_SNAKE })
      .on("GET", "/v2/platform/all", { body: PLATFORMS });
    const result = await runCapture(["--no-color", "channel", "get", "202"], {
      fetch: fake.fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        "ID:         202",
        "Name:       My YouTube",
        "Platform:   YouTube (5)",
        "Active:     off",
        "URL:        https://youtube.com/channel/UCabc",
        "Identifier: UCabc",
        "Embed URL:  https://youtube.com/embed/1",
        "Event URL:  https://youtube.com/watch?v=1",
        "",
      ].join("\n"),
    );
  }
});

Deno.test("channel get --json: snake_case normalised to camelCase, unknown keys kept", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/202", { body: CHANNEL_SNAKE });
  const result = await runCapture(["channel", "get", "202", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(result.stdout), CHANNEL_SNAKE_NORMALISED);
  assert.equal(fake.requests.length, 1, "no platform list with --json");
});

Deno.test("channel get --json: the camelCase shape as sent", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/101", { body: CHANNEL_CAMEL });
  const result = await runCapture(["--json", "channel", "get", "101"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(result.stdout), CHANNEL_CAMEL);
});

Deno.test("channel get: a 404 names the channel, exit 4", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/channel/42", NOT_FOUND);
  const result = await runCapture(["channel", "get", "42"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 4);
  assert.equal(result.stderr, "error: channel 42 not found\n");
  assert.equal(result.stdout, "");
});

Deno.test("channel set --inactive: PATCH {active:false}; confirmation on stderr, stdout empty", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/101", { status: 200 });
  const result = await runCapture(["channel", "set", "101", "--inactive"], {
    fetch: fake.fetch,
    env: ENV,
    terminal: 100,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(fake.requests[0].body, '{"active":false}');
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, "channel 101 disabled\n");
});

Deno.test("channel set --active --json prints the id and the field sent", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/101", { status: 200 });
  const result = await runCapture(["channel", "set", "101", "--active", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(fake.requests[0].body, '{"active":true}');
  assert.equal(result.stdout, '{"id":101,"active":true}\n');
  assert.equal(result.stderr, "");
});

Deno.test("channel set: a 403 for a missing scope names channels.write, exit 3", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel/101", INSUFFICIENT_SCOPE);
  const result = await runCapture(["channel", "set", "101", "--active"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 3);
  assert.equal(
    result.stderr,
    "error: missing scope channels.write (the token was not granted it)\n",
  );
  assert.equal(fake.requests.length, 1, "a PATCH is sent once");
});

Deno.test("channel meta get: title and description, block and --json", async () => {
  const body = { title: "Friday stream", description: "We play things", extra: true };
  const fake = new FakeFetch().on("GET", "/v2/user/channel-meta/101", { body }, { repeat: true });
  const human = await runCapture(["channel", "meta", "get", "101"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(human.stdout, "Title:       Friday stream\nDescription: We play things\n");
  const json = await runCapture(["channel", "meta", "get", "101", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), body);
});

Deno.test("channel meta set: PATCH {title, description}; --json prints what was sent", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel-meta/101", { status: 200 }, {
    repeat: true,
  });
  const json = await runCapture(
    ["channel", "meta", "set", "101", "--title", "New", "--description", "Desc", "--json"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(json.code, 0, json.stderr);
  assert.equal(fake.requests[0].body, '{"title":"New","description":"Desc"}');
  assert.deepEqual(JSON.parse(json.stdout), { id: 101, title: "New", description: "Desc" });

  const human = await runCapture(["channel", "meta", "set", "101", "--title", "-V"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(human.code, 0, human.stderr);
  assert.equal(fake.requests[1].body, '{"title":"-V"}', "a global flag is a value here");
  assert.equal(human.stdout, "");
  assert.equal(human.stderr, "channel 101: title updated\n");
});

Deno.test("channel meta set --description alone: the current title is read first and sent", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/user/channel-meta/101", { body: { title: "Kept", description: "Old" } })
    .on("PATCH", "/v2/user/channel-meta/101", { status: 200 });
  const result = await runCapture(["channel", "meta", "set", "101", "--description", "New"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(fake.requests[1].method, "PATCH");
  assert.equal(fake.requests[1].body, '{"title":"Kept","description":"New"}');
  assert.equal(result.stdout, "");
  assert.equal(result.stderr, "channel 101: description updated\n");
  fake.assertDone();
});

Deno.test("channel meta set: a title of exactly 140 characters is sent", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel-meta/1", { status: 200 });
  const title = "é".repeat(140);
  const result = await runCapture(["channel", "meta", "set", "1", "--title", title], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(fake.requests[0].body), { title });
});

Deno.test("channel meta set: astral characters count once; global option names are plain values", async () => {
  const fake = new FakeFetch().on("PATCH", "/v2/user/channel-meta/1", { status: 200 }, {
    repeat: true,
  });
  const title = "🎮".repeat(140);
  const emoji = await runCapture(["channel", "meta", "set", "1", "--title", title], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(emoji.code, 0, emoji.stderr);
  assert.deepEqual(JSON.parse(fake.requests[0].body), { title });

  const values = await runCapture(
    ["channel", "meta", "set", "1", "--title", "--json", "--description", "-v"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(values.code, 0, values.stderr);
  assert.deepEqual(JSON.parse(fake.requests[1].body), { title: "--json", description: "-v" });
  assert.equal(values.stdout, "", "--json was a value, not the global option");
  assert.equal(values.stderr, "channel 1: title and description updated\n");
});
