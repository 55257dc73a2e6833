/**
 * The CLI under exactly the README's permission flags (scripts/permissions.ts), never `-A`,
 * against the mock server; and with one permission taken away, a one-line message that names
 * the flag, exit 2, no stack trace.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { CHECKOUT_DIR, permissionFlags } from "../../scripts/permissions.ts";
import { stableUuid } from "../../src/mock/ids.ts";
import type { MockServer } from "../../src/mock/types.ts";
import { withMock } from "../support/mock.ts";
import { type ProcessResult, runProcess, spawnCli } from "../support/subprocess.ts";
import { STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { AUTHORIZE_URL_PATTERN } from "../support/login_flow.ts";
import { withTempDir } from "../support/temp_dir.ts";

/** A seeded storage file that is ready to download. */
const READY_FILE = stableUuid("file-1");

/** A fresh HOME (config dir inside it) and working directory for one test. */
function withDirs(fn: (home: string, cwd: string) => Promise<void>): Promise<void> {
  return withTempDir((home) => withTempDir((cwd) => fn(home, cwd)));
}

function configDirOf(home: string): string {
  return join(home, ".config", "restream.io");
}

function baseEnv(mock: MockServer, home: string): Record<string, string> {
  return { HOME: home, RESTREAM_API_URL: mock.apiUrl, RUST_BACKTRACE: "1" };
}

/** One line on stderr, the clear permission message: never a stack trace. */
function assertDenied(result: ProcessResult, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /^error: permission denied: [^\n]+\n$/);
  assert.match(result.stderr, pattern);
}

Deno.test("e2e permissions: the README flags run the public, account and download commands", async () => {
  await withMock({}, async (mock) => {
    await withDirs(async (home, cwd) => {
      const permissions = permissionFlags({ configDir: configDirOf(home) });
      assert.ok(!permissions.includes("-A") && !permissions.includes("--allow-all"));
      const env = baseEnv(mock, home);
      const run = (args: string[], extra: Record<string, string> = {}) =>
        runProcess(args, { permissions, env: { ...env, ...extra }, cwd });

      const withToken = { RESTREAM_TOKEN: mock.token };
      // Independent runs, started together to keep the test short.
      const [platforms, status, profile, channels, download, outside, input] = await Promise.all([
        run(["platforms", "--json"]),
        run(["auth", "status", "--json"]),
        run(["profile", "--json"], withToken),
        run(["channel", "list", "--json"], withToken),
        // `.` in --allow-write is the directory the command runs in.
        run(["storage", "download", READY_FILE, "-o", "video.mp4"], withToken),
        // Outside the working directory and the config directory: refused, clearly.
        run(["storage", "download", READY_FILE, "-o", join(home, "video.mp4")], withToken),
        run(["api", "-X", "POST", "/user/events", "--input", join(home, "body.json")], withToken),
      ]);
      assert.equal(platforms.code, 0, platforms.stderr);
      assert.ok(JSON.parse(platforms.stdout).length > 0);

      assert.equal(status.code, 3, status.stderr);
      assert.deepEqual(JSON.parse(status.stdout), { loggedIn: false });

      assert.equal(profile.code, 0, profile.stderr);
      assert.equal(JSON.parse(profile.stdout).username, "gamenight");

      assert.equal(channels.code, 0, channels.stderr);
      assert.ok(JSON.parse(channels.stdout).length > 0);

      assert.equal(download.code, 0, download.stderr);
      assert.ok((await Deno.stat(join(cwd, "video.mp4"))).size > 0);

      assertDenied(
        outside,
        /access to "[^"]+video\.mp4", run again with the --allow-(read|write) flag/,
      );
      assertDenied(
        input,
        /Requires read access to "[^"]+body\.json", run again with the --allow-read flag/,
      );
    });
  });
});

Deno.test("e2e permissions: login listens on loopback and stores tokens in the config dir", async () => {
  await withMock({ autoApprove: true }, async (mock) => {
    await withDirs(async (home, cwd) => {
      const permissions = permissionFlags({ configDir: configDirOf(home) });
      const env = {
        ...baseEnv(mock, home),
        NO_COLOR: "1",
        RESTREAM_CLIENT_ID: mock.clientId,
        RESTREAM_CLIENT_SECRET: mock.clientSecret,
      };
      const login = spawnCli(["login", "--no-browser", "--port", "0"], { permissions, env, cwd });
      try {
        const [, authorize] = await login.waitForStderr(AUTHORIZE_URL_PATTERN, STEP_TIMEOUT_MS);
        // The "browser": approve (the mock redirects at once), then follow to the callback.
        const approved = await fetch(authorize, { redirect: "manual" });
        await approved.body?.cancel();
        const callback = await fetch(approved.headers.get("location")!);
        assert.equal(callback.status, 200);
        await callback.body?.cancel();
        const { code, stderr } = await login.done(STEP_TIMEOUT_MS);
        assert.equal(code, 0, stderr);
      } finally {
        await login.close();
      }

      const tokens = JSON.parse(await Deno.readTextFile(join(configDirOf(home), "tokens.json")));
      assert.ok(tokens.tokens[mock.apiUrl].accessToken);
      const profile = await runProcess(["profile", "--json"], { permissions, env, cwd });
      assert.equal(profile.code, 0, profile.stderr);
    });
  });
});

Deno.test("e2e permissions: under the README flags a config directory open to others is tightened", async () => {
  await withMock({}, async (mock) => {
    await withDirs(async (home, cwd) => {
      const dir = configDirOf(home);
      await Deno.mkdir(dir, { recursive: true });
      await Deno.chmod(dir, 0o775);
      const result = await runProcess(["auth", "status"], {
        permissions: permissionFlags({ configDir: dir }),
        env: baseEnv(mock, home),
        cwd,
      });
      assert.equal(result.code, 3, result.stderr);
      assert.match(
        result.stderr,
        /^note: the config directory .+ had mode 0775 \(open to other users\); tightened it to 0700$/m,
      );
      assert.equal(Deno.statSync(dir).mode! & 0o777, 0o700);
    });
  });
});

Deno.test("e2e permissions: a permission taken away is one clear line naming its flag", async () => {
  await withMock({}, async (mock) => {
    await withDirs(async (home, cwd) => {
      const full = permissionFlags({ configDir: configDirOf(home) });
      const env = baseEnv(mock, home);
      const without = (prefix: string, replacement?: string): string[] =>
        full.flatMap((flag) =>
          flag.startsWith(prefix) ? (replacement === undefined ? [] : [replacement]) : [flag]
        );

      // A token file in the config directory, so reading and locking it are both reached.
      await Deno.mkdir(configDirOf(home), { recursive: true });
      await Deno.writeTextFile(join(configDirOf(home), "tokens.json"), "{}", { mode: 0o600 });
      const run = (args: string[], permissions: string[]) =>
        runProcess(args, { permissions, env, cwd });
      const [net, read, write, envDenied] = await Promise.all([
        // No loopback in --allow-net: the mock cannot be reached.
        run(["platforms"], without("--allow-net", "--allow-net=api.restream.io")),
        // The config directory outside the readable paths: the token store says so, not "corrupt".
        // (The checkout stays readable: its modules load lazily.)
        run(["profile", "--json"], without("--allow-read", `--allow-read=.,${CHECKOUT_DIR}`)),
        // Read allowed, write not: logout cannot take the lock.
        run(["logout"], without("--allow-write", "--allow-write=.")),
        // A variable the CLI reads but may not: named, not taken as "unset".
        run(["auth", "status"], without("--allow-env", "--allow-env=RESTREAM_*")),
      ]);
      assertDenied(
        net,
        /Requires net access to "127\.0\.0\.1:\d+", run again with the --allow-net flag/,
      );
      assert.equal(read.code, 2, read.stderr);
      const error = JSON.parse(read.stderr).error;
      assert.equal(error.kind, "usage");
      assert.match(
        error.message,
        // The config directory is checked (is it private?) before its token file is read.
        /^permission denied: Requires read access to ".+restream\.io", run again with the --allow-read flag$/,
      );
      assertDenied(write, /Requires write access to ".+", run again with the --allow-write flag/);
      assertDenied(
        envDenied,
        /Requires env access to "[A-Z_]+", run again with the --allow-env flag/,
      );
    });
  });
});
