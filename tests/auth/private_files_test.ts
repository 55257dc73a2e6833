/**
 * Where tokens may live (SPEC.md, "Hostile input", "Files"): a config directory open to
 * others is tightened only when it is the user's own and not shared; a symlinked token file
 * is written through only to a private target. Another user is played by an injected uid.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { runCapture } from "../support/cli.ts";
import { rejects } from "../support/rejects.ts";
import { withTempDir } from "../support/temp_dir.ts";

const REAL = "https://api.restream.io";
const RECORD = { accessToken: "access-1", refreshToken: "refresh-1", scopes: ["profile.read"] };
const POSIX = Deno.build.os !== "windows";
const SOMEONE_ELSE = () => Deno.uid()! + 4242;

async function dirWithMode(path: string, mode: number): Promise<string> {
  await Deno.mkdir(path, { recursive: true });
  await Deno.chmod(path, mode);
  return path;
}

function mode(path: string): number {
  return Deno.statSync(path).mode! & 0o7777;
}

function names(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

Deno.test({
  name: "files: a 0777 config directory of the user's own is tightened to 0700, with a notice",
  ignore: !POSIX,
  async fn() {
    await withTempDir(async (base) => {
      const dir = await dirWithMode(join(base, "config"), 0o777);
      const notices: string[] = [];
      const store = new TokenStore({ dir, onNotice: (m) => notices.push(m) });
      assert.equal(await store.get(REAL), undefined);
      assert.equal(mode(dir), 0o700);
      assert.deepEqual(notices, [
        `the config directory ${dir} had mode 0777 (open to other users); tightened it to 0700`,
      ]);
      await store.set(REAL, RECORD);
      assert.equal(notices.length, 1, "checked once per store");
      assert.equal((await store.get(REAL))?.accessToken, "access-1");
    });
  },
});

Deno.test({
  name: "files: a shared (sticky) or another user's open directory is refused, nothing written",
  ignore: !POSIX,
  async fn() {
    await withTempDir(async (base) => {
      const sticky = await dirWithMode(join(base, "shared"), 0o1777);
      const error = await rejects(new TokenStore({ dir: sticky }).set(REAL, RECORD));
      assert.equal(error.kind, "auth");
      assert.equal(
        error.message,
        `the config directory ${sticky} has mode 0777 and is shared (sticky bit): refusing to ` +
          "keep tokens there; set RESTREAM_CONFIG_DIR to a private directory",
      );
      assert.equal(mode(sticky), 0o1777, "never chmod a shared directory");
      assert.deepEqual(names(sticky), []);
      await rejects(new TokenStore({ dir: sticky }).get(REAL));

      const theirs = await dirWithMode(join(base, "theirs"), 0o755);
      const other = new TokenStore({ dir: theirs, uid: SOMEONE_ELSE });
      const refused = await rejects(other.set(REAL, RECORD));
      assert.match(refused.message, /has mode 0755 and belongs to another user: refusing/);
      assert.equal(mode(theirs), 0o755);
      assert.deepEqual(names(theirs), []);
      // A private directory needs no owner check: the one the user cannot read fails anyway.
      const fine = await dirWithMode(join(base, "fine"), 0o700);
      await new TokenStore({ dir: fine, uid: SOMEONE_ELSE }).set(REAL, RECORD);
    });
  },
});

Deno.test({
  name: "files: a symlinked token file is written through to a private target, atomically",
  ignore: !POSIX,
  async fn() {
    await withTempDir(async (base) => {
      const dir = await dirWithMode(join(base, "config"), 0o700);
      const vault = await dirWithMode(join(base, "vault"), 0o700);
      const target = join(vault, "restream-tokens.json");
      await Deno.writeTextFile(target, JSON.stringify({ version: 1, tokens: {} }), { mode: 0o600 });
      const store = new TokenStore({ dir });
      await Deno.symlink(target, store.path);
      const renames: string[][] = [];
      const writer = new TokenStore({
        dir,
        rename: (from, to) => {
          renames.push([from, to]);
          return Deno.rename(from, to);
        },
      });
      await writer.set(REAL, RECORD);
      assert.ok(Deno.lstatSync(store.path).isSymlink, "the link is kept");
      assert.equal(Deno.readLinkSync(store.path), target);
      assert.equal(JSON.parse(Deno.readTextFileSync(target)).tokens[REAL].accessToken, "access-1");
      assert.equal(mode(target), 0o600);
      assert.equal(renames.length, 1);
      assert.ok(renames[0][0].startsWith(`${target}.tmp-`), "temp file beside the target");
      assert.equal(renames[0][1], target);
      assert.deepEqual(names(vault), ["restream-tokens.json"]);
      assert.equal((await store.get(REAL))?.refreshToken, "refresh-1");
    });
  },
});

Deno.test({
  name: "files: a planted token link is refused, naming the link; its target is never touched",
  ignore: !POSIX,
  async fn(t) {
    const cases: Array<{
      name: string;
      targetDirMode: number;
      uid?: () => number;
      dangling?: boolean;
      /** Needs root: the target is chowned to `nobody`. */
      theirs?: boolean;
      message: RegExp;
    }> = [
      {
        name: "target of another user",
        targetDirMode: 0o700,
        theirs: true,
        message: /to .+, which belongs to another user/,
      },
      {
        name: "target dir writable by others",
        targetDirMode: 0o777,
        message: /other users can write/,
      },
      { name: "target dir group-writable", targetDirMode: 0o770, message: /other users can write/ },
      {
        name: "sticky /tmp-like target dir",
        targetDirMode: 0o1777,
        message: /other users can write/,
      },
      {
        name: "link of another user",
        targetDirMode: 0o700,
        uid: SOMEONE_ELSE,
        message: /that belongs to another user/,
      },
      { name: "dangling link", targetDirMode: 0o700, dangling: true, message: /to a missing file/ },
    ];
    for (const c of cases) {
      await t.step({
        name: c.name,
        ignore: c.theirs && Deno.uid() !== 0,
        fn: async () => {
          await withTempDir(async (base) => {
            const dir = await dirWithMode(join(base, "config"), 0o700);
            const drop = await dirWithMode(join(base, "drop"), c.targetDirMode);
            const target = join(drop, "loot.json");
            const original = JSON.stringify({ version: 1, tokens: {} });
            if (!c.dangling) await Deno.writeTextFile(target, original, { mode: 0o600 });
            if (c.theirs) await Deno.chown(target, 65534, 65534);
            const store = new TokenStore({ dir, uid: c.uid });
            await Deno.symlink(target, store.path);
            for (const attempt of [() => store.set(REAL, RECORD), () => store.get(REAL)]) {
              const error = await rejects(attempt());
              assert.equal(error.kind, "auth");
              assert.ok(
                error.message.startsWith(`the token file ${store.path} is a symbolic link`),
              );
              assert.match(error.message, c.message);
              assert.ok(!error.message.includes("access-1"));
            }
            if (c.dangling) {
              assert.deepEqual(names(drop), []);
            } else {
              assert.equal(Deno.readTextFileSync(target), original, "nothing written");
              assert.deepEqual(names(drop), ["loot.json"]);
            }
            assert.ok(Deno.lstatSync(store.path).isSymlink);
          });
        },
      });
    }
  },
});

Deno.test({
  name: "files: the CLI refuses a shared config directory with exit 3, naming it",
  ignore: !POSIX,
  async fn() {
    await withTempDir(async (base) => {
      const dir = await dirWithMode(join(base, "shared"), 0o1777);
      const result = await runCapture(["auth", "status"], {
        env: { RESTREAM_CONFIG_DIR: dir, RESTREAM_API_URL: "http://127.0.0.1:9" },
      });
      assert.equal(result.code, 3, result.stderr);
      assert.equal(
        result.stderr,
        `error: the config directory ${dir} has mode 0777 and is shared (sticky bit): refusing ` +
          "to keep tokens there; set RESTREAM_CONFIG_DIR to a private directory\n",
      );
    });
  },
});
