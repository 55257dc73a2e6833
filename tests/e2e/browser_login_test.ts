/**
 * End to end in a real browser: headless Chromium (Debian's `chromium`, driven by
 * `playwright-core`) goes through the mock's authorize page, clicks Approve and lands on the
 * CLI's callback page. A real browser asks for /favicon.ico, preconnects and keeps its
 * sockets open: the CLI must finish anyway. Skipped (saying why) only outside CI where
 * Chromium is not installed; under CI a missing Chromium fails (`.ci/run` installs it).
 */

import assert from "node:assert/strict";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { modeOf, readTokenFile, startLogin, withAuthSetting } from "../support/login_flow.ts";
import { isFile, tool } from "../support/tools.ts";
import { withTempDir } from "../support/temp_dir.ts";

const CHROMIUM = "/usr/bin/chromium";

const BROWSER = tool("Chromium", isFile(CHROMIUM), "apt-get install chromium; .ci/run installs it");

/**
 * Runs `fn` with a page of a throwaway headless Chromium that reaches nothing but what the
 * test opens; the browser is closed and its profile removed afterwards.
 */
function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  return withTempDir(async (userDataDir) => {
    const context = await launch(userDataDir);
    try {
      await fn(context.pages()[0] ?? await context.newPage());
    } finally {
      await context.close();
    }
  });
}

function launch(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/** A web page of another origin, on loopback. */
function servePage(html: string): { server: Deno.HttpServer<Deno.NetAddr>; url: string } {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response(html, { headers: { "content-type": "text/html" } }),
  );
  return { server, url: `http://127.0.0.1:${server.addr.port}/` };
}

Deno.test({
  name:
    "e2e browser: Chromium approves on the mock's page, lands on the callback page; the CLI exits 0",
  ignore: BROWSER.ignore,
  async fn() {
    BROWSER.require();
    await withAuthSetting({ autoApprove: false }, async (setting) => {
      const login = await startLogin(setting);
      try {
        await withPage(async (page) => {
          const visited: string[] = [];
          page.on("request", (request) => void visited.push(new URL(request.url()).pathname));

          await page.goto(login.authorizeUrl.href);
          assert.equal(await page.textContent("h1"), "Restream Mock App");
          await Promise.all([
            page.waitForURL((url) => url.pathname === "/callback", { timeout: 10_000 }),
            page.click("#approve"),
          ]);
          assert.equal(new URL(page.url()).host, login.redirectUri.host);
          assert.equal(await page.title(), "restream: Logged in");
          assert.equal(await page.textContent("h1"), "Logged in");
          assert.match(
            (await page.textContent("main")) ?? "",
            /You can close this tab and return to the terminal\./,
          );
          assert.deepEqual(visited.filter((path) => path !== "/favicon.ico"), [
            "/login",
            "/login",
            "/callback",
          ]);

          // The CLI finishes while the browser still holds its connections to the listener.
          const result = await login.cli.done(10_000);
          assert.equal(result.code, 0, result.stderr);
          assert.equal(result.stdout, "");
          assert.match(
            result.stderr,
            /Logged in as gamenight \(gamenight@example\.com\) to http:\/\/127\.0\.0\.1:\d+\./,
          );
        });
      } finally {
        await login.cli.close();
      }

      assert.equal(await modeOf(setting.tokensPath), 0o600);
      const stored = (await readTokenFile(setting)).tokens[setting.mock.apiUrl];
      assert.equal(stored?.clientId, setting.mock.clientId);
      assert.equal(setting.mock.control.counters().tokenGrants, 1);
    });
  },
});

Deno.test({
  name: "e2e browser: an <img> of the bare callback on some page does not end the login",
  ignore: BROWSER.ignore,
  async fn() {
    BROWSER.require();
    await withAuthSetting({ autoApprove: false }, async (setting) => {
      const login = await startLogin(setting);
      const hostile = servePage(`<img src="${login.redirectUri.href}">`);
      try {
        await withPage(async (page) => {
          // What a hostile web page (another origin) can do: make the browser request the
          // bare callback, the shape of Restream's denial, as an image. Chromium sends
          // Sec-Fetch-Dest: image.
          // Chromium answers the img's request (the listener's 400 page is HTML) by blocking
          // the body (ERR_BLOCKED_BY_ORB): the request ends as failed, after the listener
          // answered.
          const answered = new Promise<void>((resolve) => {
            const ended = (r: { url(): string }): void => {
              if (new URL(r.url()).pathname === "/callback") resolve();
            };
            page.on("requestfinished", ended);
            page.on("requestfailed", ended);
          });
          await page.goto(hostile.url);
          await answered;

          await page.goto(login.authorizeUrl.href);
          await Promise.all([
            page.waitForURL((url) => url.pathname === "/callback", { timeout: 10_000 }),
            page.click("#approve"),
          ]);
          assert.equal(await page.textContent("h1"), "Logged in");
          const result = await login.cli.done(10_000);
          assert.equal(result.code, 0, result.stderr);
          assert.match(result.stderr, /Ignored a bare callback that was not a page load/);
        });
      } finally {
        await hostile.server.shutdown();
        await login.cli.close();
      }
      assert.equal(setting.mock.control.counters().tokenGrants, 1);
    });
  },
});
