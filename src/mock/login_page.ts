/**
 * The HTML of the mock's authorize page: the app's name, what it asks for, and Approve /
 * Deny buttons (ids `approve` and `deny`, so a browser test can click them). The form posts
 * the authorize parameters back to `/login`.
 *
 * @module
 */

import { escapeHtml } from "./respond.ts";

/** The name the mock shows for its one OAuth app. */
export const MOCK_APP_NAME = "Restream Mock App";

/** The authorize page for a set of authorize parameters. */
export function loginPage(params: URLSearchParams, scopes: readonly string[]): string {
  const hidden = [...params]
    .filter(([name]) => name !== "decision")
    .map(([name, value]) =>
      `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`
    )
    .join("\n      ");
  const redirectUri = escapeHtml(params.get("redirect_uri") ?? "");
  const scopeItems = scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Authorize ${MOCK_APP_NAME} — Restream (mock)</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }
    button { font-size: 1rem; padding: .5rem 1.25rem; margin-right: .5rem; cursor: pointer; }
    #approve { background: #1f6feb; color: #fff; border: 0; border-radius: 4px; }
    .note { color: #666; font-size: .85rem; }
  </style>
</head>
<body>
  <h1>${MOCK_APP_NAME}</h1>
  <p><strong>${MOCK_APP_NAME}</strong> wants to access your Restream account.</p>
  <ul>${scopeItems}</ul>
  <p class="note">You will be sent back to <code>${redirectUri}</code>.
  This is a local mock of Restream: no real account is involved.</p>
  <form method="post" action="/login">
      ${hidden}
    <button type="submit" id="approve" name="decision" value="approve">Approve</button>
    <button type="submit" id="deny" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>
`;
}

/** A small error page (unknown client, missing redirect URI). */
export function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization error — Restream (mock)</title></head>
<body><h1>Authorization error</h1><p>${escapeHtml(message)}</p></body></html>
`;
}
