import assert from "node:assert/strict";
import { browserCommand, openInBrowser } from "../../src/auth/browser.ts";

const URL_WITH_QUERY = "http://127.0.0.1:9/login?a=1&b=2";

Deno.test("browser opener: the platform's command, the URL one argument (no shell parsing of &)", () => {
  assert.deepEqual(browserCommand("linux", URL_WITH_QUERY), {
    cmd: "xdg-open",
    args: [URL_WITH_QUERY],
  });
  assert.deepEqual(browserCommand("darwin", URL_WITH_QUERY), {
    cmd: "open",
    args: [URL_WITH_QUERY],
  });
  assert.deepEqual(browserCommand("windows", URL_WITH_QUERY), {
    cmd: "rundll32",
    args: ["url.dll,FileProtocolHandler", URL_WITH_QUERY],
  });
});

Deno.test("browser opener: refuses anything but http(s), and a missing opener is false, not an error", async () => {
  assert.equal(await openInBrowser("file:///etc/passwd"), false);
  assert.equal(await openInBrowser("javascript:alert(1)"), false);
  assert.equal(await openInBrowser(URL_WITH_QUERY, { program: "restream-no-such-opener" }), false);
});

Deno.test({
  name: "browser opener: an opener that exits non-zero is a failure, zero a success",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    assert.equal(await openInBrowser(URL_WITH_QUERY, { program: "false" }), false);
    assert.equal(await openInBrowser(URL_WITH_QUERY, { program: "true" }), true);
  },
});
