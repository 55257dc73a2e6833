import assert from "node:assert/strict";
import { join } from "node:path";
import type { CliIO } from "../../src/cli/context.ts";
import { runCli } from "../../src/cli/run.ts";
import { type StoredTokens, TokenStore } from "../../src/auth/token_store.ts";
import { type CliResult, runCapture } from "../support/cli.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const API = "http://127.0.0.1:9";
const PROFILE = { id: 7, username: "streamer", email: "s@example.com" };
const TOKENS = {
  access_token: "new-access",
  refresh_token: "new-refresh",
  expires_in: 3600,
  scope: "profile.read stream.default.read",
};
const STORED: StoredTokens = {
  accessToken: "stored-access",
  refreshToken: "stored-refresh",
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  scopes: ["profile.read"],
  clientId: "cid",
};

async function withConfig(fn: (dir: string, env: Record<string, string>) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    const env = {
      RESTREAM_API_URL: API,
      RESTREAM_CONFIG_DIR: dir,
      RESTREAM_CLIENT_ID: "cid",
      RESTREAM_CLIENT_SECRET: "csecret",
    };
    await fn(dir, env);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Starts the CLI in-process; lets the test watch stderr and feed stdin while it runs. */
function startCli(
  argv: string[],
  options: { env: Record<string, string>; fetch: FakeFetch["fetch"]; signal?: AbortSignal },
) {
  let stdout = "";
  let stderr = "";
  const watchers: Array<() => void> = [];
  const stdin = new TransformStream<Uint8Array, Uint8Array>();
  const io: CliIO = {
    stdout: { write: (text) => void (stdout += text) },
    stderr: {
      write: (text) => {
        stderr += text;
        watchers.forEach((w) => w());
      },
    },
    stdoutIsTerminal: false,
    stdinIsTerminal: false,
    env: (name) => options.env[name],
    fetch: options.fetch,
    stdin: stdin.readable,
    signal: options.signal,
  };
  const writer = stdin.writable.getWriter();
  const done: Promise<CliResult> = runCli(argv, io).then(async (code) => {
    await writer.close().catch(() => {});
    return { code, stdout, stderr };
  });
  return {
    done,
    paste: (line: string) => writer.write(new TextEncoder().encode(`${line}\n`)),
    /** Resolves with the authorization URL once it is printed. */
    authorizeUrl: (): Promise<URL> =>
      new Promise((resolve) => {
        const check = (): void => {
          const match = /(http:\/\/127\.0\.0\.1:9\/login\?\S+)/.exec(stderr);
          if (match) resolve(new URL(match[1]));
        };
        watchers.push(check);
        check();
      }),
  };
}

function callback(authorize: URL, params: Record<string, string>): string {
  const port = new URL(authorize.searchParams.get("redirect_uri")!).port;
  const url = new URL(`http://127.0.0.1:${port}/callback`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

Deno.test("login: browser flow stores the tokens 0600 under the API origin and says who logged in", async () => {
  await withConfig(async (dir, env) => {
    const fake = new FakeFetch()
      .on("POST", "/oauth/token", { body: TOKENS })
      .on("GET", "/v2/user/profile", { body: PROFILE });
    const cli = startCli(["login", "--no-browser", "--port", "0"], { env, fetch: fake.fetch });
    const authorize = await cli.authorizeUrl();
    assert.equal(authorize.searchParams.get("client_id"), "cid");
    const state = authorize.searchParams.get("state")!;
    const page = await fetch(callback(authorize, { code: "c0de", state, scope: "profile.read" }));
    assert.equal(page.status, 200);
    await page.body?.cancel();
    const result = await cli.done;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /Logged in as streamer \(s@example\.com\) to http:\/\/127\.0\.0\.1:9\./,
    );
    assert.ok(!result.stderr.includes("csecret"));
    const stored = await new TokenStore({ dir }).get(API);
    assert.equal(stored?.accessToken, "new-access");
    assert.equal(stored?.clientId, "cid");
    // The account is remembered: presets are kept per account.
    assert.equal(stored?.profileId, PROFILE.id);
    assert.equal(fake.requests[1].headers.get("authorization"), "Bearer new-access");
    if (Deno.build.os !== "windows") {
      assert.equal(Deno.statSync(join(dir, "tokens.json")).mode! & 0o777, 0o600);
    }
    fake.assertDone();
  });
});

Deno.test("login --json with the redirect URL pasted on stdin", async () => {
  await withConfig(async (_dir, env) => {
    const fake = new FakeFetch()
      .on("POST", "/oauth/token", { body: TOKENS })
      .on("GET", "/v2/user/profile", { body: PROFILE });
    const cli = startCli(["login", "--no-browser", "--port", "0", "--json"], {
      env,
      fetch: fake.fetch,
    });
    const authorize = await cli.authorizeUrl();
    const state = authorize.searchParams.get("state")!;
    await cli.paste(`http://localhost:12000/callback?code=pasted&state=${state}&scope=a,b`);
    const result = await cli.done;
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.loggedIn, true);
    assert.equal(json.username, "streamer");
    assert.equal(json.origin, API);
    assert.deepEqual(json.scopes, ["profile.read", "stream.default.read"]);
    assert.equal(new URLSearchParams(fake.requests[0].body).get("code"), "pasted");
  });
});

Deno.test("login: denial in the browser → exit 3 with a clear message, nothing stored", async () => {
  await withConfig(async (dir, env) => {
    const fake = new FakeFetch();
    const cli = startCli(["login", "--no-browser", "--port", "0"], { env, fetch: fake.fetch });
    const page = await fetch(callback(await cli.authorizeUrl(), {}));
    await page.body?.cancel();
    const result = await cli.done;
    assert.equal(result.code, 3);
    assert.match(result.stderr, /error: login was denied in the browser/);
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("login: Ctrl+C while waiting → exit 130", async () => {
  await withConfig(async (_dir, env) => {
    const controller = new AbortController();
    const cli = startCli(["login", "--no-browser", "--port", "0"], {
      env,
      fetch: new FakeFetch().fetch,
      signal: controller.signal,
    });
    await cli.authorizeUrl();
    controller.abort();
    const result = await cli.done;
    assert.equal(result.code, 130);
    assert.match(result.stderr, /login cancelled/);
  });
});

Deno.test("login: --timeout ends the wait with exit 3", async () => {
  await withConfig(async (_dir, env) => {
    const result = await runCapture(["login", "--no-browser", "--port", "0", "--timeout", "0.05"], {
      env,
    });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /\(timeout 0\.05 s\)…\n/);
    assert.ok(
      result.stderr.endsWith("\nerror: login timed out after 0.05 s without a callback\n"),
      result.stderr,
    );
  });
});

Deno.test("login: a port in use → exit 3 naming --port", async () => {
  const busy = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(),
  );
  try {
    await withConfig(async (_dir, env) => {
      const result = await runCapture(["login", "--no-browser", "--port", String(busy.addr.port)], {
        env,
      });
      assert.equal(result.code, 3);
      assert.match(
        result.stderr,
        new RegExp(`port ${busy.addr.port} .*already in use: pass --port`),
      );
    });
  } finally {
    await busy.shutdown();
  }
});

Deno.test("login: missing client id or secret → exit 3 naming the variable; no secret flag", async () => {
  await withConfig(async (_dir, env) => {
    const noId = await runCapture(["login", "--no-browser"], {
      env: { ...env, RESTREAM_CLIENT_ID: "" },
    });
    assert.equal(noId.code, 3);
    assert.match(noId.stderr, /missing client id: set RESTREAM_CLIENT_ID or pass --client-id/);
    const noSecret = await runCapture(["login", "--no-browser", "--client-id", "x"], {
      env: { ...env, RESTREAM_CLIENT_SECRET: "" },
    });
    assert.equal(noSecret.code, 3);
    assert.match(noSecret.stderr, /missing client secret: set RESTREAM_CLIENT_SECRET/);
    const flag = await runCapture(["login", "--client-secret", "x"], { env });
    assert.equal(flag.code, 2);
    const badPort = await runCapture(["login", "--port", "70000"], { env });
    assert.equal(badPort.code, 2);
  });
});

Deno.test("login to an http:// origin that is not loopback: exit 2 before the browser, nothing sent", async () => {
  await withConfig(async (_dir, env) => {
    const fake = new FakeFetch();
    const result = await runCapture(["login", "--no-browser", "--port", "0"], {
      env: { ...env, RESTREAM_API_URL: "http://api.example.invalid" },
      fetch: fake.fetch,
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error: refusing to send credentials to RESTREAM_API_URL \(http:\/\/api\.example\.invalid\) unencrypted/,
    );
    assert.doesNotMatch(result.stderr, /Open this URL/);
    assert.equal(fake.requests.length, 0);
  });
});

Deno.test("auth status: not logged in → exit 3; --json prints {loggedIn:false}", async () => {
  await withConfig(async (_dir, env) => {
    const human = await runCapture(["auth", "status"], { env });
    assert.equal(human.code, 3);
    assert.match(human.stderr, /not logged in to http:\/\/127\.0\.0\.1:9/);
    const json = await runCapture(["auth", "status", "--json"], { env });
    assert.equal(json.code, 3);
    assert.equal(json.stdout, '{"loggedIn":false}\n');
    // The reason, as for any --json failure: one error object on stderr.
    assert.deepEqual(JSON.parse(json.stderr), {
      error: {
        kind: "auth",
        status: null,
        message: `not logged in to ${API}: run 'restream login' or set RESTREAM_TOKEN`,
      },
    });
  });
});

Deno.test("auth status --json: tokens the server refuses and cannot refresh are no login", async () => {
  await withConfig(async (dir, env) => {
    await new TokenStore({ dir }).set(API, STORED);
    const fake = new FakeFetch()
      .on("GET", "/v2/user/profile", { status: 401, body: {} })
      .on("POST", "/oauth/token", {
        status: 400,
        body: { error: "invalid_grant", error_description: "refresh token is invalid" },
      });
    const json = await runCapture(["auth", "status", "--json"], { env, fetch: fake.fetch });
    assert.equal(json.code, 3);
    assert.equal(json.stdout, '{"loggedIn":false}\n');
    const error = JSON.parse(json.stderr).error;
    assert.equal(error.kind, "auth");
    assert.match(error.message, /invalid_grant.*run 'restream login'/);
    fake.assertDone();
  });
});

Deno.test("auth status --json: source file, path, origin, account, expiry, scopes", async () => {
  await withConfig(async (dir, env) => {
    await new TokenStore({ dir }).set(API, STORED);
    const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: PROFILE });
    const result = await runCapture(["auth", "status", "--json"], { env, fetch: fake.fetch });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      loggedIn: true,
      source: "file",
      origin: API,
      file: join(dir, "tokens.json"),
      account: PROFILE,
      expiresAt: STORED.expiresAt,
      scopes: ["profile.read"],
    });
    const human = await runCapture(["auth", "status"], {
      env,
      fetch: new FakeFetch().on("GET", "/v2/user/profile", { status: 403, body: {} }).fetch,
    });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /Account:\s+an account whose profile is unavailable/);
    assert.match(human.stdout, /Source:\s+token file/);
    assert.match(human.stdout, /Expires:\s+\d{4}-\d\d-\d\d .*\(in (59|60) min\)/);
  });
});

Deno.test("auth status with RESTREAM_TOKEN: source env; it is sent only to the configured API", async () => {
  await withConfig(async (_dir, env) => {
    const fake = new FakeFetch().on("GET", "/v2/user/profile", { body: PROFILE });
    const result = await runCapture(["auth", "status", "--json"], {
      env: { ...env, RESTREAM_TOKEN: "env-token" },
      fetch: fake.fetch,
    });
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.source, "env");
    assert.equal(json.file, null);
    assert.equal(fake.requests[0].url.origin, API);
    assert.equal(fake.requests[0].headers.get("authorization"), "Bearer env-token");
  });
});

Deno.test("auth token: prints the token; an expiring one is refreshed first and persisted", async () => {
  await withConfig(async (dir, env) => {
    const store = new TokenStore({ dir });
    await store.set(API, { ...STORED, expiresAt: new Date(Date.now() + 30_000).toISOString() });
    const fake = new FakeFetch().on("POST", "/oauth/token", { body: TOKENS });
    const result = await runCapture(["auth", "token"], { env, fetch: fake.fetch });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "new-access\n");
    assert.equal((await store.get(API))?.refreshToken, "new-refresh");
    const again = await runCapture(["auth", "token"], { env, fetch: new FakeFetch().fetch });
    assert.equal(again.stdout, "new-access\n");
  });
});

Deno.test("auth refresh: forces a refresh; a refused one exits 3, says log in, keeps the file", async () => {
  await withConfig(async (dir, env) => {
    const store = new TokenStore({ dir });
    await store.set(API, STORED);
    const fake = new FakeFetch().on("POST", "/oauth/token", [{ body: TOKENS }, {
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid grant" },
    }]);
    const ok = await runCapture(["auth", "refresh", "-v"], { env, fetch: fake.fetch });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /Token refreshed; it expires/);
    for (const secret of ["stored-refresh", "new-access", "new-refresh", "csecret"]) {
      assert.ok(!ok.stderr.includes(secret), `stderr leaks ${secret}`);
    }
    const before = await Deno.readTextFile(store.path);
    const refused = await runCapture(["auth", "refresh"], { env, fetch: fake.fetch });
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /invalid_grant.*run 'restream login'/);
    assert.equal(await Deno.readTextFile(store.path), before);
  });
});

Deno.test("auth refresh with RESTREAM_TOKEN and no stored login says what to do, not 'set RESTREAM_TOKEN'", async () => {
  await withConfig(async (_dir, env) => {
    const result = await runCapture(["auth", "refresh"], {
      env: { ...env, RESTREAM_TOKEN: "env-token" },
      fetch: new FakeFetch().fetch,
    });
    assert.equal(result.code, 3);
    assert.equal(
      result.stderr,
      `error: no stored login for ${API} to refresh (RESTREAM_TOKEN is used as it is, never ` +
        "refreshed): run 'restream login' first\n",
    );
  });
});

Deno.test("a 401 on an authenticated request refreshes once, retries, and persists the rotation", async () => {
  await withConfig(async (dir, env) => {
    const store = new TokenStore({ dir });
    await store.set(API, STORED);
    const fake = new FakeFetch()
      .on("GET", "/v2/user/profile", [{ status: 401, body: {} }, { body: PROFILE }])
      .on("POST", "/oauth/token", { body: TOKENS });
    const result = await runCapture(["auth", "status", "--json"], { env, fetch: fake.fetch });
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await store.get(API))?.accessToken, "new-access");
    fake.assertDone();
  });
});

Deno.test("logout: revokes both tokens, deletes them, keeps other origins; idempotent", async () => {
  await withConfig(async (dir, env) => {
    const store = new TokenStore({ dir });
    await store.set(API, STORED);
    await store.set("https://api.restream.io", { ...STORED, accessToken: "real-account" });
    const fake = new FakeFetch().on("POST", "/oauth/revoke", [{}, {}]);
    const result = await runCapture(["logout"], { env, fetch: fake.fetch });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Logged out of http:\/\/127\.0\.0\.1:9\./);
    assert.deepEqual(
      fake.requests.map((r) => new URLSearchParams(r.body).get("token_type_hint")),
      ["refresh_token", "access_token"],
    );
    assert.equal(await store.get(API), undefined);
    assert.equal((await store.get("https://api.restream.io"))?.accessToken, "real-account");
    const again = await runCapture(["logout", "--json"], { env });
    assert.equal(again.code, 0);
    assert.equal(JSON.parse(again.stdout).removed, false);
  });
});

Deno.test("logout: revocation failing or impossible still deletes the tokens, with a warning", async () => {
  await withConfig(async (dir, env) => {
    const store = new TokenStore({ dir });
    await store.set(API, STORED);
    const fake = new FakeFetch().on("POST", "/oauth/revoke", new TypeError("connection refused"), {
      repeat: true,
    });
    const result = await runCapture(["logout"], { env, fetch: fake.fetch });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: could not revoke the refresh token/);
    assert.equal(await store.get(API), undefined);

    await store.set(API, STORED);
    const noSecret = await runCapture(["logout"], { env: { ...env, RESTREAM_CLIENT_SECRET: "" } });
    assert.equal(noSecret.code, 0);
    assert.match(noSecret.stderr, /were not revoked on the server/);
    assert.equal(await store.get(API), undefined);
  });
});

Deno.test("the Python CLI's tokens.json is migrated on first use with one notice", async () => {
  await withConfig(async (dir, env) => {
    await Deno.writeTextFile(
      join(dir, "tokens.json"),
      JSON.stringify({
        access_token: "py-access",
        refresh_token: "py-refresh",
        expires_at: 4102444800,
      }),
      { mode: 0o600 },
    );
    const realEnv = { ...env, RESTREAM_API_URL: "https://api.restream.io" };
    const first = await runCapture(["auth", "token"], { env: realEnv });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, "py-access\n");
    assert.equal(first.stderr.match(/migrated/g)?.length, 1);
    const second = await runCapture(["auth", "token"], { env: realEnv });
    assert.ok(!second.stderr.includes("migrated"));
  });
});

Deno.test("a corrupt token file → exit 3, a clear message, the file kept", async () => {
  await withConfig(async (dir, env) => {
    await Deno.writeTextFile(join(dir, "tokens.json"), "{ not json", { mode: 0o600 });
    const result = await runCapture(["auth", "token"], { env });
    assert.equal(result.code, 3);
    assert.match(
      result.stderr,
      /^error: the token file .*tokens\.json is not valid JSON; it was left in place/,
    );
    assert.ok(!result.stderr.includes("Stack"));
    assert.equal(await Deno.readTextFile(join(dir, "tokens.json")), "{ not json");
  });
});
