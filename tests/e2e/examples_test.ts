/**
 * The programs in examples/ run as written in their headers (same permissions) against the
 * mock server, and do what they say.
 */

import assert from "node:assert/strict";
import { SEED_CHANNEL_IDS } from "../../src/mock/seed.ts";
import type { MockServer } from "../../src/mock/types.ts";
import { call, withMock } from "../support/mock.ts";
import { runProcess } from "../support/subprocess.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const PERMISSIONS = ["--allow-net", "--allow-env=RESTREAM_API_URL,RESTREAM_TOKEN", "--no-prompt"];

function runExample(mock: MockServer, name: string, args: string[] = []) {
  return runProcess(args, {
    script: `${ROOT}examples/${name}`,
    permissions: PERMISSIONS,
    // The checkout's deno.json maps `@restream/cli` to this package.
    cwd: ROOT,
    env: { RESTREAM_API_URL: mock.apiUrl, RESTREAM_TOKEN: mock.token },
  });
}

Deno.test("examples/go_live.ts enables the named channels and retitles them", async () => {
  await withMock({}, async (mock) => {
    const { facebook, twitch } = SEED_CHANNEL_IDS;
    const before = await call(mock, `/v2/user/channel/${facebook}`);
    assert.equal(before.json.active, false);

    const result = await runExample(mock, "go_live.ts", [
      "Speedrun Friday #42",
      `${facebook}`,
      `${twitch}`,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim().split("\n").length, 2);

    for (const id of [facebook, twitch]) {
      assert.equal((await call(mock, `/v2/user/channel/${id}`)).json.active, true);
      const meta = await call(mock, `/v2/user/channel-meta/${id}`);
      assert.equal(meta.json.title, "Speedrun Friday #42");
    }
    const untouched = await call(mock, `/v2/user/channel-meta/${SEED_CHANNEL_IDS.youtube}`);
    assert.notEqual(untouched.json.title, "Speedrun Friday #42");

    const unknown = await runExample(mock, "go_live.ts", ["Title", "999"]);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, "error: no channel 999\n");
  });
});

Deno.test("examples/event_report.ts reports live, upcoming and recent events", async () => {
  await withMock({}, async (mock) => {
    const result = await runExample(mock, "event_report.ts");
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Live now:\n( {2}.+\n)*Upcoming:\n( {2}.+\n)+Recent:\n( {2}.+\n)+$/,
    );
    assert.match(result.stdout, /peak \d+, \d+ views/);
  });
});

Deno.test("examples/chat_logger.ts logs chat events as JSON Lines and stops after its time", async () => {
  await withMock({ chatRatePerSecond: 20 }, async (mock) => {
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/chat.jsonl`;
      const result = await runProcess([file, "1"], {
        script: `${ROOT}examples/chat_logger.ts`,
        permissions: [
          "--allow-net",
          "--allow-env=RESTREAM_CHAT_WS_URL,RESTREAM_TOKEN",
          `--allow-write=${file}`,
          "--no-prompt",
        ],
        cwd: ROOT,
        env: { RESTREAM_CHAT_WS_URL: mock.chatWsUrl, RESTREAM_TOKEN: mock.token },
      });
      assert.equal(result.code, 0, result.stderr);
      const lines = (await Deno.readTextFile(file)).trim().split("\n");
      assert.ok(lines.length >= 3, `only ${lines.length} messages in a second at 20/s`);
      for (const line of lines) assert.equal(JSON.parse(line).action, "event");
      assert.equal(result.stdout.trim().split("\n").length, lines.length);
      assert.match(result.stdout, /^\[platform \d+\] .+: /m);
      assert.match(result.stderr, new RegExp(`^${lines.length} messages logged to `, "m"));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

/** The first ```ts block of README's "Library" section, as a user would copy it. */
async function readmeLibraryScript(): Promise<string> {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const section = readme.slice(readme.indexOf("\n### Library\n"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, "README's Library section has a ts block");
  return match[1];
}

Deno.test("README's library script runs from a checkout (--config) against the mock, as written", async () => {
  const script = await readmeLibraryScript();
  assert.match(script, /from "jsr:@restream\/cli"/);
  const dir = await Deno.makeTempDir();
  try {
    // What README's sed line does: import the checkout's mod.ts instead of JSR.
    await Deno.writeTextFile(
      `${dir}/channels.ts`,
      script.replace("jsr:@restream/cli", `${ROOT}mod.ts`),
    );
    const run = (env: Record<string, string>) =>
      runProcess([], {
        script: "channels.ts",
        permissions: [
          "--config",
          `${ROOT}deno.json`,
          "--allow-net",
          "--allow-env=RESTREAM_API_URL,RESTREAM_TOKEN",
          "--no-prompt",
        ],
        cwd: dir,
        env,
      });
    await withMock({}, async (mock) => {
      const result = await run({ RESTREAM_API_URL: mock.apiUrl, RESTREAM_TOKEN: mock.token });
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trim().split("\n");
      assert.equal(lines[0], "gamenight's channels:");
      assert.equal(lines.length, 1 + Object.keys(SEED_CHANNEL_IDS).length);
      assert.match(lines[1], new RegExp(`^${SEED_CHANNEL_IDS.twitch} on  GameNight Live$`));

      // Without a token the client fails before sending anything: no 401 from the server.
      const before = mock.control.requestLog().length;
      const none = await run({ RESTREAM_API_URL: mock.apiUrl });
      assert.equal(none.code, 1);
      assert.match(none.stderr, /^auth: no token\b/);
      assert.equal(mock.control.requestLog().length, before, "nothing was sent");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
