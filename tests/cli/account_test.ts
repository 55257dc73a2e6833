import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const ENV = { RESTREAM_TOKEN: "tok" };
const SERVERS = [
  { id: 1, name: "EU-West", url: "eu.restream.io", rtmpUrl: "rtmp://eu.restream.io/live" },
  { id: 7, name: "US-East", url: "us.restream.io", rtmpUrl: "rtmp://us.restream.io/live" },
];

function ingestFake(ingestId: number): FakeFetch {
  return new FakeFetch()
    .on("GET", "/v2/user/ingest", { body: { ingestId, region: "kept" } })
    .on("GET", "/v2/server/all", { body: SERVERS });
}

Deno.test("ingest get --json: the API object with the resolved server under `server`", async () => {
  const fake = ingestFake(7);
  const result = await runCapture(["ingest", "get", "--json"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { ingestId: 7, region: "kept", server: SERVERS[1] });
  assert.equal(fake.requests[0].headers.get("authorization"), "Bearer tok");
  fake.assertDone();
});

Deno.test("ingest get piped and on a terminal: a Key: value block", async () => {
  for (const terminal of [undefined, 80]) {
    const result = await runCapture(["--no-color", "ingest", "get"], {
      fetch: ingestFake(1).fetch,
      env: ENV,
      terminal,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Ingest ID: +1$/m);
    assert.match(result.stdout, /^Server: +EU-West$/m);
    assert.match(result.stdout, /^RTMP URL: +rtmp:\/\/eu\.restream\.io\/live$/m);
  }
});

Deno.test("ingest get with an id missing from the server list says so", async () => {
  const result = await runCapture(["ingest", "get"], { fetch: ingestFake(99).fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Server: +\(not in the server list\)/);
  const json = await runCapture(["ingest", "get", "--json"], {
    fetch: ingestFake(99).fetch,
    env: ENV,
  });
  assert.equal(JSON.parse(json.stdout).server, null);
});

Deno.test("chat url prints the URL alone; --json the API object", async () => {
  const body = { webchatUrl: "https://chat.restream.io/embed?token=abc" };
  for (const terminal of [undefined, 80]) {
    const fake = new FakeFetch().on("GET", "/v2/user/webchat/url", { body });
    const result = await runCapture(["chat", "url"], { fetch: fake.fetch, env: ENV, terminal });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${body.webchatUrl}\n`);
  }
  const fake = new FakeFetch().on("GET", "/v2/user/webchat/url", { body });
  const result = await runCapture(["chat", "url", "--json"], { fetch: fake.fetch, env: ENV });
  assert.deepEqual(JSON.parse(result.stdout), body);
});

Deno.test("chat url: an answer without webchatUrl is an unexpected response naming the field", async () => {
  const fake = new FakeFetch().on("GET", "/v2/user/webchat/url", { body: { url: "x" } });
  const result = await runCapture(["chat", "url"], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /webchatUrl/);
});

Deno.test("account commands need a login: exit 3 and no request", async () => {
  for (const argv of [["ingest", "get"], ["chat", "url"]]) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch });
    assert.equal(result.code, 3, argv.join(" "));
    assert.equal(fake.requests.length, 0);
  }
});
