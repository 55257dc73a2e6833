import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireLock } from "../../src/auth/lock.ts";
import { RestreamError } from "../../src/errors.ts";
import { deadline, signal } from "../support/deadline.ts";
import { withTempDir } from "../support/temp_dir.ts";

Deno.test("lock: a second holder waits until the first releases", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "tokens.json.lock");
    const first = await acquireLock(path, { pollMs: 5 });
    const content = JSON.parse(await Deno.readTextFile(path));
    assert.equal(content.pid, Deno.pid);
    let secondHeld = false;
    // The third clock reading comes after an attempt that failed: the second is waiting.
    const waiting = signal();
    let readings = 0;
    const now = (): number => {
      if (++readings === 3) waiting.resolve();
      return Date.now();
    };
    const second = acquireLock(path, { pollMs: 5, now }).then((lock) => {
      secondHeld = true;
      return lock;
    });
    await deadline(waiting.promise, "the second holder's failed attempt");
    assert.equal(secondHeld, false);
    await first.release();
    const lock = await second;
    assert.equal(secondHeld, true);
    await lock.release();
    await lock.release();
    assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);
  });
});

Deno.test("lock: a lock left by a crash (not touched for staleMs) is taken over", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "l.lock");
    // Our own pid counts as alive: only the age can make this lock stale.
    await Deno.writeTextFile(path, JSON.stringify({ pid: Deno.pid, createdAt: 0 }));
    const old = new Date(Date.now() - 120_000);
    await Deno.utime(path, old, old);
    const lock = await acquireLock(path, { pollMs: 5, staleMs: 30_000 });
    assert.equal(JSON.parse(await Deno.readTextFile(path)).pid, Deno.pid);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["l.lock"]);
    await lock.release();
  });
});

Deno.test({
  name: "lock: a fresh lock whose owner is gone (Linux: no /proc entry) is taken over",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "l.lock");
      const child = new Deno.Command("true").spawn();
      const { pid } = child;
      await deadline(child.status, "the `true` process's end");
      await Deno.writeTextFile(path, JSON.stringify({ pid, createdAt: Date.now() }));
      const lock = await acquireLock(path, { pollMs: 5, timeoutMs: 2_000 });
      // Taken over at once (the stale age is 30 s), and now ours; nothing left aside.
      assert.deepEqual(JSON.parse(await Deno.readTextFile(path)).pid, Deno.pid);
      assert.notEqual(pid, Deno.pid);
      assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["l.lock"]);
      await lock.release();
      assert.deepEqual([...Deno.readDirSync(dir)], []);
    });
  },
});

Deno.test("lock: a live holder makes others time out with a clear auth error", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "l.lock");
    const held = await acquireLock(path);
    try {
      await assert.rejects(acquireLock(path, { pollMs: 5, timeoutMs: 30 }), (error) => {
        assert.ok(error instanceof RestreamError);
        assert.equal(error.kind, "auth");
        assert.match(error.message, /timed out waiting for the token lock/);
        return true;
      });
    } finally {
      await held.release();
    }
  });
});

Deno.test("lock: aborting the wait is an interrupted error", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "l.lock");
    const held = await acquireLock(path);
    const controller = new AbortController();
    const waiting = acquireLock(path, { pollMs: 5, signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, (error) => {
      assert.ok(error instanceof RestreamError);
      assert.equal(error.kind, "interrupted");
      assert.equal(error.message, "cancelled while waiting for the token lock");
      return true;
    });
    await held.release();
  });
});

Deno.test("lock: the holder keeps the lock fresh, so a long hold is not judged stale", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "l.lock");
    const held = await acquireLock(path, { staleMs: 300 });
    try {
      // Make the held lock look two minutes old, as after a long hold, then wait for the
      // holder's heartbeat to touch it again.
      const aged = JSON.stringify({ pid: Deno.pid, createdAt: 0 });
      await Deno.writeTextFile(path, aged);
      const old = new Date(Date.now() - 120_000);
      await Deno.utime(path, old, old);
      await deadline(
        (async () => {
          while ((await Deno.stat(path)).mtime!.getTime() <= old.getTime()) {
            await new Promise((r) => setTimeout(r, 10));
          }
        })(),
        "the holder's heartbeat touching the lock",
        10_000,
      );
      await assert.rejects(acquireLock(path, { staleMs: 60_000, pollMs: 5, timeoutMs: 50 }), (
        error,
      ) => {
        assert.ok(error instanceof RestreamError);
        assert.equal(error.kind, "auth");
        assert.match(error.message, /timed out waiting for the token lock/);
        return true;
      });
      assert.equal(await Deno.readTextFile(path), aged, "the held lock was not taken over");
    } finally {
      await held.release();
    }
  });
});
