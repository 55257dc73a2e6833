import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { deadline, signal } from "../support/deadline.ts";
import { withTempDir } from "../support/temp_dir.ts";

const REAL = "https://api.restream.io";
const MOCK = "http://127.0.0.1:8080";
const OTHER = "http://127.0.0.1:9090";
const record = (accessToken: string) => ({ accessToken, scopes: [] });

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  return withTempDir((base) => fn(join(base, "cfg")));
}

Deno.test("store: two stores setting at once never lose an update (the second waits for the lock)", async () => {
  await withDir(async (dir) => {
    await new TokenStore({ dir }).set(REAL, record("real"));
    // B counts its lock attempts: the third clock reading comes after a failed attempt to
    // take the lock, i.e. B is waiting for A. A store that writes without the lock never
    // waits, and finishes its write first instead.
    const bWaits = signal<"waiting">();
    let readings = 0;
    const b = new TokenStore({
      dir,
      lock: {
        pollMs: 1,
        now: () => {
          if (++readings === 3) bWaits.resolve("waiting");
          return Date.now();
        },
      },
    });
    let bSet: Promise<void> | undefined;
    let outcome: string | undefined;
    // A is in the middle of its write (temp file flushed, rename not done) when B starts.
    const a = new TokenStore({
      dir,
      rename: async (from, to) => {
        bSet = b.set(MOCK, record("mock"));
        outcome = await deadline(
          Promise.race([bWaits.promise, bSet.then(() => "B wrote while A was writing")]),
          "B waiting for the lock or writing",
        );
        await Deno.rename(from, to);
      },
    });
    await a.set(OTHER, record("other"));
    await deadline(bSet!, "B's set");
    assert.equal(outcome, "waiting");
    const file = JSON.parse(await Deno.readTextFile(join(dir, "tokens.json")));
    assert.deepEqual(Object.keys(file.tokens).sort(), [OTHER, MOCK, REAL].sort());
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["tokens.json"]);
  });
});

Deno.test("store: processes setting at once keep every update, and the file is never torn", async () => {
  await withDir(async (dir) => {
    const writers = 3;
    const times = 15;
    const origins = Array.from({ length: writers }, (_, i) => `http://127.0.0.1:${9000 + i}`);
    const script = new URL("../support/store_setter.ts", import.meta.url).pathname;
    const children = origins.map((origin) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--no-check", script, dir, origin, String(times)],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn()
    );
    try {
      // Wait until every writer is up, then start them together.
      const readers = children.map((child) => child.stdout.getReader());
      await deadline(Promise.all(readers.map((r) => r.read())), "the writers' 'ready'", 30_000);
      readers.forEach((r) => r.releaseLock());
      for (const child of children) {
        const writer = child.stdin.getWriter();
        await writer.write(new TextEncoder().encode("go\n"));
        await writer.close();
      }
      // Meanwhile, every read of the file parses (an unlocked or in-place write could tear it).
      const reader = new TokenStore({ dir });
      let reads = 0;
      let running = true;
      const outputs = Promise.all(children.map((child) => child.output())).finally(() =>
        running = false
      );
      while (running) {
        for (const origin of origins) await reader.get(origin);
        reads++;
      }
      for (const output of await deadline(outputs, "the writers' end", 60_000)) {
        assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      }
      assert.ok(reads > 0);
      const file = JSON.parse(await Deno.readTextFile(join(dir, "tokens.json")));
      for (const origin of origins) {
        assert.equal(file.tokens[origin]?.accessToken, `${origin} #${times - 1}`, origin);
      }
    } finally {
      for (const child of children) {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already ended.
        }
      }
    }
  });
});
