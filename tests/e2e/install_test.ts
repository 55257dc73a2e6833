/**
 * The install paths of the README, end to end against the mock server, with the narrow
 * permission flags, never `-A`: `deno install -g` from this checkout into a temporary root;
 * `deno task bundle`'s directory (what JSR publishes as `jsr:@restream/cli/cli`) copied and run
 * from elsewhere; and that bundle installed from a URL, as from JSR, then run offline.
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { bundle, BUNDLE_DIR } from "../../scripts/bundle.ts";
import { LAZY_IMPORTS_FLAG, permissionFlags } from "../../scripts/permissions.ts";
import { stableUuid } from "../../src/mock/ids.ts";
import { withMock } from "../support/mock.ts";
import { runProcess, runProgram, spawnCli } from "../support/subprocess.ts";
import { outputWithin, STEP_TIMEOUT_MS } from "../support/deadline.ts";
import { installFromUrl } from "../support/served_install.ts";
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

/** Copies the files of a directory (no subdirectories: the bundle has none). */
async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

Deno.test("e2e bundle: deno task bundle writes the published CLI; a copy runs anywhere, its dynamically imported chunks included", async () => {
  await withTempDir(async (dir) => {
    const task = await outputWithin(Deno.execPath(), {
      args: ["task", "--quiet", "bundle"],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    });
    assert.ok(task.success, new TextDecoder().decode(task.stderr));
    // Run a copy from a directory with no deno.json and no node_modules near it.
    const bundleDir = join(dir, "cli");
    await copyDir(join(ROOT, BUNDLE_DIR), bundleDir);
    const script = join(bundleDir, "cli.js");
    assert.match(await Deno.readTextFile(script), /^\/\* @ts-self-types="\.\/cli\.d\.ts" \*\//);
    assert.ok((await Deno.stat(join(bundleDir, "cli.d.ts"))).isFile);
    // Everything is inside: no chunk imports a Node module or an npm package.
    for await (const entry of Deno.readDir(bundleDir)) {
      const code = await Deno.readTextFile(join(bundleDir, entry.name));
      assert.doesNotMatch(
        code,
        /\bimport\s*\(?\s*["'](node|npm):|from\s*["'](node|npm):/,
        entry.name,
      );
    }
    const home = join(dir, "home");
    // The copy's own directory is readable: that is where its chunks are read from.
    const permissions = [
      LAZY_IMPORTS_FLAG,
      ...permissionFlags({ configDir: join(home, ".config", "restream.io"), sourceDir: bundleDir }),
    ];

    // `mock serve` loads the mock server by a dynamic import: its chunk is read then.
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

Deno.test("e2e install from a URL, as from JSR: install caches every chunk; the command then runs offline, reading no module file", async () => {
  await withTempDir(async (dir) => {
    const bundleDir = join(dir, "served");
    await bundle(ROOT, bundleDir);
    const home = join(dir, "home");
    const cwd = join(dir, "work");
    await Deno.mkdir(cwd, { recursive: true });
    // A cache of its own: only the install can have filled it.
    const env = { PATH: dirname(Deno.execPath()), DENO_DIR: join(dir, "deno"), HOME: home };
    const bin = await installFromUrl({
      bundleDir,
      root: join(dir, "root"),
      flags: [
        LAZY_IMPORTS_FLAG,
        // As for JSR, whose modules are remote: no read permission for them.
        ...permissionFlags({ configDir: join(home, ".config", "restream.io"), sourceDir: null }),
      ],
      env,
      cwd,
    });
    assert.match(await Deno.readTextFile(bin), /--unstable-lazy-dynamic-imports/);
    // `--mock` loads the mock's chunks lazily: cached by the install too (nothing serves them now).
    const status = await runProgram(bin, ["--mock", "status"], { env, cwd });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^Account: +gamenight/m);
    await withMock({}, async (mock) => {
      const api = { ...env, RESTREAM_API_URL: mock.apiUrl, RESTREAM_TOKEN: mock.token };
      const [platforms, channels] = await Promise.all([
        runProgram(bin, ["platforms", "--json"], { env: api, cwd }),
        runProgram(bin, ["channel", "list"], { env: api, cwd }),
      ]);
      assert.equal(platforms.code, 0, platforms.stderr);
      assert.equal(JSON.parse(platforms.stdout)[0].name, "Twitch");
      assert.equal(channels.code, 0, channels.stderr);
      // Piped: one tab-separated line per channel, platform names from the platform list.
      assert.match(channels.stdout, /^\d+\tTwitch\t/m);
    });
  });
});
