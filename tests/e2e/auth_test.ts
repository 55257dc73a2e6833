/**
 * End to end: `login`, the stored tokens in use, refreshes and `logout`, with the real CLI
 * as a subprocess against the project's mock server. The browser is played by fetch here
 * (tests/e2e/browser_login_test.ts drives a real one).
 */

import assert from "node:assert/strict";
import { TokenStore } from "../../src/auth/token_store.ts";
import { call } from "../support/mock.ts";
import {
  type AuthSetting,
  modeOf,
  readTokenFile,
  startLogin,
  type WaitingLogin,
  withAuthSetting,
} from "../support/login_flow.ts";
import { type ProcessResult, runProcess } from "../support/subprocess.ts";

const REAL_API = "https://api.restream.io";
const LOGGED_IN =
  /Logged in as gamenight \(gamenight@example\.com\) to http:\/\/127\.0\.0\.1:\d+\./;

/** A response as a browser tab would end up with it (redirects not followed). */
interface Page {
  status: number;
  location: string | null;
  text: string;
}

async function browse(url: string | URL, init: RequestInit = {}): Promise<Page> {
  const response = await fetch(url, { redirect: "manual", ...init });
  return {
    status: response.status,
    location: response.headers.get("location"),
    text: await response.text(),
  };
}

/** Opens the authorization URL on an auto-approving mock: the callback URL it redirects to. */
async function approvedCallback(login: WaitingLogin): Promise<URL> {
  const page = await browse(login.authorizeUrl);
  assert.equal(page.status, 302, page.text);
  return new URL(page.location!);
}

/** Lands on the callback as a browser does: the favicon first, then the page itself. */
async function landOn(login: WaitingLogin, callback: URL): Promise<Page> {
  const favicon = await browse(new URL("/favicon.ico", login.redirectUri));
  assert.equal(favicon.status, 404);
  return await browse(callback);
}

/** Logs in through the whole flow; returns what the CLI printed and the code it sent. */
async function logIn(
  setting: AuthSetting,
  extra: string[] = [],
): Promise<{ result: ProcessResult; code: string }> {
  const login = await startLogin(setting, extra);
  try {
    const callback = await approvedCallback(login);
    const page = await landOn(login, callback);
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, /<h1>Logged in<\/h1>/);
    return { result: await login.cli.done(), code: callback.searchParams.get("code")! };
  } finally {
    await login.cli.close();
  }
}

function assertNoSecret(text: string, secrets: Array<string | undefined>): void {
  for (const secret of secrets) {
    assert.ok(secret !== undefined && secret.length >= 8, "a secret to look for");
    assert.ok(!text.includes(secret), `a secret leaked:\n${text}`);
  }
}

/** The record stored for the mock's origin. */
async function mockRecord(setting: AuthSetting): Promise<Record<string, unknown>> {
  const record = (await readTokenFile(setting)).tokens[setting.mock.apiUrl];
  assert.ok(record, "tokens stored for the mock's origin");
  return record;
}

/** Statuses the mock answered on a route since the log had `from` entries. */
function statusesSince(setting: AuthSetting, from: number, route: string): number[] {
  return setting.mock.control.requestLog().slice(from)
    .filter((entry) => `${entry.method} ${entry.path}` === route)
    .map((entry) => entry.status);
}

Deno.test("e2e login: callback fetched like a browser → exit 0, tokens 0600 in a 0700 dir, no secret printed", async () => {
  await withAuthSetting({ autoApprove: true }, async (setting) => {
    const { mock } = setting;
    const login = await startLogin(setting, ["-v"]);
    let callback: URL;
    let result: ProcessResult;
    try {
      const { authorizeUrl, redirectUri } = login;
      assert.equal(authorizeUrl.origin, mock.apiUrl);
      assert.equal(authorizeUrl.searchParams.get("client_id"), mock.clientId);
      assert.equal(authorizeUrl.searchParams.get("response_type"), "code");
      assert.equal(authorizeUrl.searchParams.get("code_challenge_method"), "S256");
      assert.match(redirectUri.href, /^http:\/\/localhost:\d+\/callback$/);
      await login.cli.waitForStderr(
        /Waiting for http:\/\/localhost:\d+\/callback \(timeout 300 s\)/,
      );

      callback = await approvedCallback(login);
      assert.equal(callback.searchParams.get("state"), authorizeUrl.searchParams.get("state"));
      const page = await landOn(login, callback);
      assert.equal(page.status, 200);
      assert.match(page.text, /You can close this tab/);
      result = await login.cli.done();
      // One good callback and the listener is gone.
      await assert.rejects(fetch(callback));
    } finally {
      await login.cli.close();
    }

    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, LOGGED_IN);
    assert.equal(await modeOf(setting.configDir), 0o700);
    assert.equal(await modeOf(setting.tokensPath), 0o600);
    const entries = await Array.fromAsync(Deno.readDir(setting.configDir), (e) => e.name);
    assert.deepEqual(entries, ["tokens.json"]);
    const file = await readTokenFile(setting);
    assert.equal(file.version, 1);
    assert.deepEqual(Object.keys(file.tokens), [mock.apiUrl]);
    const stored = file.tokens[mock.apiUrl];
    assert.equal(stored.clientId, mock.clientId);
    assert.ok(Date.parse(String(stored.expiresAt)) > Date.now() + 3000_000);
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: String(stored.accessToken) })).status,
      200,
    );
    assert.equal(mock.control.counters().tokenGrants, 1);
    // -v logged the code exchange, with every secret masked.
    assert.match(result.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token/);
    assertNoSecret(result.stderr, [
      callback.searchParams.get("code")!,
      String(stored.accessToken),
      String(stored.refreshToken),
      mock.clientSecret,
    ]);
  });
});

Deno.test("e2e login: denied in the browser → exit 3, a clear message, nothing stored", async () => {
  await withAuthSetting({}, async (setting) => {
    const login = await startLogin(setting);
    try {
      const authorize = await browse(login.authorizeUrl);
      assert.equal(authorize.status, 200);
      assert.match(authorize.text, /id="deny"/);
      // The page's form posts the authorize parameters back with the decision.
      const form = new URLSearchParams(login.authorizeUrl.search);
      form.set("decision", "deny");
      const denied = await browse(new URL("/login", setting.mock.apiUrl), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      assert.equal(denied.status, 302);
      assert.equal(denied.location, login.redirectUri.href);
      const page = await landOn(login, new URL(denied.location!));
      assert.equal(page.status, 400);
      assert.match(page.text, /Login failed/);
      const result = await login.cli.done();
      assert.equal(result.code, 3, result.stderr);
      assert.match(result.stderr, /error: login was denied in the browser/);
      assert.equal(result.stdout, "");
    } finally {
      await login.cli.close();
    }
    await assert.rejects(Deno.stat(setting.tokensPath), Deno.errors.NotFound);
    assert.equal(setting.mock.control.counters().tokenGrants, 0);
  });
});

Deno.test("e2e login: a forged callback is ignored with a 400 page; the real one still logs in", async () => {
  await withAuthSetting({ autoApprove: true }, async (setting) => {
    const login = await startLogin(setting);
    try {
      const callback = await approvedCallback(login);
      const forged = new URL(callback);
      forged.searchParams.set("state", "forged-state");
      forged.searchParams.set("code", "forged-code");
      const page = await landOn(login, forged);
      assert.equal(page.status, 400);
      assert.match(page.text, /Not this login/);
      assert.equal(setting.mock.control.counters().tokenGrants, 0);
      const real = await browse(callback);
      assert.equal(real.status, 200, real.text);
      const result = await login.cli.done();
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /Ignored a callback whose state does not match this login's; still waiting\./,
      );
      assert.match(result.stderr, LOGGED_IN);
    } finally {
      await login.cli.close();
    }
    assert.equal(setting.mock.control.counters().tokenGrants, 1);
  });
});

Deno.test("e2e login: a wrong client secret → the browser's page and the CLI say so, exit 3", async () => {
  await withAuthSetting({ autoApprove: true }, async (setting) => {
    const secret = "not-the-mock-client-secret";
    const login = await startLogin({
      ...setting,
      env: { ...setting.env, RESTREAM_CLIENT_SECRET: secret },
    });
    try {
      const page = await landOn(login, await approvedCallback(login));
      assert.equal(page.status, 400);
      assert.match(page.text, /<h1>Login failed<\/h1>/);
      assert.match(page.text, /the client id or secret was refused/);
      const result = await login.cli.done();
      assert.equal(result.code, 3, result.stderr);
      assert.match(
        result.stderr,
        /error: the login failed: the client id or secret was refused \(invalid_client: .*\); check the app's credentials \(RESTREAM_CLIENT_ID, RESTREAM_CLIENT_SECRET\)\n$/,
      );
      assertNoSecret(result.stderr + page.text, [secret]);
    } finally {
      await login.cli.close();
    }
    await assert.rejects(Deno.stat(setting.tokensPath), Deno.errors.NotFound);
  });
});

Deno.test("e2e login: --timeout 1 → exit 3; a port in use → exit 3 naming --port; Ctrl+C → 130", async () => {
  await withAuthSetting({}, async (setting) => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = String(listener.addr.port);
    try {
      const interrupt = async (): Promise<ProcessResult> => {
        const login = await startLogin(setting);
        try {
          await login.cli.waitForStderr(/Waiting for/);
          login.cli.child.kill("SIGINT");
          return await login.cli.done();
        } finally {
          await login.cli.close();
        }
      };
      const [timedOut, taken, interrupted] = await Promise.all([
        runProcess(["login", "--no-browser", "--port", "0", "--timeout", "1"], {
          env: setting.env,
        }),
        runProcess(["login", "--no-browser", "--port", port], { env: setting.env }),
        interrupt(),
      ]);
      assert.equal(timedOut.code, 3, timedOut.stderr);
      assert.match(timedOut.stderr, /error: login timed out after 1 s without a callback\n$/);
      assert.equal(taken.code, 3, taken.stderr);
      assert.equal(
        taken.stderr,
        `error: port ${port} on 127.0.0.1 is already in use: pass --port with a free port ` +
          "(http://localhost:<port>/callback must be a redirect URI registered for your app)\n",
      );
      assert.equal(interrupted.code, 130, interrupted.stderr);
      assert.match(interrupted.stderr, /error: login cancelled\n$/);
    } finally {
      listener.close();
    }
    await assert.rejects(Deno.stat(setting.tokensPath), Deno.errors.NotFound);
  });
});

Deno.test("e2e login: the redirect URL pasted on stdin (--json); the real account's tokens untouched", async () => {
  await withAuthSetting({ autoApprove: true }, async (setting) => {
    const real = {
      accessToken: "real-account-access-token",
      refreshToken: "real-account-refresh-token",
      expiresAt: "2030-01-01T00:00:00.000Z",
      scopes: ["profile.read"],
      clientId: "real-client",
    };
    await new TokenStore({ dir: setting.configDir }).set(REAL_API, real);
    // Nothing is stored for the mock's origin yet: the real account's tokens do not stand in.
    for (const args of [["auth", "status"], ["profile"]]) {
      const before = await runProcess(args, { env: setting.env });
      assert.equal(before.code, 3, before.stderr);
      assert.match(before.stderr, /not logged in to http:\/\/127\.0\.0\.1:\d+/);
    }

    const login = await startLogin(setting, ["--json"], "piped");
    try {
      // The browser ran elsewhere: the user copies the address it ended on.
      const callback = await approvedCallback(login);
      await login.cli.write("not a url\n");
      await login.cli.write(`${callback.href}\n`);
      const result = await login.cli.done();
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /Ignored the pasted line: not a URL/);
      const printed = JSON.parse(result.stdout);
      assert.equal(printed.loggedIn, true);
      assert.equal(printed.origin, setting.mock.apiUrl);
      assert.equal(printed.username, "gamenight");
      assert.ok(printed.scopes.includes("profile.read"));
      assertNoSecret(result.stdout + result.stderr, [
        callback.searchParams.get("code")!,
        setting.mock.clientSecret,
      ]);
    } finally {
      await login.cli.close();
    }
    const file = await readTokenFile(setting);
    assert.deepEqual(file.tokens[REAL_API], real);
    assert.notEqual(file.tokens[setting.mock.apiUrl]?.accessToken, real.accessToken);
    // Nothing of the real account went to the mock: not in a header, not in a query.
    const seen = setting.mock.control.requestLog();
    assertNoSecret(JSON.stringify(seen.map((e) => [e.query, e.headers])), [
      real.accessToken,
      real.refreshToken,
    ]);
    // The log does hold what was sent: the mock's own token, on the profile request.
    const mockToken = file.tokens[setting.mock.apiUrl]?.accessToken;
    assert.ok(
      seen.some((e) =>
        e.path === "/v2/user/profile" && e.headers.authorization === `Bearer ${mockToken}`
      ),
      "the profile request with the mock's token is in the log",
    );
  });
});

Deno.test("e2e tokens: profile, status, token; expiry and 401 refreshes, also in parallel; logout", async () => {
  await withAuthSetting({ autoApprove: true }, async (setting) => {
    const { mock, env } = setting;
    const real = {
      accessToken: "real-account-access-token",
      refreshToken: "real-account-refresh-token",
      scopes: [],
    };
    await new TokenStore({ dir: setting.configDir }).set(REAL_API, real);
    const { result: login } = await logIn(setting);
    assert.equal(login.code, 0, login.stderr);
    const run = (...args: string[]): Promise<ProcessResult> => runProcess(args, { env });
    const refreshes = (): number => mock.control.counters().refreshes;

    // The stored tokens as they are. A file someone made readable to others is tightened
    // at once, with a notice.
    const first = await mockRecord(setting);
    await Deno.chmod(setting.tokensPath, 0o644);
    const token = await run("auth", "token");
    assert.equal(token.stdout, `${first.accessToken}\n`);
    assert.equal(
      token.stderr,
      `note: the token file ${setting.tokensPath} had mode 0644 (readable by others); ` +
        "tightened it to 0600\n",
    );
    assert.equal(await modeOf(setting.tokensPath), 0o600);
    const [profile, status, statusJson] = await Promise.all([
      run("profile", "--json"),
      run("auth", "status"),
      run("auth", "status", "--json"),
    ]);
    assert.equal(profile.code, 0, profile.stderr);
    assert.equal(JSON.parse(profile.stdout).username, "gamenight");
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /Account:\s+gamenight \(gamenight@example\.com\)/);
    assert.match(status.stdout, /Source:\s+token file/);
    assert.ok(status.stdout.includes(setting.tokensPath));
    assert.equal(JSON.parse(statusJson.stdout).source, "file");
    assert.equal(JSON.parse(statusJson.stdout).origin, mock.apiUrl);
    assert.equal(refreshes(), 0);

    // Days later: the stored expiry has passed, so the next command refreshes before asking.
    await setExpiry(setting, -1000);
    let from = mock.control.requestLog().length;
    const expired = await run("profile", "-v");
    assert.equal(expired.code, 0, expired.stderr);
    assert.equal(refreshes(), 1);
    assert.deepEqual(statusesSince(setting, from, "GET /v2/user/profile"), [200]);
    const second = await mockRecord(setting);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.ok(Date.parse(String(second.expiresAt)) > Date.now() + 3000_000);
    assert.equal(await modeOf(setting.tokensPath), 0o600);
    // The old pair is dead on the server: rotation.
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: String(first.accessToken) })).status,
      401,
    );
    assertNoSecret(expired.stderr + expired.stdout, [
      String(first.accessToken),
      String(first.refreshToken),
      String(second.accessToken),
      String(second.refreshToken),
      mock.clientSecret,
    ]);

    // The server expired the token early: a 401, one refresh, one retry.
    mock.control.expireAllTokens();
    from = mock.control.requestLog().length;
    const rejected = await run("profile", "-v");
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.equal(refreshes(), 2);
    assert.deepEqual(statusesSince(setting, from, "GET /v2/user/profile"), [401, 200]);
    const third = await mockRecord(setting);
    assert.notEqual(third.refreshToken, second.refreshToken);
    assertNoSecret(rejected.stderr, [
      String(second.accessToken),
      String(second.refreshToken),
      String(third.accessToken),
      String(third.refreshToken),
      mock.clientSecret,
    ]);

    // Four commands at once on a token the server rejects: one refresh, nobody logged out.
    mock.control.expireAllTokens();
    const parallel401 = await Promise.all([1, 2, 3, 4].map(() => run("profile", "--json")));
    for (const result of parallel401) assert.equal(result.code, 0, result.stderr);
    assert.equal(refreshes(), 3);

    // Four at once on a stored token past its expiry: one refresh, all print the new token.
    mock.control.expireAllTokens();
    await setExpiry(setting, -1000);
    const parallelExpired = await Promise.all([1, 2, 3, 4].map(() => run("auth", "token")));
    assert.equal(refreshes(), 4);
    const fourth = await mockRecord(setting);
    for (const result of parallelExpired) {
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${fourth.accessToken}\n`);
    }
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: String(fourth.accessToken) })).status,
      200,
    );

    // Logout revokes the pair, deletes this origin's record, keeps the other; twice is fine.
    const before = mock.control.counters().revocations;
    const logout = await run("logout", "-v");
    assert.equal(logout.code, 0, logout.stderr);
    assert.equal(logout.stderr.split("\n").at(-2), `Logged out of ${mock.apiUrl}.`);
    assert.equal(mock.control.counters().revocations - before, 2);
    assertNoSecret(logout.stderr, [
      String(fourth.accessToken),
      String(fourth.refreshToken),
      mock.clientSecret,
    ]);
    assert.equal(
      (await call(mock, "/v2/user/profile", { token: String(fourth.accessToken) })).status,
      401,
    );
    const file = await readTokenFile(setting);
    assert.deepEqual(file.tokens, { [REAL_API]: real });
    const again = await run("logout");
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, `Not logged in to ${mock.apiUrl}; nothing to do.\n`);
    assert.equal(mock.control.counters().revocations - before, 2);

    // Logged out: status says so to scripts, commands need a login.
    const gone = await run("auth", "status", "--json");
    assert.equal(gone.code, 3);
    assert.equal(gone.stdout, '{"loggedIn":false}\n');
    assert.deepEqual(JSON.parse(gone.stderr), {
      error: {
        kind: "auth",
        status: null,
        message: `not logged in to ${mock.apiUrl}: run 'restream login' or set RESTREAM_TOKEN`,
      },
    });
    const needsLogin = await run("profile");
    assert.equal(needsLogin.code, 3);
    assert.equal(needsLogin.stdout, "");
    assert.deepEqual((await readTokenFile(setting)).tokens, { [REAL_API]: real });
  });
});

/** Moves the stored expiry of the mock's tokens to now + `offsetMs`, as time passing would. */
async function setExpiry(setting: AuthSetting, offsetMs: number): Promise<void> {
  const store = new TokenStore({ dir: setting.configDir });
  const record = await store.get(setting.mock.apiUrl);
  assert.ok(record);
  await store.set(setting.mock.apiUrl, {
    ...record,
    expiresAt: new Date(Date.now() + offsetMs).toISOString(),
  });
}
