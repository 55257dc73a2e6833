import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { login, type LoginCallbacks, type LoginResult } from "../../src/auth/login.ts";
import { FakeFetch, type FakeReply } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

const API = "http://127.0.0.1:9";
const TOKENS = { access_token: "at", refresh_token: "rt", expires_in: 3600, scope: "profile.read" };

interface Started {
  result: Promise<LoginResult>;
  url: Promise<URL>;
  fake: FakeFetch;
}

function start(
  options: { port?: number; timeoutMs?: number; signal?: AbortSignal; tokenReply?: FakeReply } = {},
  callbacks: Partial<LoginCallbacks> = {},
): Started {
  const fake = new FakeFetch().on("POST", "/oauth/token", options.tokenReply ?? { body: TOKENS });
  const url = Promise.withResolvers<URL>();
  const result = login({
    apiUrl: API,
    clientId: "cid",
    clientSecret: "csecret",
    port: options.port ?? 0,
    timeoutMs: options.timeoutMs ?? 5_000,
    signal: options.signal,
    fetch: fake.fetch,
    callbacks: { onAuthorizeUrl: (u) => url.resolve(u), ...callbacks },
  });
  // A login that fails before announcing its URL must not leave the test waiting.
  result.catch((error) => url.reject(error));
  url.promise.catch(() => {});
  return { result, url: url.promise, fake };
}

/** Visits a URL like a browser would and returns the page. */
async function visit(url: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

function callbackUrl(authorize: URL, params: Record<string, string>): string {
  const redirect = new URL(authorize.searchParams.get("redirect_uri")!);
  const url = new URL(`http://127.0.0.1:${redirect.port}/callback`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

Deno.test("login: favicon ignored, good callback → success page, code exchanged with PKCE verifier", async () => {
  const { result, url, fake } = start();
  const authorize = await url;
  assert.equal(authorize.origin + authorize.pathname, `${API}/login`);
  const redirectUri = authorize.searchParams.get("redirect_uri")!;
  assert.match(redirectUri, /^http:\/\/localhost:\d+\/callback$/);

  const favicon = await visit(callbackUrl(authorize, {}).replace("/callback", "/favicon.ico"));
  assert.equal(favicon.status, 404);

  const state = authorize.searchParams.get("state")!;
  const page = await visit(
    callbackUrl(authorize, { code: "the-code", scope: "profile.read,stream.read", state }),
  );
  assert.equal(page.status, 200);
  assert.match(page.html, /<h1>Logged in<\/h1>/);
  assert.equal(page.headers.get("cache-control"), "no-store");
  assert.equal(page.headers.get("referrer-policy"), "no-referrer");

  const done = await result;
  assert.equal(done.tokens.accessToken, "at");
  assert.equal(done.redirectUri, redirectUri);
  assert.deepEqual(done.callbackScopes, ["profile.read", "stream.read"]);
  const form = new URLSearchParams(fake.requests[0].body);
  assert.equal(form.get("code"), "the-code");
  assert.equal(form.get("redirect_uri"), redirectUri);
  const challenge = createHash("sha256").update(form.get("code_verifier")!).digest("base64url");
  assert.equal(challenge, authorize.searchParams.get("code_challenge"));
  fake.assertDone();
  // The listener is gone after one good callback.
  await assert.rejects(fetch(callbackUrl(authorize, {})));
});

Deno.test("login: the page waits for the code exchange, so a refused client secret shows there", async () => {
  const { result, url } = start({
    tokenReply: {
      status: 401,
      body: { error: "invalid_client", error_description: "Invalid client: client is invalid" },
    },
  });
  const authorize = await url;
  const state = authorize.searchParams.get("state")!;
  const [page, error] = await Promise.all([
    visit(callbackUrl(authorize, { code: "the-code", state })),
    rejects(result),
  ]);
  assert.equal(page.status, 400);
  assert.match(page.html, /<h1>Login failed<\/h1>/);
  assert.match(page.html, /the client id or secret was refused/);
  assert.ok(!page.html.includes("csecret") && !page.html.includes("the-code"));
  assert.equal(error.code, "invalid_client");
  assert.match(error.message, /check the app&?.*RESTREAM_CLIENT_SECRET/);
  await assert.rejects(fetch(callbackUrl(authorize, {})));
});

Deno.test("login: forged callbacks get a 400 page and the login waits for its own", async () => {
  const ignored: string[] = [];
  const { result, url, fake } = start({}, { onCallbackIgnored: (reason) => ignored.push(reason) });
  const authorize = await url;
  const forged: Record<string, string>[] = [
    { code: "c", state: "forged" },
    { error: "access_denied", state: "forged" },
    { code: "c" },
    { error: "access_denied" },
    { state: "" },
    { unrelated: "1" },
  ];
  for (const params of forged) {
    const page = await visit(callbackUrl(authorize, params));
    assert.equal(page.status, 400, JSON.stringify(params));
    assert.match(page.html, /<h1>Not this login<\/h1>/);
    assert.match(page.html, /still waiting/);
  }
  assert.deepEqual(ignored, [
    "a callback whose state does not match this login's",
    "a callback whose state does not match this login's",
    "a callback without a state",
    "a callback without a state",
    "a callback whose state does not match this login's",
    "a callback without a state",
  ]);
  assert.equal(fake.requests.length, 0, "no code exchanged");
  const state = authorize.searchParams.get("state")!;
  const page = await visit(callbackUrl(authorize, { code: "the-code", state }));
  assert.equal(page.status, 200);
  assert.equal((await result).tokens.accessToken, "at");
  assert.equal(new URLSearchParams(fake.requests[0].body).get("code"), "the-code");
});

Deno.test("login: a bare callback from an <img> or a script is ignored; a page load is the denial", async () => {
  const { result, url } = start();
  const bare = callbackUrl(await url, {});
  for (const dest of ["image", "script", "empty", "iframe"]) {
    const response = await fetch(bare, { headers: { "sec-fetch-dest": dest } });
    assert.equal(response.status, 400, dest);
    assert.match(await response.text(), /Not this login/);
  }
  // Some Sec-Fetch-* header but no destination: not a page load either.
  const modeOnly = await fetch(bare, { headers: { "sec-fetch-mode": "no-cors" } });
  assert.equal(modeOnly.status, 400);
  await modeOnly.body?.cancel();
  const page = await fetch(bare, {
    headers: { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" },
  });
  assert.equal(page.status, 400);
  assert.match(await page.text(), /<h1>Login failed<\/h1>/);
  const error = await rejects(result);
  assert.equal(error.code, "access_denied");
  assert.match(error.message, /denied/);
});

Deno.test("login: the parameterless redirect of a denial is an auth error", async () => {
  const { result, url } = start();
  const page = await visit(callbackUrl(await url, {}));
  assert.equal(page.status, 400);
  const error = await rejects(result);
  assert.equal(error.kind, "auth");
  assert.match(error.message, /denied/);
});

Deno.test("login: an OAuth error parameter is shown, control characters removed, HTML escaped", async () => {
  const { result, url } = start();
  const authorize = await url;
  const state = authorize.searchParams.get("state")!;
  const page = await visit(
    callbackUrl(authorize, {
      error: "access_denied",
      error_description: "<b>no</b>\x1b[31m",
      state,
    }),
  );
  assert.ok(!page.html.includes("<b>"));
  const error = await rejects(result);
  assert.equal(error.message, "login failed in the browser (access_denied: <b>no</b>?[31m)");
});

Deno.test("login: times out without a callback", async () => {
  const { result } = start({ timeoutMs: 30 });
  const error = await rejects(result);
  assert.equal(error.kind, "auth");
  assert.equal(error.code, "timeout");
  assert.equal(error.message, "login timed out after 0.03 s without a callback");
});

Deno.test("login: the callback listener binds loopback only (127.0.0.1, ::1), never all interfaces", async () => {
  const hostnames: Array<string | undefined> = [];
  const realServe = Deno.serve;
  // deno-lint-ignore no-explicit-any
  Deno.serve = ((options: any, handler: any) => {
    hostnames.push(options.hostname);
    return realServe(options, handler);
  }) as typeof Deno.serve;
  const controller = new AbortController();
  try {
    const { result, url } = start({ signal: controller.signal });
    const port = Number(new URL((await url).searchParams.get("redirect_uri")!).port);
    assert.ok(hostnames.length >= 1);
    assert.equal(hostnames[0], "127.0.0.1");
    for (const hostname of hostnames) assert.ok(["127.0.0.1", "::1"].includes(hostname!));
    // And from outside: the port is closed on every other address of this machine.
    const others = Deno.networkInterfaces()
      .filter((i) => i.family === "IPv4" && !i.address.startsWith("127."));
    for (const { address } of others) {
      await assert.rejects(
        Deno.connect({ hostname: address, port }).then((c) => c.close()),
        Deno.errors.ConnectionRefused,
        `the callback port answers on ${address}`,
      );
    }
    controller.abort();
    await rejects(result);
  } finally {
    Deno.serve = realServe;
    controller.abort();
  }
});

Deno.test("login: aborting (Ctrl+C) is an interrupted error", async () => {
  const controller = new AbortController();
  const { result, url } = start({ signal: controller.signal });
  await url;
  controller.abort();
  const error = await rejects(result);
  assert.equal(error.kind, "interrupted");
});

Deno.test("login: a port in use is an auth error with code port_in_use", async () => {
  const busy = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(),
  );
  try {
    const { result } = start({ port: busy.addr.port });
    const error = await rejects(result);
    assert.equal(error.code, "port_in_use");
    assert.match(error.message, new RegExp(`port ${busy.addr.port}`));
  } finally {
    await busy.shutdown();
  }
});

Deno.test("login: a pasted redirect URL completes the login; junk lines are ignored", async () => {
  const ignored: string[] = [];
  const lines = new TransformStream<string, string>();
  const writer = lines.writable.getWriter();
  const { result, url } = start({}, {
    pastedLines: (signal) => {
      signal.addEventListener("abort", () => writer.close().catch(() => {}));
      return lines.readable;
    },
    onPasteIgnored: (reason) => ignored.push(reason),
  });
  const authorize = await url;
  const state = authorize.searchParams.get("state")!;
  await writer.write("not a url");
  await writer.write("http://localhost:1/elsewhere");
  await writer.write("http://localhost:12000/callback?code=stale&state=another-login");
  await writer.write(`http://localhost:12000/callback?code=pasted&state=${state}&scope=chat.read`);
  const done = await result;
  assert.deepEqual(done.callbackScopes, ["chat.read"]);
  assert.equal(ignored.length, 3);
  assert.match(ignored[2], /state does not match/);
});

Deno.test("login: a browser that cannot be opened is reported and the login goes on", async () => {
  let failed = false;
  const { result, url } = start({}, {
    openBrowser: () => Promise.reject(new Error("no xdg-open")),
    onBrowserFailed: () => failed = true,
  });
  const authorize = await url;
  await visit(callbackUrl(authorize, { code: "c", state: authorize.searchParams.get("state")! }));
  await result;
  assert.equal(failed, true);
});
