import assert from "node:assert/strict";
import { join } from "node:path";
import { TokenStore } from "../../src/auth/token_store.ts";

const WORKERS = 4;

/**
 * A token endpoint that rotates like Restream's: each refresh token works once, and a reused
 * one is refused with invalid_grant. Refreshing takes a while, so the workers overlap.
 */
function rotatingTokenServer(): { server: Deno.HttpServer<Deno.NetAddr>; refreshes: () => number } {
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
      await new Promise((r) => setTimeout(r, 300));
      return Response.json({
        access_token: `access-${generation}`,
        refresh_token: valid,
        expires_in: 3600,
      });
    },
  );
  return { server, refreshes: () => refreshes };
}

Deno.test("lock contention: several processes refreshing at once → exactly one refresh, all succeed", async () => {
  const dir = await Deno.makeTempDir();
  const { server, refreshes } = rotatingTokenServer();
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
    const outputs = await Promise.all(
      Array.from({ length: WORKERS }, () =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--no-check", worker, configDir, apiUrl],
          stdout: "piped",
          stderr: "piped",
        }).output()),
    );
    for (const output of outputs) {
      assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      assert.equal(new TextDecoder().decode(output.stdout), "access-1\n");
    }
    assert.equal(refreshes(), 1);
    const stored = await new TokenStore({ dir: configDir }).get(apiUrl);
    assert.equal(stored?.refreshToken, "refresh-1");
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
