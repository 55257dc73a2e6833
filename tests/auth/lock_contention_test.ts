import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";
import { deadline, signal } from "../support/deadline.ts";

const WORKERS = 4;

/**
 * A token endpoint that rotates like Restream's: each refresh token works once, and a reused
 * one is refused with invalid_grant. It answers the first refresh only once `release`
 * resolves, so the test decides when the other workers have lined up behind the lock.
 */
function rotatingTokenServer(release: Promise<void>): {
  server: Deno.HttpServer<Deno.NetAddr>;
  refreshes: () => number;
} {
  let valid = "refresh-0";
  let generation = 0;
  let refreshes = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const form = new URLSearchParams(await request.text());
      if (new URL(request.url).pathname !== "/oauth/token" || form.get("refresh_token") !== valid) {
        return Response.json({ error: "invalid_grant", error_description: "reused" }, {
          status: 400,
        });
      }
      refreshes++;
      generation++;
      valid = `refresh-${generation}`;
      await release;
      return Response.json({
        access_token: `access-${generation}`,
        refresh_token: valid,
        expires_in: 3600,
      });
    },
  );
  return { server, refreshes: () => refreshes };
}

/** Reads a child's stdout line by line, calling `onLine`; resolves with all of it at the end. */
async function readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void) {
  let text = "";
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    text += chunk;
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    lines.forEach(onLine);
  }
  return text;
}

Deno.test("lock contention: several processes refreshing at once → exactly one refresh, all succeed", async () => {
  const dir = await Deno.makeTempDir();
  // The first refresh is answered only when the other workers are waiting for the lock, so
  // they all overlap however slowly the processes start.
  const othersWaiting = signal();
  let waiting = 0;
  const { server, refreshes } = rotatingTokenServer(
    deadline(othersWaiting.promise, `${WORKERS - 1} workers waiting for the lock`, 20_000),
  );
  const children: Deno.ChildProcess[] = [];
  try {
    const apiUrl = `http://127.0.0.1:${server.addr.port}`;
    const configDir = join(dir, "cfg");
    await new TokenStore({ dir: configDir }).set(apiUrl, {
      accessToken: "access-0",
      refreshToken: "refresh-0",
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      scopes: [],
    });
    const worker = new URL("../support/refresh_worker.ts", import.meta.url).pathname;
    for (let i = 0; i < WORKERS; i++) {
      children.push(
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--no-check", worker, configDir, apiUrl],
          stdout: "piped",
          stderr: "piped",
        }).spawn(),
      );
    }
    const outputs = children.map(async (child) => {
      const [stdout, stderr, status] = await Promise.all([
        readLines(child.stdout, (line) => {
          if (line === "waiting" && ++waiting === WORKERS - 1) othersWaiting.resolve();
        }),
        new Response(child.stderr).text(),
        child.status,
      ]);
      return { stdout, stderr, code: status.code };
    });
    for (const output of await deadline(Promise.all(outputs), "the workers' end", 90_000)) {
      assert.equal(output.code, 0, output.stderr);
      assert.equal(output.stdout.replace("waiting\n", ""), "access-1\n");
    }
    assert.equal(waiting, WORKERS - 1, "every worker but the refreshing one waited");
    assert.equal(refreshes(), 1);
    const stored = await new TokenStore({ dir: configDir }).get(apiUrl);
    assert.equal(stored?.refreshToken, "refresh-1");
  } finally {
    for (const child of children) {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already ended.
      }
    }
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
