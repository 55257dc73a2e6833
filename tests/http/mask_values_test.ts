import assert from "node:assert/strict";
import { refreshTokens } from "../../src/auth/oauth.ts";
import { RestreamError } from "../../src/errors.ts";
import { HttpClient } from "../../src/http/http.ts";
import { clearSecrets, maskSecrets, registerSecret } from "../../src/http/mask.ts";
import type { MonitorEvent } from "../../src/ws/events.ts";
import { parseFrame } from "../../src/ws/frame.ts";

Deno.test("registered secrets are masked raw, URL-encoded and JSON-escaped", () => {
  clearSecrets();
  const secret = 'r3fresh/tok+en "x" é';
  registerSecret(secret);
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ t: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
  for (const form of forms) {
    assert.equal(maskSecrets(`before ${form} after`), "before *** after", form);
  }
  clearSecrets();
});

Deno.test("registered secrets are masked in the other spellings servers use when they echo", () => {
  clearSecrets();
  const secret = 'r3fresh/tok+en "x" é';
  registerSecret(secret);
  const forms = [
    // PHP's json_encode writes `/` as `\/`; Python's json.dumps writes é as \u00e9.
    JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/"),
    JSON.stringify(secret).slice(1, -1).replace("é", "\\u00e9"),
    JSON.stringify(secret).slice(1, -1).replaceAll("/", "\\/").replace("é", "\\u00e9"),
    // .NET's UrlEncode writes lower-case hex.
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ t: secret }).toString().slice(2).replace(
      /%[0-9A-F]{2}/g,
      (m) => m.toLowerCase(),
    ),
  ];
  for (const form of forms) {
    assert.equal(maskSecrets(`before ${form} after`), "before *** after", form);
  }
  clearSecrets();
});

Deno.test("values under 6 characters are masked by syntax only; a longer secret stays whole", () => {
  clearSecrets();
  registerSecret("abc12");
  assert.equal(maskSecrets("abc12 is short"), "abc12 is short");
  assert.equal(maskSecrets("x?code=abc12"), "x?code=***");
  registerSecret("secret-1");
  registerSecret("secret-1-longer");
  assert.equal(maskSecrets("secret-1-longer / secret-1"), "*** / ***");
  registerSecret(undefined);
  registerSecret(null);
  clearSecrets();
});

Deno.test("a token-endpoint 400 echoing the refresh token and client secret shows neither", async () => {
  clearSecrets();
  const refreshToken = "rt-4f9a8b7c6d5e";
  const clientSecret = "cs/very+secret=";
  const basic = btoa(`my-client:${encodeURIComponent(clientSecret)}`);
  const echo = JSON.stringify({
    error: "invalid_grant",
    error_description:
      `refresh token ${refreshToken} (form: refresh_token%3D${encodeURIComponent(refreshToken)}) ` +
      `is not valid for client my-client with secret ${clientSecret}, credential:${basic}`,
  });
  const http = new HttpClient({
    baseUrl: "https://api.example",
    fetch: () => Promise.resolve(new Response(echo, { status: 400 })),
  });
  const error = await refreshTokens(http, {
    clientId: "my-client",
    clientSecret,
    refreshToken,
  }).catch((e) => e);
  assert.ok(error instanceof RestreamError);
  assert.equal(error.kind, "auth");
  for (const secret of [refreshToken, clientSecret, encodeURIComponent(clientSecret), basic]) {
    assert.ok(!error.message.includes(secret), `${secret} in ${error.message}`);
    assert.ok(!maskSecrets(echo).includes(secret), `${secret} in the masked body`);
  }
  assert.match(error.message, /refresh token \*\*\*/);
  clearSecrets();
});

Deno.test("a secret echoed where an error line or a frame excerpt is cut is masked whole, not cut", async () => {
  clearSecrets();
  const refreshToken = "rt-0123456789abcdef0123456789abcdef";
  registerSecret(refreshToken);
  // The error line is cut at 300 characters, the excerpt of a malformed frame at 80: every
  // place a secret could straddle the cut, and none may show its first characters.
  const head = refreshToken.slice(0, 8);
  for (let at = 260; at < 300; at += 3) {
    const body = JSON.stringify({
      error: "invalid_grant",
      error_description: `${"x".repeat(at)} ${refreshToken}`,
    });
    const http = new HttpClient({
      baseUrl: "https://api.example",
      fetch: () => Promise.resolve(new Response(body, { status: 400 })),
      maxRetries: 0,
    });
    const error = await http.request({ path: "/v2/x", auth: false }).catch((e) => e);
    assert.ok(error instanceof RestreamError);
    assert.ok(!error.message.includes(head), `cut at ${at}: ${error.message}`);
    assert.ok(!String(error.apiMessage).includes(head), `apiMessage cut at ${at}`);
  }
  for (let at = 50; at < 80; at += 3) {
    const events: MonitorEvent[] = [];
    parseFrame(`${"x".repeat(at)} ${refreshToken}`, 1, 0, (event) => events.push(event));
    const shown = events[0]?.type === "malformed" ? events[0].excerpt : "";
    assert.ok(shown.startsWith("xxx") && !shown.includes(head), `cut at ${at}: ${shown}`);
  }
  clearSecrets();
});
