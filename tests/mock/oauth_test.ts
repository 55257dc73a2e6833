import assert from "node:assert/strict";
import type { MockServer } from "../../src/mock/types.ts";
import { call, postForm, withMock } from "../support/mock.ts";

const REDIRECT = "http://localhost:12000/callback";

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Goes through the authorize page and approves; returns the redirect's parameters. */
async function approve(
  mock: MockServer,
  extra: Record<string, string> = {},
): Promise<URLSearchParams> {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: mock.clientId,
    redirect_uri: REDIRECT,
    state: "st-123",
    ...extra,
  });
  const page = await fetch(`${mock.apiUrl}/login?${params}`);
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /id="approve"/);
  assert.match(html, /id="deny"/);
  params.set("decision", "approve");
  const decided = await fetch(`${mock.apiUrl}/login`, {
    method: "POST",
    body: params,
    redirect: "manual",
  });
  await decided.body?.cancel();
  assert.equal(decided.status, 302);
  const location = new URL(decided.headers.get("location")!);
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
  return location.searchParams;
}

async function exchange(
  mock: MockServer,
  code: string,
  extra: Record<string, string> = {},
  client: "basic" | "form" = "basic",
) {
  return await postForm(mock, "/oauth/token", {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    ...extra,
  }, client);
}

Deno.test("login approve redirects with code, state and comma-separated scope; the code gives a full token response", async () => {
  await withMock({ tokenLifetimeSeconds: 120 }, async (mock) => {
    const redirect = await approve(mock);
    assert.equal(redirect.get("state"), "st-123");
    assert.ok(redirect.get("scope")!.split(",").includes("profile.read"));
    const res = await exchange(mock, redirect.get("code")!);
    assert.equal(res.status, 200, res.text);
    const t = res.json;
    assert.equal(t.token_type, "Bearer");
    assert.equal(t.expires_in, 120);
    assert.equal(t.accessToken, t.access_token);
    assert.equal(t.refreshTokenExpiresIn, 31536000);
    assert.deepEqual(t.scope.split(" "), t.scopeJson);
    assert.ok(Math.abs(t.expires - (Date.now() / 1000 + 120)) < 5);
    assert.equal(new Date(t.accessTokenExpiresAt).getTime() / 1000, t.accessTokenExpiresEpoch);
    const profile = await call(mock, "/v2/user/profile", { token: t.access_token });
    assert.equal(profile.status, 200);
    assert.equal(mock.control.counters().tokenGrants, 1);
  });
});

Deno.test("login deny redirects to redirect_uri with no parameters", async () => {
  await withMock({}, async (mock) => {
    const params = new URLSearchParams({
      client_id: mock.clientId,
      redirect_uri: REDIRECT,
      state: "s",
      decision: "deny",
    });
    const res = await fetch(`${mock.apiUrl}/login`, {
      method: "POST",
      body: params,
      redirect: "manual",
    });
    await res.body?.cancel();
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), REDIRECT);
  });
});

Deno.test("login validates client_id and redirect_uri", async () => {
  await withMock({}, async (mock) => {
    for (
      const query of [
        `redirect_uri=${REDIRECT}`,
        `client_id=${mock.clientId}`,
        `client_id=other&redirect_uri=${REDIRECT}`,
      ]
    ) {
      const res = await fetch(`${mock.apiUrl}/login?${query}`);
      await res.body?.cancel();
      assert.equal(res.status, 400, query);
    }
  });
});

Deno.test("auto-approve redirects at once", async () => {
  await withMock({ autoApprove: true }, async (mock) => {
    const res = await fetch(
      `${mock.apiUrl}/login?client_id=${mock.clientId}&redirect_uri=${REDIRECT}&state=x`,
      { redirect: "manual" },
    );
    await res.body?.cancel();
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get("location")!);
    assert.ok(location.searchParams.get("code"));
    assert.equal(location.searchParams.get("state"), "x");
  });
});

Deno.test("codes are single-use and bound to redirect_uri", async () => {
  await withMock({}, async (mock) => {
    const code = (await approve(mock)).get("code")!;
    assert.equal((await exchange(mock, code)).status, 200);
    const again = await exchange(mock, code);
    assert.equal(again.status, 400);
    assert.equal(again.json.error, "invalid_grant");
    const other = (await approve(mock)).get("code")!;
    const wrongRedirect = await exchange(mock, other, {
      redirect_uri: "http://localhost:9/callback",
    });
    assert.equal(wrongRedirect.json.error, "invalid_grant");
  });
});

Deno.test("PKCE: a wrong or missing verifier is rejected, the S256 verifier accepted", async () => {
  await withMock({}, async (mock) => {
    const verifier = "v".repeat(43);
    const pkce = { code_challenge: await challengeOf(verifier), code_challenge_method: "S256" };
    const wrong = await exchange(mock, (await approve(mock, pkce)).get("code")!, {
      code_verifier: "w".repeat(43),
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error, "invalid_grant");
    assert.match(wrong.json.error_description, /code_verifier/);
    const missing = await exchange(mock, (await approve(mock, pkce)).get("code")!);
    assert.equal(missing.json.error, "invalid_grant");
    const good = await exchange(mock, (await approve(mock, pkce)).get("code")!, {
      code_verifier: verifier,
    });
    assert.equal(good.status, 200, good.text);
  });
});

Deno.test("client auth: Basic and form fields work; wrong or missing credentials are invalid_client", async () => {
  await withMock({}, async (mock) => {
    assert.equal(
      (await exchange(mock, (await approve(mock)).get("code")!, {}, "basic")).status,
      200,
    );
    assert.equal(
      (await exchange(mock, (await approve(mock)).get("code")!, {}, "form")).status,
      200,
    );
    const none = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: "x",
    }, "none");
    assert.equal(none.status, 401);
    assert.equal(none.json.error, "invalid_client");
    const wrong = await fetch(`${mock.apiUrl}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${mock.clientId}:nope`)}` },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "x" }),
    });
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error, "invalid_client");
  });
});

Deno.test("Basic credentials are form-url-decoded", async () => {
  await withMock({}, async (mock) => {
    const code = (await approve(mock)).get("code")!;
    const encoded = `${encodeURIComponent(mock.clientId)}:${
      encodeURIComponent(mock.clientSecret).replace(/-/g, "%2D")
    }`;
    const res = await fetch(`${mock.apiUrl}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(encoded)}` },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
  });
});

Deno.test("refresh rotates: the old pair stops working, the new one works, reuse is invalid_grant", async () => {
  await withMock({}, async (mock) => {
    const old = mock.control.issueTokens();
    const res = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: old.refreshToken,
    });
    assert.equal(res.status, 200, res.text);
    const fresh = res.json;
    assert.notEqual(fresh.access_token, old.accessToken);
    assert.notEqual(fresh.refresh_token, old.refreshToken);
    assert.equal((await call(mock, "/v2/user/profile", { token: old.accessToken })).status, 401);
    assert.equal((await call(mock, "/v2/user/profile", { token: fresh.access_token })).status, 200);
    const reuse = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: old.refreshToken,
    });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.json.error, "invalid_grant");
    const next = await postForm(mock, "/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: fresh.refresh_token,
    });
    assert.equal(next.status, 200);
    assert.equal(mock.control.counters().refreshes, 3);
  });
});

Deno.test("revoke: always 200 empty, revokes the whole pair, counts", async () => {
  await withMock({}, async (mock) => {
    const pair = mock.control.issueTokens();
    const res = await postForm(mock, "/oauth/revoke", {
      token: pair.refreshToken,
      token_type_hint: "refresh_token",
    });
    assert.equal(res.status, 200);
    assert.equal(res.text, "");
    assert.equal((await call(mock, "/v2/user/profile", { token: pair.accessToken })).status, 401);
    const unknown = await postForm(mock, "/oauth/revoke", { token: "unknown" });
    assert.equal(unknown.status, 200);
    assert.equal(mock.control.counters().revocations, 2);
  });
});

Deno.test("token lifetime: an expired access token is 401 'access token expired'", async () => {
  await withMock({}, async (mock) => {
    const pair = mock.control.issueTokens({ lifetimeSeconds: 0.05 });
    await new Promise((r) => setTimeout(r, 80));
    const res = await call(mock, "/v2/user/profile", { token: pair.accessToken });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.message, "Invalid token: access token expired");
    assert.equal(res.json.error.name, "invalid_token");
  });
});
