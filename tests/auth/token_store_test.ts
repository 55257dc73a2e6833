import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { rejects } from "../support/rejects.ts";
import { deadline } from "../support/deadline.ts";
import { withTempDir } from "../support/temp_dir.ts";

const REAL = "https://api.restream.io";
const MOCK = "http://127.0.0.1:8080";
const POSIX = Deno.build.os !== "windows";

const RECORD = {
  accessToken: "access-1",
  refreshToken: "refresh-1",
  expiresAt: "2026-01-01T01:00:00.000Z",
  scopes: ["profile.read"],
};

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  return withTempDir((base) => fn(join(base, "config", "restream.io")));
}

function mode(path: string): number {
  return Deno.statSync(path).mode! & 0o777;
}

Deno.test("store: round trip, directory 0700 and file 0600, format version, lock removed", async () => {
  await withDir(async (dir) => {
    const store = new TokenStore({ dir });
    assert.equal(await store.get(REAL), undefined);
    await store.set(REAL, RECORD);
    assert.deepEqual(await store.get(`${REAL}/`), RECORD);
    const file = JSON.parse(await Deno.readTextFile(store.path));
    assert.equal(file.version, 1);
    assert.deepEqual(file.tokens[REAL], RECORD);
    if (POSIX) {
      assert.equal(mode(dir), 0o700);
      assert.equal(mode(store.path), 0o600);
    }
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["tokens.json"]);
  });
});

Deno.test("store: tokens are kept per API origin; deleting one leaves the other", async () => {
  await withDir(async (dir) => {
    const store = new TokenStore({ dir });
    await store.set(REAL, RECORD);
    await store.set(MOCK, { ...RECORD, accessToken: "mock-access" });
    assert.equal((await store.get(REAL))?.accessToken, "access-1");
    assert.equal((await store.get(MOCK))?.accessToken, "mock-access");
    assert.equal(await store.get("http://localhost:8080"), undefined);
    assert.equal(await store.delete(MOCK), true);
    assert.equal(await store.delete(MOCK), false);
    assert.equal((await store.get(REAL))?.accessToken, "access-1");
  });
});

Deno.test({
  name: "store: a file readable by others is reported and tightened to 0600",
  ignore: !POSIX,
  fn: async () => {
    await withDir(async (dir) => {
      const notices: string[] = [];
      const store = new TokenStore({ dir, onNotice: (m) => notices.push(m) });
      await store.set(REAL, RECORD);
      await Deno.chmod(store.path, 0o644);
      assert.deepEqual(await store.get(REAL), RECORD);
      assert.equal(mode(store.path), 0o600);
      assert.equal(notices.length, 1);
      assert.match(notices[0], /mode 0644.*tightened it to 0600/);
    });
  },
});

Deno.test("store: corrupt, partial, empty or malformed files: auth error naming the file, no secret, file kept", async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ["not JSON", "access-secret garbage", /is not valid JSON/],
    [
      "partial",
      '{"version":1,"tokens":{"https://api.restream.io":{"accessToken":"access-sec',
      /is not valid JSON/,
    ],
    ["empty", "", /is empty/],
    [
      "wrong field type",
      '{"version":1,"tokens":{"x":{"accessToken":"access-secret","scopes":"nope"}}}',
      /malformed at "tokens\.x\.scopes"/,
    ],
    ["newer version", '{"version":2,"tokens":{}}', /format version 2/],
  ];
  for (const [name, text, message] of cases) {
    await t.step(name, async () => {
      await withDir(async (dir) => {
        await Deno.mkdir(dir, { recursive: true });
        const store = new TokenStore({ dir });
        await Deno.writeTextFile(store.path, text, { mode: 0o600 });
        const error = await rejects(store.get(REAL));
        assert.equal(error.kind, "auth");
        assert.match(error.message, message);
        assert.ok(error.message.includes(store.path));
        assert.match(error.message, /left in place/);
        assert.ok(!error.message.includes("secret"), error.message);
        assert.equal(await Deno.readTextFile(store.path), text, "the file is kept as it was");
        await rejects(store.set(REAL, RECORD));
        assert.equal(await Deno.readTextFile(store.path), text, "a write does not replace it");
      });
    });
  }
});

Deno.test("store: the older Python CLI's tokens.json is migrated once, with one notice", async () => {
  await withDir(async (dir) => {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    const notices: string[] = [];
    const store = new TokenStore({ dir, onNotice: (m) => notices.push(m) });
    const legacy = { access_token: "old-a", refresh_token: "old-r", expires_at: 1767229200 };
    await Deno.writeTextFile(store.path, JSON.stringify(legacy), { mode: 0o600 });
    // Another origin's first use still migrates the file, and finds nothing of its own.
    assert.equal(await store.get(MOCK), undefined);
    assert.deepEqual(await store.get(REAL), {
      accessToken: "old-a",
      refreshToken: "old-r",
      expiresAt: "2026-01-01T01:00:00.000Z",
      scopes: [],
    });
    assert.equal(notices.length, 1);
    assert.match(notices[0], /migrated .*tokens\.json.*older restream\.io CLI/);
    assert.equal(JSON.parse(await Deno.readTextFile(store.path)).version, 1);
    if (POSIX) assert.equal(mode(store.path), 0o600);
  });
});

Deno.test("store: a failed rename leaves the old file intact and no temp file behind", async () => {
  await withDir(async (dir) => {
    await new TokenStore({ dir }).set(REAL, RECORD);
    const store = new TokenStore({
      dir,
      rename: () => Promise.reject(new Error("disk full")),
    });
    const before = await Deno.readTextFile(store.path);
    const error = await rejects(store.set(REAL, { ...RECORD, accessToken: "access-2" }));
    assert.equal(error.kind, "auth");
    assert.match(error.message, /cannot write the token file/);
    assert.equal(await Deno.readTextFile(store.path), before);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["tokens.json"]);
  });
});

Deno.test("store: a writer killed between writing and renaming leaves the old file whole", async () => {
  await withDir(async (dir) => {
    const store = new TokenStore({ dir });
    await store.set(REAL, RECORD);
    const before = await Deno.readTextFile(store.path);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        new URL("../support/store_writer.ts", import.meta.url).pathname,
        dir,
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = child.stdout.getReader();
    const { value } = await deadline(reader.read(), "the writer's 'ready'").catch((error) => {
      child.kill("SIGKILL");
      throw error;
    });
    assert.equal(new TextDecoder().decode(value), "ready\n");
    child.kill("SIGKILL");
    await deadline(child.status, "the killed writer's end");
    await reader.cancel();
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    const temp = names.find((n) => n.startsWith("tokens.json.tmp-"));
    assert.ok(temp, "the new content was written to a temp file");
    assert.match(await Deno.readTextFile(join(dir, temp)), /new-token/);
    assert.equal(await Deno.readTextFile(store.path), before, "tokens.json is the old file");
    assert.deepEqual(await store.get(REAL), RECORD);
    // The next write (under the lock) removes the dead writer's temp file.
    await store.set(MOCK, RECORD);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["tokens.json"]);
  });
});

Deno.test("store: a config directory that is a file is one auth error naming it, for every operation", async () => {
  await withDir(async (dir) => {
    const parent = join(dir, "..");
    await Deno.mkdir(parent, { recursive: true });
    await Deno.writeTextFile(dir, "not a directory");
    for (const path of [dir, join(dir, "sub")]) {
      const store = new TokenStore({ dir: path });
      const operations = [
        () => store.get(REAL),
        () => store.set(REAL, RECORD),
        () => store.delete(REAL),
      ];
      for (const operation of operations) {
        const error = await rejects(operation());
        assert.equal(error.kind, "auth");
        assert.match(error.message, /is not a directory/);
        assert.ok(error.message.includes(dir), error.message);
        assert.ok(!error.message.includes("os error"), error.message);
      }
    }
    assert.equal(await Deno.readTextFile(dir), "not a directory");
  });
});
