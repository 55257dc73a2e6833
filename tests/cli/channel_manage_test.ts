import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { ENV, INSUFFICIENT_SCOPE, NOT_FOUND, PLATFORMS } from "../support/rest_fixtures.ts";

const ADD = ["channel", "add", "--platform", "29", "--url", "rtmp://live.example.com/app"];
const CREATED = {
  id: 303,
  platformId: 29,
  channelUrl: "rtmp://live.example.com/app",
  displayName: "Mine",
};

const BAD_COMMAND_LINES: Array<[string[], RegExp]> = [
  [["channel", "add", "--url", "rtmp://x/a", "--key", "k"], /missing required flag '--platform/],
  [[...ADD], /missing required flag '--key <key>'/],
  [["channel", "add", "--platform", "29", "--url", "not a url", "--key", "k"], /invalid --url/],
  [[...ADD, "--key", "k", "--username", "u"], /--username and --password go together/],
  [
    [...ADD, "--key", "-", "--username", "u", "--password", "-"],
    /only one of --key and --password/,
  ],
  [["channel", "remove", "abc", "--yes"], /invalid channel id 'abc'/],
  [["channel", "remove", "5"], /stdin is not a terminal: pass --yes/],
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

Deno.test("channel add: POSTs the channel; --json prints the API's answer", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/channels", { status: 201, body: CREATED });
  const result = await runCapture(
    [...ADD, "--key", "sk_1", "--name", "Mine", "--username", "u", "--password", "pw", "--json"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(fake.requests[0].body), {
    platformId: 29,
    streamUrl: "rtmp://live.example.com/app",
    streamKey: "sk_1",
    displayName: "Mine",
    rtmpUsername: "u",
    rtmpPassword: "pw",
  });
  assert.deepEqual(JSON.parse(result.stdout), CREATED);
});

Deno.test("channel add: a platform by name, the key from stdin, confirmation on stderr", async () => {
  const fake = new FakeFetch()
    .on("GET", "/v2/platform/all", { body: PLATFORMS })
    .on("POST", "/v2/user/channels", { status: 201, body: { ...CREATED, platformId: 5 } });
  const result = await runCapture(
    ["channel", "add", "--platform", "youtube", "--url", "rtmp://a/b", "--key", "-", "-v"],
    { fetch: fake.fetch, env: ENV, stdin: "key-from-stdin\n" },
  );
  assert.equal(result.code, 0, result.stderr);
  const body = JSON.parse(fake.requests[1].body);
  assert.equal(body.platformId, 5);
  assert.equal(body.streamKey, "key-from-stdin");
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /channel 303 added\n$/);
  assert.ok(!result.stderr.includes("key-from-stdin"), "the key is not logged");
});

Deno.test("channel add: an unknown platform name is a usage error before the POST", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  const result = await runCapture(
    ["channel", "add", "--platform", "Myspace", "--url", "rtmp://a/b", "--key", "k"],
    { fetch: fake.fetch, env: ENV },
  );
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown platform 'Myspace'/);
  assert.equal(fake.requests.length, 1);
});

Deno.test("channel add: a missing scope is exit 3 naming channels.write", async () => {
  const fake = new FakeFetch().on("POST", "/v2/user/channels", INSUFFICIENT_SCOPE);
  const result = await runCapture([...ADD, "--key", "k"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 3);
  assert.match(result.stderr, /missing scope channels\.write/);
});

Deno.test("channel remove --yes: DELETE; --json prints the id", async () => {
  const fake = new FakeFetch().on("DELETE", "/v2/user/channels/42", { status: 204 });
  const result = await runCapture(["channel", "remove", "42", "--yes", "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { id: 42, removed: true });
});

Deno.test("channel remove on a terminal asks; 'y' removes, anything else does not", async () => {
  const fake = new FakeFetch().on("DELETE", "/v2/user/channels/42", { status: 204 });
  const yes = await runCapture(["channel", "remove", "42"], {
    fetch: fake.fetch,
    env: ENV,
    stdin: "y\n",
    stdinIsTerminal: true,
  });
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(yes.stderr, "Remove channel 42? [y/N] channel 42 removed\n");
  const no = await runCapture(["channel", "remove", "42"], {
    fetch: fake.fetch,
    env: ENV,
    stdin: "\n",
    stdinIsTerminal: true,
  });
  assert.equal(no.code, 0);
  assert.match(no.stderr, /channel 42 not removed/);
  assert.equal(fake.requests.length, 1);
});

Deno.test("channel remove: a 404 names the channel, exit 4", async () => {
  const fake = new FakeFetch().on("DELETE", "/v2/user/channels/42", NOT_FOUND);
  const result = await runCapture(["channel", "remove", "42", "-y"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 4);
  assert.equal(result.stderr, "error: channel 42 not found\n");
});
