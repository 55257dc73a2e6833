import assert from "node:assert/strict";
import { join } from "node:path";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { withTempDir } from "../support/temp_dir.ts";

const ENV = { RESTREAM_TOKEN: "tok" };
const EVENT = "61c2559a-2acf-4420-ac01-78786d06da5c";
const RECORDINGS = {
  primaryVideos: [{ fileName: "main.mp4", expiresAt: "2026-03-01T10:00:00.000Z" }],
  secondaryVideos: [{ fileName: "vertical.mp4", expiresAt: null }],
  audio: [{ fileName: "audio.m4a", expiresAt: "2026-03-01T10:00:00.000Z", extra: 1 }],
};

Deno.test("event recordings piped: kind, file name, expiry for every kind", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/events/${EVENT}/recordings`, {
    body: RECORDINGS,
  });
  const result = await runCapture(["event", "recordings", EVENT], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.split("\n");
  assert.equal(lines[0], "KIND\tFILE NAME\tEXPIRES");
  assert.match(lines[1], /^primary\tmain\.mp4\t2026-03-0\d /);
  assert.equal(lines[2], "secondary\tvertical.mp4\t");
  assert.match(lines[3], /^audio\taudio\.m4a\t2026/);
});

Deno.test("event recordings on a terminal and with --json", async () => {
  const fake = () =>
    new FakeFetch().on("GET", `/v2/user/events/${EVENT}/recordings`, { body: RECORDINGS });
  const tty = await runCapture(["--no-color", "event", "recordings", EVENT], {
    fetch: fake().fetch,
    env: ENV,
    terminal: 80,
  });
  assert.match(tty.stdout, /^KIND\s+FILE NAME\s+EXPIRES/);
  const json = await runCapture(["event", "recordings", EVENT, "--json"], {
    fetch: fake().fetch,
    env: ENV,
  });
  assert.deepEqual(JSON.parse(json.stdout), RECORDINGS);
});

Deno.test("event recordings: a missing kind reads as none", async () => {
  const fake = new FakeFetch().on("GET", `/v2/user/events/${EVENT}/recordings`, {
    body: { primaryVideos: [{ fileName: "main.mp4" }] },
  });
  const result = await runCapture(["event", "recordings", EVENT], { fetch: fake.fetch, env: ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "KIND\tFILE NAME\tEXPIRES\nprimary\tmain.mp4\t\n");
});

Deno.test("event media commands reject a bad event id: exit 2, no request", async () => {
  for (
    const argv of [
      ["event", "recordings", "42"],
      ["event", "chat", "download", "not-a-uuid"],
      ["event", "recordings", "download", "nope", "main.mp4"],
      ["event", "recordings", "download", EVENT, " "],
    ]
  ) {
    const fake = new FakeFetch();
    const result = await runCapture(argv, { fetch: fake.fetch, env: ENV });
    assert.equal(result.code, 2, `${argv.join(" ")}: ${result.stderr}`);
    assert.equal(fake.requests.length, 0);
  }
});

Deno.test("event recordings download asks for the file's link and saves it under its name", async () => {
  await withTempDir(async (dir) => {
    const fake = new FakeFetch()
      .on("POST", `/v2/user/events/${EVENT}/recordings/download-url`, {
        body: { downloadUrl: "https://cdn.example/r/x?sig=1" },
      })
      .on("GET", "/r/x", { body: "REC" }, { query: { sig: "1" } });
    const result = await runCapture(
      ["event", "recordings", "download", EVENT, "main.mp4", "-o", dir],
      { fetch: fake.fetch, env: ENV },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(fake.requests[0].body), { fileName: "main.mp4" });
    assert.equal(await Deno.readTextFile(join(dir, "main.mp4")), "REC");
    assert.equal(fake.requests[1].headers.get("authorization"), null);
  });
});

Deno.test("event recordings download refuses an existing file before asking for a link", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "main.mp4"), "OLD");
    const fake = new FakeFetch();
    const result = await runCapture(
      ["event", "recordings", "download", EVENT, "main.mp4", "-o", dir],
      { fetch: fake.fetch, env: ENV },
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--force/);
    assert.equal(fake.requests.length, 0);
  });
});

Deno.test("event chat download saves the export under the server's name, token masked in -v", async () => {
  await withTempDir(async (dir) => {
    const fake = new FakeFetch()
      .on("POST", `/v2/user/events/${EVENT}/chat/history/download-url`, {
        body: { downloadUrl: "https://api.restream.io/protected/chat/export?token=one-time" },
      })
      .on("GET", "/protected/chat/export", {
        body: "time,author,text\n",
        headers: { "content-type": "text/csv" },
      }, { query: { token: "one-time" } });
    const result = await runCapture(
      ["event", "chat", "download", EVENT, "-o", dir, "-v", "--json"],
      {
        fetch: fake.fetch,
        env: ENV,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    const path = join(dir, `chat-${EVENT}.csv`);
    assert.deepEqual(JSON.parse(result.stdout), { id: EVENT, path, bytes: 17 });
    assert.equal(await Deno.readTextFile(path), "time,author,text\n");
    assert.ok(!result.stderr.includes("one-time"), result.stderr);
    assert.equal(fake.requests[1].headers.get("authorization"), null);
  });
});

Deno.test("event chat download: no chat history (404) exits 4", async () => {
  const fake = new FakeFetch().on(
    "POST",
    `/v2/user/events/${EVENT}/chat/history/download-url`,
    { status: 404, body: { error: { message: "ChatHistoryNotFound" } } },
  );
  const result = await runCapture(["event", "chat", "download", EVENT, "--json"], {
    fetch: fake.fetch,
    env: ENV,
  });
  assert.equal(result.code, 4);
  assert.equal(result.stdout, "");
  assert.equal(JSON.parse(result.stderr).error.kind, "not_found");
});

Deno.test("event chat and event recordings keep their own actions next to 'download'", async () => {
  const bogus = await runCapture(["event", "chat", "bogus"]);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /^error: invalid event id 'bogus': expected a UUID\n/);
  const help = await runCapture(["event", "recordings", "--help"]);
  assert.match(help.stdout, /\n {2}restream event recordings <id> \[flags\]\n/);
  assert.match(help.stdout, /\n {2}download: +download one recording/);
});
