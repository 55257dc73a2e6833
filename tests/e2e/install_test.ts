/**
 * The install paths of the README, end to end against the mock server: `deno install -g` from
 * this checkout into a temporary root, and `deno task bundle`'s single file run from another
 * directory; both with the narrow permission flags, never `-A`.
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { permissionFlags } from "../../scripts/permissions.ts";
import { stableUuid } from "../../src/mock/ids.ts";
import { withMock } from "../support/mock.ts";
import { runProcess, runProgram, spawnCli } from "../support/subprocess.ts";
import { outputWithin, STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { withTempDir } from "../support/temp_dir.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/** The Deno cache of this machine, so the installed command finds its npm packages offline. */
async function denoDir(): Promise<string> {
  const out = await outputWithin(Deno.execPath(), { args: ["info", "--json"] });
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

Deno.test("e2e install: deno install -g from the checkout gives a working restream", async () => {
  await withTempDir(async (dir) => {
    const home = join(dir, "home");
    const cwd = join(dir, "work");
    await Deno.mkdir(cwd, { recursive: true });
    const permissions = permissionFlags({ configDir: join(home, ".config", "restream.io") });
    const install = await outputWithin(Deno.execPath(), {
      args: [
        "install",
        "-g",
        "--root",
        join(dir, "root"),
        "-n",
        "restream",
        "--config",
        join(ROOT, "deno.json"),
        ...permissions,
        "--quiet",
        join(ROOT, "cli.ts"),
      ],
      cwd,
      stdout: "piped",
      stderr: "piped",
    });
    assert.ok(install.success, new TextDecoder().decode(install.stderr));

    const bin = join(dir, "root", "bin", Deno.build.os === "windows" ? "restream.cmd" : "restream");
    const shim = await Deno.readTextFile(bin);
    // Relative permission paths stay relative: `.` is where the command runs, not the checkout.
    assert.match(shim, /--allow-write=\.,/);
    assert.doesNotMatch(shim, /(^|\s)-A(\s|$)|--allow-all/);

    await withMock({}, async (mock) => {
      const env = {
        PATH: dirname(Deno.execPath()),
        DENO_DIR: await denoDir(),
        HOME: home,
        RESTREAM_API_URL: mock.apiUrl,
        RESTREAM_TOKEN: mock.token,
      };
      const platforms = await runProgram(bin, ["platforms", "--json"], { env, cwd });
      assert.equal(platforms.code, 0, platforms.stderr);
      assert.equal(JSON.parse(platforms.stdout)[0].name, "Twitch");
      // `--allow-write=.` means the directory the installed command runs in.
      const download = await runProgram(
        bin,
        ["storage", "download", stableUuid("file-1"), "-o", "video.mp4"],
        { env, cwd },
      );
      assert.equal(download.code, 0, download.stderr);
      assert.ok((await Deno.stat(join(cwd, "video.mp4"))).size > 0);
    });
  });
});

Deno.test("e2e bundle: deno task bundle gives one file that runs anywhere, dynamic imports included", async () => {
  await withTempDir(async (dir) => {
    const task = await outputWithin(Deno.execPath(), {
      args: ["task", "--quiet", "bundle"],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    });
    assert.ok(task.success, new TextDecoder().decode(task.stderr));
    // Run a copy from a directory with no deno.json and no node_modules near it.
    const script = join(dir, "restream.js");
    await Deno.copyFile(join(ROOT, "dist", "restream.js"), script);
    const home = join(dir, "home");
    const permissions = permissionFlags({ configDir: join(home, ".config", "restream.io") });

    // `mock serve` loads the mock server by a dynamic import: it must be in the bundle.
    const serve = spawnCli(["mock", "serve", "--port", "0", "--json"], {
      script,
      permissions,
      env: { HOME: home },
      cwd: dir,
    });
    try {
      const [, line] = await serve.waitForStdout(/^(.*)\n/, STEP_TIMEOUT_MS);
      const exported = JSON.parse(line);
      const env = {
        HOME: home,
        RESTREAM_API_URL: exported.RESTREAM_API_URL,
        RESTREAM_TOKEN: exported.RESTREAM_TOKEN,
      };
      const run = (args: string[], extra: Record<string, string> = {}) =>
        runProcess(args, { script, permissions, env: { ...env, ...extra }, cwd: dir });
      const [platforms, profile, login] = await Promise.all([
        run(["platforms", "--json"]),
        run(["profile", "--json"]),
        // `login` is loaded by a dynamic import too: it gets as far as listening.
        run(["login", "--no-browser", "--port", "0", "--timeout", "0.2"], {
          RESTREAM_CLIENT_ID: "id",
          RESTREAM_CLIENT_SECRET: "secret",
        }),
      ]);
      assert.equal(platforms.code, 0, platforms.stderr);
      assert.equal(JSON.parse(platforms.stdout)[0].name, "Twitch");
      assert.equal(profile.code, 0, profile.stderr);
      assert.equal(login.code, 3, login.stderr);
      assert.match(login.stderr, /login timed out/);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.done(STEP_TIMEOUT_MS).finally(() => serve.close());
    }
  });
});
