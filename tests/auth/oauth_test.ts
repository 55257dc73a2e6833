import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  authorizeUrl,
  createPkcePair,
  createState,
  exchangeCode,
  pkceChallenge,
  refreshTokens,
  revokeToken,
} from "../../src/auth/oauth.ts";
import { hasScope, normaliseScope } from "../../src/auth/token_set.ts";
import { HttpClient } from "../../src/http/http.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

const API = "http://127.0.0.1:9";
const CREDS = { clientId: "client id+1", clientSecret: "s3cr3t:with&chars" };
const NOW = Date.parse("2026-01-01T00:00:00Z");

function http(fake: FakeFetch, log?: (line: string) => void): HttpClient {
  return new HttpClient({ baseUrl: API, fetch: fake.fetch, sleep: () => Promise.resolve(), log });
}

Deno.test("PKCE: 43-char base64url verifier, S256 challenge equals base64url(sha256(verifier))", async () => {
  const pair = await createPkcePair();
  assert.match(pair.verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(pair.method, "S256");
  const expected = createHash("sha256").update(pair.verifier).digest("base64url");
  assert.equal(pair.challenge, expected);
  assert.equal(await pkceChallenge("abc"), createHash("sha256").update("abc").digest("base64url"));
  assert.notEqual((await createPkcePair()).verifier, pair.verifier);
});

Deno.test("state: 256 bits of base64url, different every time", () => {
  const states = new Set(Array.from({ length: 50 }, () => createState()));
  assert.equal(states.size, 50);
  for (const state of states) assert.match(state, /^[A-Za-z0-9_-]{43}$/);
});

Deno.test("authorizeUrl: /login on the API origin with every parameter encoded", () => {
  const url = authorizeUrl({
    apiUrl: "http://127.0.0.1:8080/",
    clientId: "id&x",
    redirectUri: "http://localhost:12000/callback",
    state: "st",
    codeChallenge: "ch",
  });
  assert.equal(url.origin + url.pathname, "http://127.0.0.1:8080/login");
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: "code",
    client_id: "id&x",
    redirect_uri: "http://localhost:12000/callback",
    state: "st",
    code_challenge: "ch",
    code_challenge_method: "S256",
  });
});

Deno.test("exchangeCode: form body, HTTP Basic, no secret in the body, absolute expiry", async () => {
  const fake = new FakeFetch().on("POST", "/oauth/token", {
    body: {
      access_token: "at",
      refresh_token: "rt",
      token_type: "Bearer",
      expires_in: 3600,
      scope: "profile.read stream.default.read",
      extra: 1,
    },
  });
  const tokens = await exchangeCode(http(fake), {
    ...CREDS,
    code: "the-code",
    redirectUri: "http://localhost:12000/callback",
    codeVerifier: "verifier",
  }, () => NOW);
  assert.deepEqual(tokens, {
    accessToken: "at",
    refreshToken: "rt",
    expiresAt: "2026-01-01T01:00:00.000Z",
    scopes: ["profile.read", "stream.default.read"],
    tokenType: "Bearer",
  });
  const request = fake.requests[0];
  assert.equal(request.headers.get("content-type"), "application/x-www-form-urlencoded");
  assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), {
    grant_type: "authorization_code",
    code: "the-code",
    redirect_uri: "http://localhost:12000/callback",
    code_verifier: "verifier",
  });
  const basic = request.headers.get("authorization")!;
  assert.equal(
    atob(basic.replace(/^Basic /, "")),
    `${encodeURIComponent("client id+1").replace(/%20/g, "+")}:${
      encodeURIComponent(CREDS.clientSecret)
    }`,
  );
  fake.assertDone();
});

Deno.test("refreshTokens: refresh_token grant; camelCase-only response accepted", async () => {
  const fake = new FakeFetch().on("POST", "/oauth/token", {
    body: {
      accessToken: "at2",
      refreshToken: "rt2",
      accessTokenExpiresEpoch: NOW / 1000 + 60,
      scopeJson: ["chat.read"],
      tokenType: "Bearer",
    },
  });
  const tokens = await refreshTokens(http(fake), { ...CREDS, refreshToken: "rt1" }, () => NOW);
  assert.equal(tokens.accessToken, "at2");
  assert.equal(tokens.refreshToken, "rt2");
  assert.equal(tokens.expiresAt, "2026-01-01T00:01:00.000Z");
  assert.deepEqual(tokens.scopes, ["chat.read"]);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(fake.requests[0].body)), {
    grant_type: "refresh_token",
    refresh_token: "rt1",
  });
  assert.match(fake.requests[0].headers.get("authorization")!, /^Basic /);
});

Deno.test("token endpoint errors: 400/401 become auth errors without secrets; others keep their kind", async (t) => {
  const cases: Array<{ name: string; reply: Parameters<FakeFetch["on"]>[2]; kind: string }> = [
    {
      name: "400 invalid_grant",
      reply: { status: 400, body: { error: "invalid_grant", error_description: "Invalid grant" } },
      kind: "auth",
    },
    {
      name: "401 invalid_client",
      reply: { status: 401, body: { error: "invalid_client" } },
      kind: "auth",
    },
    {
      name: "400 HTML from a proxy",
      reply: { status: 400, body: "<html><title>Bad</title></html>" },
      kind: "auth",
    },
    { name: "400 empty body", reply: { status: 400 }, kind: "auth" },
    { name: "500", reply: { status: 500, body: { message: "boom" } }, kind: "server" },
    {
      name: "network",
      reply: new TypeError("error sending request: connection reset"),
      kind: "network",
    },
    {
      name: "200 without access_token",
      reply: { body: { refresh_token: "x" } },
      kind: "invalid_response",
    },
    { name: "200 not JSON", reply: { body: "nope" }, kind: "invalid_response" },
    { name: "200 wrong type", reply: { body: { access_token: 5 } }, kind: "invalid_response" },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const fake = new FakeFetch().on("POST", "/oauth/token", c.reply);
      const error = await rejects(
        refreshTokens(http(fake), { ...CREDS, refreshToken: "secret-refresh" }),
      );
      assert.equal(error.kind, c.kind, error.message);
      assert.ok(!error.message.includes("secret-refresh"));
      assert.ok(!error.message.includes(CREDS.clientSecret));
      if (c.name === "401 invalid_client") {
        assert.match(error.message, /check the app's credentials \(RESTREAM_CLIENT_ID, /);
      } else if (c.kind === "auth") {
        assert.match(error.message, /run 'restream login'/);
      }
      assert.equal(fake.requests.length, 1, "a POST to the token endpoint is sent once");
    });
  }
});

Deno.test("invalid_grant message says what happened and what to do", async () => {
  const fake = new FakeFetch().on("POST", "/oauth/token", {
    status: 400,
    body: { error: "invalid_grant", error_description: "refresh token expired" },
  });
  const error = await rejects(refreshTokens(http(fake), { ...CREDS, refreshToken: "r" }));
  assert.equal(error.code, "invalid_grant");
  assert.equal(error.status, 400);
  assert.match(
    error.message,
    /refresh failed.*invalid_grant: refresh token expired.*restream login/,
  );
});

Deno.test("revokeToken: form token + hint with Basic auth; failure is an error", async () => {
  const fake = new FakeFetch()
    .on("POST", "/oauth/revoke", [{ status: 200 }, {
      status: 401,
      body: { error: "invalid_client" },
    }]);
  await revokeToken(http(fake), { ...CREDS, token: "tok", hint: "refresh_token" });
  assert.deepEqual(Object.fromEntries(new URLSearchParams(fake.requests[0].body)), {
    token: "tok",
    token_type_hint: "refresh_token",
  });
  assert.match(fake.requests[0].headers.get("authorization")!, /^Basic /);
  const error = await rejects(
    revokeToken(http(fake), { ...CREDS, token: "t", hint: "access_token" }),
  );
  assert.equal(error.kind, "auth");
});

Deno.test("verbose log of token calls shows no code, token or secret", async () => {
  const lines: string[] = [];
  const fake = new FakeFetch().on("POST", "/oauth/token", {
    body: { access_token: "new-access", refresh_token: "new-refresh", expires_in: 3600 },
  });
  await exchangeCode(http(fake, (line) => lines.push(line)), {
    ...CREDS,
    code: "the-code",
    redirectUri: "http://localhost:1/callback",
    codeVerifier: "the-verifier",
  });
  const log = lines.join("\n");
  assert.ok(lines.length >= 2);
  for (
    const secret of ["the-code", "the-verifier", "new-access", "new-refresh", CREDS.clientSecret]
  ) {
    assert.ok(!log.includes(secret), `log leaks ${secret}`);
  }
});

Deno.test("scopes compare ignoring the .default infix", () => {
  assert.equal(normaliseScope("stream.default.read"), "stream.read");
  assert.ok(hasScope(["stream.default.read"], "stream.read"));
  assert.ok(hasScope(["stream.read"], "stream.default.read"));
  assert.ok(!hasScope(["stream.default.read"], "stream.write"));
  assert.ok(!hasScope(["chat.read"], "stream.read"));
});

Deno.test("token endpoint: a redirect is not followed, so the refresh token never reaches another origin", async () => {
  const received: string[] = [];
  const other = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    received.push(await r.text());
    return Response.json({ access_token: "stolen" });
  });
  const api = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response(null, {
        status: 307,
        headers: { location: `http://127.0.0.1:${other.addr.port}/oauth/token` },
      }),
  );
  try {
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${api.addr.port}` });
    const error = await rejects(
      refreshTokens(client, { ...CREDS, refreshToken: "secret-refresh" }),
    );
    assert.match(error.message, /HTTP 307/);
    await revokeToken(client, { ...CREDS, token: "secret-access", hint: "access_token" })
      .catch(() => {});
    assert.deepEqual(received, []);
  } finally {
    await api.shutdown();
    await other.shutdown();
  }
});
