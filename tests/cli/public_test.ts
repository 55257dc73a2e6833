import assert from "node:assert/strict";
import { runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const PLATFORMS = [
  { id: 1, name: "Twitch", url: "https://twitch.tv", image: { png: "a.png", svg: "a.svg" } },
  { id: 5, name: "YouTube 直播 🎥", url: "https://youtube.com", extra: { kept: true } },
];

Deno.test("platforms --json prints the API's array with unknown fields, sends no token", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  const result = await runCapture(["platforms", "--json"], {
    fetch: fake.fetch,
    env: { RESTREAM_TOKEN: "secret-token" },
  });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), PLATFORMS);
  assert.equal(fake.requests[0].headers.get("authorization"), null);
  fake.assertDone();
});

Deno.test("platforms piped: tab-separated with a header, untruncated, no colour", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  const result = await runCapture(["platforms"], { fetch: fake.fetch });
  assert.equal(
    result.stdout,
    "ID\tNAME\tURL\n1\tTwitch\thttps://twitch.tv\n5\tYouTube 直播 🎥\thttps://youtube.com\n",
  );
});

Deno.test("platforms on a terminal: aligned table fitted to the width, wide characters counted", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS });
  const result = await runCapture(["--no-color", "platforms"], { fetch: fake.fetch, terminal: 36 });
  const lines = result.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 3);
  // The URL is whole or left out (a cut link is useless); the names are whole.
  assert.match(lines[0], /^ID\s+NAME$/);
  assert.ok(!result.stdout.includes("\x1b["), "no colour with --no-color");
  for (const line of lines) assert.ok(displayWidth(line) <= 36, `too wide: ${line}`);
  assert.match(lines[2], /^5 {3}YouTube 直播 🎥$/);
});

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u3000-\u9fff\u{1f300}-\u{1faff}]/u.test(char) ? 2 : 1;
  return width;
}

Deno.test("servers: string coordinates shown, empty ones (Autodetect) left blank", async () => {
  const fake = new FakeFetch().on("GET", "/v2/server/all", {
    body: [
      {
        id: 1,
        name: "Autodetect",
        url: "live.restream.io",
        rtmpUrl: "rtmp://live",
        latitude: "",
        longitude: "",
      },
      {
        id: 8,
        name: "Frankfurt",
        url: "fra",
        rtmpUrl: "rtmp://fra",
        latitude: "50.11",
        longitude: "8.68",
      },
    ],
  });
  const result = await runCapture(["servers"], { fetch: fake.fetch });
  assert.equal(
    result.stdout,
    "ID\tNAME\tRTMP URL\tLOCATION\n1\tAutodetect\trtmp://live\t\n8\tFrankfurt\trtmp://fra\t50.11, 8.68\n",
  );
});

Deno.test("colour on a terminal unless NO_COLOR or --no-color; never when piped", async () => {
  const fake = new FakeFetch().on("GET", "/v2/platform/all", { body: PLATFORMS }, { repeat: true });
  const run = (argv: string[], env: Record<string, string>, terminal?: number) =>
    runCapture(argv, { fetch: fake.fetch, env, terminal });
  assert.ok((await run(["platforms"], {}, 120)).stdout.includes("\x1b["), "a terminal has colour");
  assert.ok(!(await run(["platforms"], { NO_COLOR: "1" }, 120)).stdout.includes("\x1b["));
  assert.ok(!(await run(["platforms", "--no-color"], {}, 120)).stdout.includes("\x1b["));
  assert.ok(!(await run(["platforms"], {})).stdout.includes("\x1b["), "piped: no colour");
});
