import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireLock } from "../../src/auth/lock.ts";
import { RestreamError } from "../../src/errors.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("lock: a second holder waits until the first releases", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "tokens.json.lock");
    const first = await acquireLock(path, { pollMs: 5 });
    const content = JSON.parse(await Deno.readTextFile(path));
    assert.equal(content.pid, Deno.pid);
    let secondHeld = false;
    const second = acquireLock(path, { pollMs: 5 }).then((lock) => {
      secondHeld = true;
      return lock;
    });
    await new Promise((r) => setTimeout(r, 40));
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
  await withDir(async (dir) => {
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
    await withDir(async (dir) => {
      const path = join(dir, "l.lock");
      const child = new Deno.Command("true").spawn();
      const { pid } = child;
      await child.status;
      await Deno.writeTextFile(path, JSON.stringify({ pid, createdAt: Date.now() }));
      const lock = await acquireLock(path, { pollMs: 5, timeoutMs: 2_000 });
      await lock.release();
    });
  },
});

Deno.test("lock: a live holder makes others time out with a clear auth error", async () => {
  await withDir(async (dir) => {
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
  await withDir(async (dir) => {
    const path = join(dir, "l.lock");
    const held = await acquireLock(path);
    const controller = new AbortController();
    const waiting = acquireLock(path, { pollMs: 5, signal: controller.signal });
    controller.abort();
    await assert.rejects(
      waiting,
      (error) => error instanceof RestreamError && error.kind === "interrupted",
    );
    await held.release();
  });
});

Deno.test("lock: the holder keeps the lock fresh, so a long hold is not judged stale", async () => {
  await withDir(async (dir) => {
    const path = join(dir, "l.lock");
    const held = await acquireLock(path, { staleMs: 60 });
    await new Promise((r) => setTimeout(r, 150));
    await assert.rejects(acquireLock(path, { staleMs: 60, pollMs: 5, timeoutMs: 100 }));
    await held.release();
  });
});
