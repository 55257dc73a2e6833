/**
 * `--mock` end to end (issue 16): the real CLI as a subprocess on what looks like a fresh
 * machine (no `RESTREAM_*` variable, `HOME` an empty directory, `DENO_DIR` outside it), the
 * real account's settings left alone and never used, `login` through the mock's authorize
 * page, and the README's narrow permissions.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { permissionFlags } from "../../scripts/permissions.ts";
import { MOCK_NOTICE } from "../../src/cli/mock_mode.ts";
import { withMock } from "../support/mock.ts";
import { AUTHORIZE_URL_PATTERN } from "../support/login_flow.ts";
import { type ProcessResult, runProcess, spawnCli } from "../support/subprocess.ts";
import { outputWithin, STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { listDir, withTempDir } from "../support/temp_dir.ts";

const NOTICE_LINE = `${MOCK_NOTICE}\n`;

let cachedDenoDir: string | undefined;
/** This machine's Deno cache: outside HOME, so the runs need no download and leave HOME empty. */
async function denoDir(): Promise<string> {
  if (cachedDenoDir === undefined) {
    const out = await outputWithin(Deno.execPath(), { args: ["info", "--json"] });
    cachedDenoDir = JSON.parse(new TextDecoder().decode(out.stdout)).denoDir as string;
  }
  return cachedDenoDir;
}

/** A fresh machine: an empty HOME (and a working directory) in a temp dir removed afterwards. */
function withFreshHome(
  fn: (home: string, env: Record<string, string>, cwd: string) => Promise<void>,
): Promise<void> {
  return withTempDir(async (root) => {
    const home = join(root, "home");
    const cwd = join(root, "work");
    await Deno.mkdir(home);
    await Deno.mkdir(cwd);
    await fn(home, { HOME: home, DENO_DIR: await denoDir() }, cwd);
  });
}

function assertOk(result: ProcessResult, what: string): void {
  assert.equal(result.code, 0, `${what}: ${result.stderr}`);
}

Deno.test("e2e --mock: a fresh machine runs channel list, monitor chat and profile; HOME stays empty", async () => {
  await withFreshHome(async (home, env) => {
    const [channels, chat, profile] = await Promise.all([
      runProcess(["--mock", "channel", "list", "--json"], { env }),
      runProcess(["--mock", "monitor", "chat", "--duration", "3", "--json"], { env }),
      runProcess(["profile"], { env: { ...env, RESTREAM_MOCK: "1" } }),
    ]);

    assertOk(channels, "channel list");
    assert.equal(channels.stderr, NOTICE_LINE, "one notice, plain text under --json too");
    // stdout is exactly what the same command prints against an API (here a mock of our own).
    await withMock({}, async (mock) => {
      const direct = await runProcess(["channel", "list", "--json"], {
        env: { ...env, RESTREAM_API_URL: mock.apiUrl, RESTREAM_TOKEN: mock.token },
      });
      assertOk(direct, "channel list against a mock");
      assert.equal(channels.stdout, direct.stdout);
    });
    assert.ok(JSON.parse(channels.stdout).length >= 3);

    assertOk(chat, "monitor chat");
    assert.ok(chat.stderr.startsWith(NOTICE_LINE), chat.stderr);
    const lines = chat.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    assert.ok(lines.every((message) => typeof message.action === "string"), chat.stdout);
    assert.ok(
      lines.some((message) => message.action === "event"),
      `the mock's chat keeps flowing: ${chat.stdout}`,
    );

    assertOk(profile, "RESTREAM_MOCK=1 profile");
    assert.equal(profile.stderr, NOTICE_LINE);
    assert.match(profile.stdout, /^Username: gamenight$/m);

    assert.deepEqual(await listDir(home), [], "nothing was written under HOME");
    await assert.rejects(Deno.stat(join(home, ".config", "restream.io")), Deno.errors.NotFound);
  });
});

/** A server that answers 401 to anything (WebSocket handshakes too) and records what came. */
function trapServer(): { url: string; requests: string[]; close(): Promise<void> } {
  const requests: string[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    requests.push(`${req.method} ${new URL(req.url).pathname} ${req.headers.get("authorization")}`);
    return Response.json({ error: { message: "trap" } }, { status: 401 });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    close: () => server.shutdown(),
  };
}

Deno.test("e2e --mock: a corrupt token file and real-account variables are neither read nor used", async () => {
  await withFreshHome(async (home, baseEnv) => {
    const configDir = join(home, ".config", "restream.io");
    await Deno.mkdir(configDir, { recursive: true, mode: 0o700 });
    const tokensPath = join(configDir, "tokens.json");
    const corrupt = '{"version": 1, "tokens": {"https://api.restream.io": ';
    await Deno.writeTextFile(tokensPath, corrupt, { mode: 0o600 });
    const trap = trapServer();
    try {
      const wsUrl = trap.url.replace("http:", "ws:");
      const env = {
        ...baseEnv,
        RESTREAM_API_URL: trap.url,
        RESTREAM_STREAMING_WS_URL: `${wsUrl}/ws`,
        RESTREAM_CHAT_WS_URL: `${wsUrl}/ws`,
        RESTREAM_TOKEN: "real-account-token-0123456789",
        RESTREAM_CLIENT_ID: "real-client-id",
        RESTREAM_CLIENT_SECRET: "real-client-secret-0123456789",
        RESTREAM_CONFIG_DIR: configDir,
        RESTREAM_CONFIG_PATH: configDir,
      };
      // The control: without --mock the same environment does reach the trap.
      const real = await runProcess(["profile"], { env });
      assert.equal(real.code, 3, real.stderr);
      assert.equal(trap.requests.length, 1, trap.requests.join("\n"));
      trap.requests.length = 0;

      const [profile, chat, status] = await Promise.all([
        runProcess(["--mock", "profile", "-v"], { env }),
        runProcess(["--mock", "monitor", "chat", "--duration", "1", "--json"], { env }),
        runProcess(["auth", "status", "--json"], { env: { ...env, RESTREAM_MOCK: "true" } }),
      ]);
      assertOk(profile, "--mock profile");
      assert.match(profile.stdout, /^Username: gamenight$/m);
      assert.ok(!profile.stderr.includes(trap.url), "-v shows requests to the mock only");
      assert.ok(!profile.stderr.includes("real-"), profile.stderr);
      assertOk(chat, "--mock monitor chat");
      assertOk(status, "RESTREAM_MOCK=true auth status");
      assert.equal(JSON.parse(status.stdout).source, "memory");

      assert.deepEqual(trap.requests, [], "nothing reached the real API's stand-in");
      assert.equal(await Deno.readTextFile(tokensPath), corrupt, "the token file is untouched");
      assert.deepEqual(await listDir(configDir), ["tokens.json"], "no lock, no temp file");
    } finally {
      await trap.close();
    }
  });
});

/** The hidden fields of the mock's authorize form, unescaped. */
function hiddenFields(page: string): URLSearchParams {
  const unescape = (text: string): string =>
    text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const form = new URLSearchParams();
  for (
    const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)
  ) {
    form.append(unescape(name), unescape(value));
  }
  return form;
}

Deno.test("e2e --mock login --no-browser: the whole OAuth flow against the mock's authorize page", async () => {
  await withFreshHome(async (home, baseEnv) => {
    const env = { ...baseEnv, RESTREAM_CLIENT_ID: "real-client-id" };
    const cli = spawnCli(["--mock", "login", "--no-browser", "--port", "0", "--json"], { env });
    try {
      const [, href] = await cli.waitForStderr(AUTHORIZE_URL_PATTERN);
      const authorize = new URL(href);
      assert.equal(authorize.searchParams.get("client_id"), "mock-client-id");
      const page = await fetch(authorize);
      const html = await page.text();
      assert.equal(page.status, 200, html);
      assert.match(html, /id="approve"/);

      const form = hiddenFields(html);
      form.set("decision", "approve");
      const decided = await fetch(new URL("/login", authorize), {
        method: "POST",
        body: form,
        redirect: "manual",
      });
      await decided.body?.cancel();
      assert.equal(decided.status, 302);
      const callback = new URL(decided.headers.get("location")!);
      assert.equal(callback.searchParams.get("state"), authorize.searchParams.get("state"));
      const landed = await fetch(callback);
      assert.match(await landed.text(), /Logged in/);

      const result = await cli.done();
      assertOk(result, "--mock login");
      const document = JSON.parse(result.stdout);
      assert.equal(document.loggedIn, true);
      assert.equal(document.username, "gamenight");
      assert.equal(document.origin, authorize.origin);
      assert.equal(result.stderr.split(MOCK_NOTICE).length, 2, "the notice once");
    } finally {
      await cli.close();
    }
    assert.deepEqual(await listDir(home), [], "the tokens stayed in memory");
  });
});

Deno.test("e2e --mock under the README's narrow permissions: no config dir, no temp dir needed", async () => {
  await withFreshHome(async (home, env, cwd) => {
    const permissions = permissionFlags({ configDir: join(home, ".config", "restream.io") });
    assert.ok(!permissions.includes("-A"));
    const [channels, chat, events, status, preset] = await Promise.all([
      runProcess(["--mock", "channel", "list", "--json"], { env, permissions, cwd }),
      runProcess(["--mock", "monitor", "chat", "--duration", "2", "--json"], {
        env,
        permissions,
        cwd,
      }),
      runProcess(["event", "list"], { env: { ...env, RESTREAM_MOCK: "1" }, permissions, cwd }),
      runProcess(["--mock", "status", "--health", "--json"], { env, permissions, cwd }),
      // Presets too stay in memory: a write anywhere would be refused or show up in cwd.
      runProcess(["--mock", "preset", "save", "show", "--json"], { env, permissions, cwd }),
    ]);
    assertOk(channels, "channel list");
    assert.equal(channels.stderr, NOTICE_LINE);
    assert.ok(JSON.parse(channels.stdout).length >= 3);
    assertOk(chat, "monitor chat");
    assert.ok(chat.stdout.length > 0);
    assertOk(events, "event list");
    assert.match(events.stdout, /^ID\tSTATUS\tTITLE/);
    assertOk(status, "status --health");
    assert.equal(JSON.parse(status.stdout).account.username, "gamenight");
    assertOk(preset, "preset save");
    assert.equal(preset.stderr.split(MOCK_NOTICE).length, 2, preset.stderr);
    assert.deepEqual(await listDir(home), []);
    assert.deepEqual(await listDir(cwd), []);
  });
});

Deno.test({
  name: "e2e --mock monitor streaming --live: Ctrl+C after the first update exits 0 with a summary",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await withFreshHome(async (home, env) => {
      const cli = spawnCli(["--mock", "monitor", "streaming", "--live"], { env });
      try {
        await cli.waitForStdout(/\n/, STEP_TIMEOUT_MS);
        cli.child.kill("SIGINT");
        const { code, stdout, stderr } = await cli.done(STEP_TIMEOUT_MS);
        assert.equal(code, 0, stderr);
        // Piped, --live prints line by line: the mock's encoder and channels with their bitrate.
        assert.match(stdout, /encoder +\d+ kbps/);
        assert.match(stdout, /channel 1030301 \(Twitch\) +CONNECTED +\d+ kbps/);
        assert.match(stderr, new RegExp(`^${MOCK_NOTICE.replace(/[()]/g, "\\$&")}$`, "m"));
        assert.match(stderr, /^monitor streaming: \d+ updates?, 0 reconnects, \d+\.\d s$/m);
        assert.deepEqual(await listDir(home), []);
      } finally {
        await cli.close();
      }
    });
  },
});

Deno.test("e2e README quick start: the first command runs --mock on a fresh machine; the account path repeats it", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  const quickStart = readme.slice(readme.indexOf("## Quick start"));
  const blocks = [...quickStart.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].split("\n"));
  const prefix = "npm ci --prefix .tools && .tools/node_modules/.bin/deno run -A cli.ts ";
  const first = blocks[0][0];
  assert.ok(first.startsWith(`${prefix}--mock `), first);
  assert.match(
    blocks[0][1],
    /^npm ci --prefix \.tools && \.tools\/node_modules\/\.bin\/deno task test\b/,
  );
  const args = first.slice(prefix.length).replace(/#.*$/, "").trim().split(/\s+/);
  // The real-account path: login, then the same command without --mock.
  const account = blocks[1].filter((line) => line.includes("cli.ts"));
  assert.match(account[0], /cli\.ts login\b/);
  assert.ok(account[1].trim().endsWith(`cli.ts ${args.slice(1).join(" ")}`), account[1]);

  await withFreshHome(async (home, env) => {
    const result = await runProcess(args, { env });
    assertOk(result, args.join(" "));
    assert.equal(result.stderr, NOTICE_LINE);
    assert.ok(result.stdout.length > 0);
    assert.deepEqual(await listDir(home), []);
  });
});
