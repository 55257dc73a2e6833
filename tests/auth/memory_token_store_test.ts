import assert from "node:assert/strict";
import { MemoryTokenStore } from "../../src/auth/memory_token_store.ts";
import { Session } from "../../src/auth/session.ts";
import type { StoredTokens } from "../../src/auth/token_store.ts";
import { FakeFetch } from "../support/fake_fetch.ts";

const API = "http://127.0.0.1:9";
const TOKENS: StoredTokens = {
  accessToken: "access-1",
  refreshToken: "refresh-1",
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  scopes: ["profile.read"],
  clientId: "cid",
};

Deno.test("memory store: one record per origin, copies in and out, delete says what it did", async () => {
  const store = new MemoryTokenStore();
  assert.equal(store.kind, "memory");
  assert.equal(store.path, undefined);
  assert.equal(await store.get(API), undefined);
  const record = { ...TOKENS, scopes: [...TOKENS.scopes] };
  await store.set(`${API}/`, record);
  record.scopes.push("changed after set");
  assert.deepEqual(await store.get(API), TOKENS, "the origin is the key, the record a copy");
  (await store.get(API))!.scopes.push("changed after get");
  assert.deepEqual(await store.get(API), TOKENS);
  assert.equal(await store.get("https://api.restream.io"), undefined, "other origins apart");
  assert.equal(await store.delete(API), true);
  assert.equal(await store.delete(API), false);
  assert.equal(await store.get(API), undefined);
});

Deno.test("memory store: withLock runs one caller at a time, in order, and survives a failure", async () => {
  const store = new MemoryTokenStore();
  const order: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => release = resolve);
  const first = store.withLock(async (locked) => {
    order.push("first in");
    await held;
    await locked.set(API, TOKENS);
    order.push("first out");
  });
  const failing = store.withLock(() => {
    order.push("failing");
    return Promise.reject(new Error("boom"));
  });
  const third = store.withLock(async (locked) => {
    order.push("third");
    return (await locked.get(API))?.accessToken;
  });
  await Promise.resolve();
  release();
  await first;
  await assert.rejects(failing, /boom/);
  assert.equal(await third, "access-1", "the third saw the first's write");
  assert.deepEqual(order, ["first in", "first out", "failing", "third"]);
});

Deno.test("a session over a memory store says 'memory' and refreshes into the store", async () => {
  const store = new MemoryTokenStore();
  await store.set(API, { ...TOKENS, expiresAt: new Date(Date.now() + 1000).toISOString() });
  const fake = new FakeFetch().on("POST", "/oauth/token", {
    body: { access_token: "access-2", refresh_token: "refresh-2", expires_in: 3600 },
  });
  const session = new Session({
    apiUrl: API,
    store,
    clientId: "cid",
    clientSecret: "secret-123456",
    fetch: fake.fetch,
  });
  assert.equal(session.source, "memory");
  const state = await session.current();
  assert.equal(state.source, "memory");
  assert.equal(state.accessToken, "access-2");
  assert.equal((await store.get(API))?.refreshToken, "refresh-2", "the rotated pair is stored");
  fake.assertDone();
});
