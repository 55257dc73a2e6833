import assert from "node:assert/strict";
import { join } from "node:path";
import { Session, toStored } from "../../src/auth/session.ts";
import { type StoredTokens, TokenStore } from "../../src/auth/token_store.ts";
import { RestreamClient } from "../../src/client.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

const API = "http://127.0.0.1:9";
const NOW = Date.parse("2026-01-01T00:00:00Z");
const at = (ms: number): string => new Date(NOW + ms).toISOString();

const FRESH: StoredTokens = {
  accessToken: "access-1",
  refreshToken: "refresh-1",
  expiresAt: at(3_600_000),
  scopes: ["profile.read"],
  clientId: "cid",
};
const EXPIRING: StoredTokens = { ...FRESH, expiresAt: at(59_000) };

const ROTATED = {
  access_token: "access-2",
  refresh_token: "refresh-2",
  expires_in: 3600,
  scope: "profile.read",
};

async function setup(
  stored: StoredTokens | undefined,
  fn: (
    ctx: { store: TokenStore; fake: FakeFetch; session: (extra?: object) => Session },
  ) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const store = new TokenStore({ dir: join(dir, "cfg") });
    if (stored) await store.set(API, stored);
    const fake = new FakeFetch();
    const session = (extra: object = {}): Session =>
      new Session({
        apiUrl: API,
        store,
        clientId: "cid",
        clientSecret: "csecret",
        fetch: fake.fetch,
        now: () => NOW,
        ...extra,
      });
    await fn({ store, fake, session });
    fake.assertDone();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("session: RESTREAM_TOKEN comes first and is never refreshed", async () => {
  await setup(EXPIRING, async ({ session }) => {
    const s = session({ envToken: "env-token" });
    assert.equal(await s.getAccessToken(), "env-token");
    assert.equal(await s.refreshAfterUnauthorized("env-token"), null);
    assert.equal((await s.current()).source, "env");
  });
});

Deno.test("session: no stored tokens → 'not logged in' auth error naming the origin", async () => {
  await setup(undefined, async ({ session }) => {
    const error = await rejects(session().getAccessToken());
    assert.equal(error.kind, "auth");
    assert.match(error.message, /not logged in to http:\/\/127\.0\.0\.1:9: run 'restream login'/);
  });
  const error = await rejects(new Session({ apiUrl: API }).getAccessToken());
  assert.equal(error.kind, "auth");
});

Deno.test("session: a fresh stored token is used without any request", async () => {
  await setup(FRESH, async ({ session }) => {
    const s = session();
    assert.equal(await s.getAccessToken(), "access-1");
    const state = await s.current();
    assert.equal(state.source, "file");
    assert.deepEqual(state.stored, FRESH);
  });
});

Deno.test("session: a token expiring within 60 s is refreshed; the rotated pair is persisted", async () => {
  await setup(EXPIRING, async ({ store, fake, session }) => {
    fake.on("POST", "/oauth/token", (request) => {
      assert.equal(request.headers.get("authorization"), `Basic ${btoa("cid:csecret")}`);
      return Response.json(ROTATED);
    });
    assert.equal(await session().getAccessToken(), "access-2");
    const onDisk = await store.get(API);
    assert.equal(onDisk?.accessToken, "access-2");
    assert.equal(onDisk?.refreshToken, "refresh-2");
    assert.equal(onDisk?.expiresAt, at(3_600_000));
    assert.equal(new URLSearchParams(fake.requests[0].body).get("refresh_token"), "refresh-1");
  });
});

Deno.test("session: a rotated pair that cannot be written is not handed out", async () => {
  await setup(EXPIRING, async ({ store, fake }) => {
    fake.on("POST", "/oauth/token", { body: ROTATED });
    const failing = new TokenStore({
      dir: join(store.path, ".."),
      rename: () => Promise.reject(new Error("read-only file system")),
    });
    const session = new Session({
      apiUrl: API,
      store: failing,
      clientId: "cid",
      clientSecret: "csecret",
      fetch: fake.fetch,
      now: () => NOW,
    });
    const error = await rejects(session.getAccessToken());
    assert.match(error.message, /cannot write the token file/);
    assert.equal(fake.requests.length, 1);
  });
});

Deno.test("session: concurrent callers share one refresh (single flight)", async () => {
  await setup(EXPIRING, async ({ fake, session }) => {
    fake.on("POST", "/oauth/token", async () => {
      await new Promise((r) => setTimeout(r, 20));
      return Response.json(ROTATED);
    });
    const s = session();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => s.getAccessToken()));
    assert.deepEqual(tokens, Array(5).fill("access-2"));
    assert.equal(fake.requests.length, 1);
  });
});

Deno.test("session: after a 401 the request is refreshed once and retried once", async () => {
  await setup(FRESH, async ({ fake, session }) => {
    fake
      .on("GET", "/v2/user/profile", [{
        status: 401,
        body: { error: { message: "Invalid token" } },
      }, {
        body: { id: 1 },
      }])
      .on("POST", "/oauth/token", { body: ROTATED });
    const client = new RestreamClient({ apiUrl: API, tokens: session(), fetch: fake.fetch });
    const response = await client.http.request({ path: "/v2/user/profile" });
    assert.deepEqual(response.body, { id: 1 });
    const auth = fake.requests.filter((r) => r.url.pathname === "/v2/user/profile")
      .map((r) => r.headers.get("authorization"));
    assert.deepEqual(auth, ["Bearer access-1", "Bearer access-2"]);
  });
});

Deno.test("session: after a 401, a pair another process already wrote is used instead of refreshing", async () => {
  await setup(FRESH, async ({ store, session }) => {
    const s = session();
    assert.equal(await s.getAccessToken(), "access-1");
    await store.set(API, { ...FRESH, accessToken: "access-by-other", refreshToken: "r-other" });
    assert.equal(await s.refreshAfterUnauthorized("access-1"), "access-by-other");
    assert.equal(await s.getAccessToken(), "access-by-other");
  });
});

Deno.test("session: a refused refresh (400 invalid_grant) says log in again and keeps the tokens", async () => {
  await setup(EXPIRING, async ({ store, fake, session }) => {
    fake.on("POST", "/oauth/token", {
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid grant" },
    });
    const before = await Deno.readTextFile(store.path);
    const error = await rejects(session().getAccessToken());
    assert.equal(error.kind, "auth");
    assert.match(error.message, /run 'restream login'/);
    assert.ok(!error.message.includes("refresh-1"));
    assert.equal(await Deno.readTextFile(store.path), before);
  });
});

Deno.test("session: an expiring token without client credentials or refresh token is an auth error", async () => {
  await setup(EXPIRING, async ({ session }) => {
    const noSecret = await rejects(session({ clientSecret: undefined }).getAccessToken());
    assert.equal(noSecret.kind, "auth");
    assert.match(noSecret.message, /RESTREAM_CLIENT_SECRET/);
  });
  await setup({ ...EXPIRING, refreshToken: undefined }, async ({ session }) => {
    const noRefresh = await rejects(session().getAccessToken());
    assert.match(noRefresh.message, /no refresh token is stored/);
  });
});

Deno.test("session: forceRefresh refreshes a fresh token; the stored client id is used when none is set", async () => {
  await setup(FRESH, async ({ store, fake, session }) => {
    fake.on("POST", "/oauth/token", { body: ROTATED });
    const stored = await session({ clientId: undefined }).forceRefresh();
    assert.equal(stored.accessToken, "access-2");
    assert.equal(stored.clientId, "cid");
    assert.equal(fake.requests[0].headers.get("authorization"), `Basic ${btoa("cid:csecret")}`);
    assert.equal((await store.get(API))?.refreshToken, "refresh-2");
  });
});

Deno.test("session: tokens of one origin are never used for another", async () => {
  await setup(FRESH, async ({ store, fake }) => {
    const other = new Session({
      apiUrl: "https://api.restream.io",
      store,
      clientId: "cid",
      clientSecret: "csecret",
      fetch: fake.fetch,
    });
    const error = await rejects(other.getAccessToken());
    assert.match(error.message, /not logged in to https:\/\/api\.restream\.io/);
  });
});

Deno.test("session: no tokens stored for this origin never falls back to another origin's record", async () => {
  // The real account's tokens (api.restream.io), a legacy file's included, must never be
  // used for a mock or any other origin: they would be sent there.
  const dir = await Deno.makeTempDir();
  try {
    const store = new TokenStore({ dir });
    await store.set("https://api.restream.io", FRESH);
    await store.set("http://127.0.0.1:10", { ...FRESH, accessToken: "other-origin" });
    const fake = new FakeFetch();
    const session = new Session({
      apiUrl: API,
      store,
      clientId: "cid",
      clientSecret: "csecret",
      fetch: fake.fetch,
      now: () => NOW,
    });
    const error = await rejects(session.getAccessToken());
    assert.equal(error.kind, "auth");
    assert.match(error.message, /not logged in to http:\/\/127\.0\.0\.1:9/);
    await rejects(session.refreshAfterUnauthorized("access-1"));
    await rejects(session.forceRefresh());
    assert.equal(await store.get(API), undefined, "nothing was copied over");
    assert.equal(fake.requests.length, 0);

    // A token file of the older Python CLI holds the real account's tokens: migrated for
    // api.restream.io only.
    const legacyDir = await Deno.makeTempDir({ dir });
    await Deno.writeTextFile(
      join(legacyDir, "tokens.json"),
      JSON.stringify({ access_token: "legacy", refresh_token: "r", expires_at: 4_000_000_000 }),
      { mode: 0o600 },
    );
    const legacy = new Session({ apiUrl: API, store: new TokenStore({ dir: legacyDir }) });
    await rejects(legacy.getAccessToken());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a refreshed pair keeps the account it belongs to (presets are kept per account)", () => {
  const tokens = { accessToken: "a2", refreshToken: "r2", scopes: [], tokenType: "Bearer" };
  const previous: StoredTokens = { accessToken: "a1", scopes: ["profile.read"], profileId: 7 };
  assert.equal(toStored(tokens, "cid", 0, previous).profileId, 7);
  assert.equal("profileId" in toStored(tokens, "cid", 0), false);
});
