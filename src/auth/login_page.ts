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

/**
 * Reads a callback's query against the `state` this login sent. A redirect without any
 * parameter is Restream's way of saying the user denied access (RESTREAM_API.md, "OAuth2").
 */
export function readCallback(params: URLSearchParams, expectedState: string): CallbackOutcome {
  const fail = (message: string, code: string): CallbackOutcome => ({
    ok: false,
    error: new RestreamError("auth", message, { code }),
  });
  if ([...params.keys()].length === 0) {
    return fail("login was denied in the browser (the callback carried no code)", "access_denied");
  }
  const error = params.get("error");
  if (error !== null) {
    const description = params.get("error_description");
    const detail = description ? `: ${printable(description)}` : "";
    return fail(`login failed in the browser (${printable(error)}${detail})`, printable(error));
  }
  if (params.get("state") !== expectedState) {
    return fail(
      "login rejected: the callback's state does not match the one this login sent " +
        "(a stale browser tab, or a forged request); run 'restream login' again",
      "state_mismatch",
    );
  }
  const code = params.get("code");
  if (!code) return fail("login failed: the callback carried no code", "missing_code");
  const scopes = (params.get("scope") ?? "").split(/[\s,]+/).filter((s) => s !== "");
  return { ok: true, code, scopes };
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
