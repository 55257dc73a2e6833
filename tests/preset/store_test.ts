/**
 * Preset stores: the operations (once, in PresetStore) over memory and over presets.json,
 * kept per API origin and account; the file's mode, atomic writes under the token lock, and
 * clear errors for a corrupt file, which is left in place.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { FilePresetStore } from "../../src/preset/file_store.ts";
import { MemoryPresetStore, type PresetStore } from "../../src/preset/store.ts";
import { rejects } from "../support/rejects.ts";
import { outputWithin } from "../support/deadline.ts";
import { withTempDir } from "../support/temp_dir.ts";

const REAL = { origin: "https://api.restream.io", profileId: 42 };
const OTHER_ACCOUNT = { origin: "https://api.restream.io", profileId: 43 };
const MOCK = { origin: "http://127.0.0.1:12080", profileId: 42 };

function fileStore(dir: string, notices: string[] = []): FilePresetStore {
  return new FilePresetStore({
    tokens: new TokenStore({ dir, lock: { pollMs: 5 } }),
    onNotice: (message) => notices.push(message),
    now: () => Date.UTC(2026, 10, 28, 12),
  });
}

async function exerciseStore(store: PresetStore): Promise<void> {
  assert.deepEqual(await store.list(REAL), []);
  assert.equal(await store.save(REAL, { name: "b", channels: [2] }, false), "created");
  assert.equal(await store.save(REAL, { name: "a", channels: [1], title: "T" }, false), "created");
  assert.equal(await store.save(REAL, { name: "a", channels: [9] }, false), "exists");
  assert.deepEqual((await store.get(REAL, "a"))?.channels, [1], "not replaced without overwrite");
  assert.equal(await store.save(REAL, { name: "a", channels: [3] }, true), "replaced");
  assert.deepEqual((await store.list(REAL)).map((p) => [p.name, p.channels]), [
    ["a", [3]],
    ["b", [2]],
  ]);
  assert.equal((await store.get(REAL, "a"))?.updatedAt, "2026-11-28T12:00:00.000Z");

  // Other accounts and origins see none of them.
  assert.deepEqual(await store.list(OTHER_ACCOUNT), []);
  assert.deepEqual(await store.list(MOCK), []);
  await store.save(MOCK, { name: "a", channels: [100] }, false);
  assert.deepEqual((await store.get(REAL, "a"))?.channels, [3]);

  assert.equal(await store.rename(REAL, "b", "a", false), "exists");
  assert.equal(await store.rename(REAL, "zzz", "c", false), "missing");
  assert.equal(await store.rename(REAL, "b", "c", false), "renamed");
  assert.deepEqual((await store.list(REAL)).map((p) => p.name), ["a", "c"]);
  assert.equal((await store.get(REAL, "c"))?.name, "c");
  assert.equal(await store.rename(REAL, "c", "a", true), "renamed");
  assert.deepEqual((await store.get(REAL, "a"))?.channels, [2]);

  assert.equal(await store.delete(REAL, "a"), true);
  assert.equal(await store.delete(REAL, "a"), false);
  assert.deepEqual(await store.list(REAL), []);
  assert.equal(await store.get(REAL, "toString"), undefined, "no inherited names");
  assert.deepEqual((await store.list(MOCK)).map((p) => p.channels), [[100]]);
}

Deno.test("MemoryPresetStore saves, lists, renames and deletes per account", async () => {
  await exerciseStore(new MemoryPresetStore(() => Date.UTC(2026, 10, 28, 12)));
});

Deno.test("FilePresetStore does the same in presets.json, 0600, with a version", async () => {
  await withTempDir(async (dir) => {
    await exerciseStore(fileStore(dir));
    const path = join(dir, "presets.json");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const file = JSON.parse(await Deno.readTextFile(path));
    assert.equal(file.version, 1);
    assert.deepEqual(Object.keys(file.presets), ["http://127.0.0.1:12080"]);
    // A fresh store (another process) reads the same.
    assert.deepEqual((await fileStore(dir).list(MOCK)).map((p) => p.name), ["a"]);
    const leftovers = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(leftovers, ["presets.json"], "no temp or lock files left");
  });
});

Deno.test("FilePresetStore: saves from several processes at once are all kept", async () => {
  await withTempDir(async (dir) => {
    const writer = new URL("../support/preset_writer.ts", import.meta.url).pathname;
    const children = ["p", "q", "r", "s"].map((prefix) =>
      outputWithin(Deno.execPath(), {
        args: ["run", "-A", "--quiet", writer, dir, prefix, "25"],
        stdout: "null",
        stderr: "piped",
      })
    );
    for (const result of await Promise.all(children)) {
      assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
    }
    const names = (await fileStore(dir).list(REAL)).map((p) => p.name);
    assert.equal(names.length, 100, names.join(","));
  });
});

Deno.test("FilePresetStore: a corrupt file is a clear error (exit 1) and is kept", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "presets.json");
    const cases: Array<[string, RegExp]> = [
      ["{not json", /is not valid JSON; it was left in place for inspection/],
      ["", /is empty/],
      ['{"version":1,"presets":[]}', /is malformed at "presets" \(expected a JSON object\)/],
      [
        '{"version":1,"presets":{"o":{"42":{"x":{"name":"x","channels":["a"]}}}}}',
        /is malformed at "presets\.o\.42\.x\.channels\[0\]"/,
      ],
      ['{"version":7,"presets":{}}', /newer than this restream understands/],
    ];
    for (const [text, message] of cases) {
      await Deno.writeTextFile(path, text, { mode: 0o600 });
      const error = await rejects(fileStore(dir).list(REAL));
      assert.equal(error.kind, "server");
      assert.match(error.message, message);
      assert.ok(error.message.includes(path), error.message);
      // Writes refuse too, and nothing is overwritten.
      await rejects(fileStore(dir).save(REAL, { name: "n", channels: [] }, false));
      assert.equal(await Deno.readTextFile(path), text);
    }
  });
});

Deno.test({
  name: "FilePresetStore tightens a file readable by others, with a notice",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "presets.json");
      await Deno.writeTextFile(path, '{"version":1,"presets":{}}');
      await Deno.chmod(path, 0o644);
      const notices: string[] = [];
      assert.deepEqual(await fileStore(dir, notices).list(REAL), []);
      assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
      assert.equal(notices.length, 1);
      assert.match(notices[0], /presets file .* had mode 0644/);
    });
  },
});
