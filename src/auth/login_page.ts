/**
 * The small page the login listener answers the browser with, and the rules for reading a
 * callback's parameters (shared by the listener and the pasted-URL fallback).
 *
 * @module
 */

import { RestreamError } from "../errors.ts";

/** What a callback carried: a code, or the reason there is none. */
export type CallbackOutcome =
  | { ok: true; code: string; scopes: string[] }
  | { ok: false; error: RestreamError };

/** A callback that does not end the login (SPEC.md, "Hostile input"), and why. */
export interface IgnoredCallback {
  /** Why it was ignored, in words for the user. */
  ignored: string;
}

/**
 * Reads a callback's query against the `state` this login sent. Only a callback with the
 * right `state` decides the login, or the bare redirect that is Restream's way of saying the
 * user denied access (RESTREAM_API.md, "OAuth2"), and that one only when it arrives as a
 * page load (`navigation`): any web page can make a browser request the callback URL, with
 * an `<img>` for instance. Anything else is ignored and the login keeps waiting.
 */
export function readCallback(
  params: URLSearchParams,
  expectedState: string,
  navigation: boolean,
): CallbackOutcome | IgnoredCallback {
  const fail = (message: string, code: string): CallbackOutcome => ({
    ok: false,
    error: new RestreamError("auth", message, { code }),
  });
  if ([...params.keys()].length === 0) {
    if (!navigation) return { ignored: "a bare callback that was not a page load" };
    return fail("login was denied in the browser (the callback carried no code)", "access_denied");
  }
  const state = params.get("state");
  if (state === null) return { ignored: "a callback without a state" };
  if (state !== expectedState) {
    return { ignored: "a callback whose state does not match this login's" };
  }
  const error = params.get("error");
  if (error !== null) {
    const description = params.get("error_description");
    const detail = description ? `: ${printable(description)}` : "";
    return fail(`login failed in the browser (${printable(error)}${detail})`, printable(error));
  }
  const code = params.get("code");
  if (!code) return fail("login failed: the callback carried no code", "missing_code");
  const scopes = (params.get("scope") ?? "").split(/[\s,]+/).filter((s) => s !== "");
  return { ok: true, code, scopes };
}

/**
 * Whether a request is a top-level page load: `Sec-Fetch-Dest: document`, or a client that
 * sends no `Sec-Fetch-*` header at all (older browsers, curl). An `<img>`, a script or a
 * `fetch` from a web page says so in `Sec-Fetch-Dest`.
 */
export function isNavigation(headers: Headers): boolean {
  const dest = headers.get("sec-fetch-dest");
  if (dest !== null) return dest === "document";
  for (const name of headers.keys()) if (name.startsWith("sec-fetch-")) return false;
  return true;
}

/** Text from the URL shown in a terminal: no control characters, bounded length. */
function printable(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").slice(0, 200);
}

/** The page shown after the callback: what happened and what to do next. */
export function callbackPage(outcome: CallbackOutcome): Response {
  const title = outcome.ok ? "Logged in" : "Login failed";
  const text = outcome.ok
    ? "restream has your authorization. You can close this tab and return to the terminal."
    : `${outcome.error.message}. Return to the terminal for details.`;
  return htmlPage(outcome.ok ? 200 : 400, title, text, outcome.ok);
}

/** The page for an ignored callback: the login goes on in the terminal. */
export function ignoredPage(callback: IgnoredCallback): Response {
  return htmlPage(
    400,
    "Not this login",
    `restream ignored ${callback.ignored} (a stale browser tab, or a request made by ` +
      "another page). The login in the terminal is still waiting for its own callback.",
    false,
  );
}

/** A page for a request the listener does not handle (favicon, a late second callback). */
export function notFoundPage(): Response {
  return htmlPage(404, "Not found", "This address only receives the restream login.", false);
}

function htmlPage(status: number, title: string, text: string, ok: boolean): Response {
  const colour = ok ? "#1a7f37" : "#cf222e";
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>restream: ${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f8fa;color:#1f2328;
display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center}
main{background:#fff;border:1px solid #d0d7de;border-radius:12px;padding:2rem 2.5rem;max-width:32rem;
box-shadow:0 4px 16px rgba(0,0,0,.06)}
h1{margin:0 0 .75rem;font-size:1.4rem;color:${colour}}
p{margin:0;line-height:1.5}
</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>
`;
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // The page's URL holds the code: keep it out of caches and referrers, load nothing else.
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
    },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
