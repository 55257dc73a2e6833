/**
 * Response helpers of the mock server: JSON, empty bodies, redirects and Restream's error
 * envelope (RESTREAM_API.md, "Errors and limits"). Every response allows any origin, so a
 * browser dashboard can talk to the mock too.
 *
 * @module
 */

/** Headers every response carries. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-allow-methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
};

/** A JSON response. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** A response without a body (200 "empty body", 204). */
export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...CORS_HEADERS, ...headers } });
}

/** An HTML page. */
export function html(status: number, page: string): Response {
  return new Response(page, {
    status,
    headers: { ...CORS_HEADERS, "content-type": "text/html; charset=utf-8" },
  });
}

/** A 302 redirect (built by hand: `Response.redirect` has immutable headers). */
export function redirect(location: string): Response {
  return empty(302, { location, "cache-control": "no-store" });
}

/** Restream's usual error body. */
export function envelope(status: number, message: string, name: string): Response {
  const headers: Record<string, string> = status === 401
    ? { "www-authenticate": 'Bearer realm="Service", error="invalid_token"' }
    : {};
  return json(
    status,
    { error: { statusCode: status, status, code: status, message, name } },
    headers,
  );
}

/**
 * Restream's answer to a token that is missing, unknown, expired or lacks `scope`; null when
 * it passes. Shared by the REST routes (bearer header) and the WebSocket handshake
 * (`?accessToken=`), which the real API refuses the same way.
 */
export function refuseToken(
  tokens: { check(token: string, scope: string): string },
  token: string | undefined,
  scope: string,
  missing: string,
): Response | null {
  if (!token) return envelope(401, `Unauthorized request: ${missing}`, "unauthorized_request");
  const check = tokens.check(token, scope);
  if (check === "invalid") {
    return envelope(401, "Invalid token: access token is invalid", "invalid_token");
  }
  if (check === "expired") {
    return envelope(401, "Invalid token: access token expired", "invalid_token");
  }
  if (check === "insufficient_scope") {
    return envelope(
      403,
      `Insufficient scope: authorized scope is insufficient (requires ${scope})`,
      "insufficient_scope",
    );
  }
  return null;
}

/** 404 in the envelope, e.g. `notFound("StorageFileNotFound", "storage_file_not_found")`. */
export function notFound(message = "Not Found", name = "not_found"): Response {
  return envelope(404, message, name);
}

/** 400 in the envelope, for a value the API would not take. */
export function badRequest(message: string): Response {
  return envelope(400, message, "bad_request");
}

/** An OAuth error body (`{"error":"invalid_grant","error_description":"…"}`). */
export function oauthError(status: number, error: string, description: string): Response {
  const headers: Record<string, string> = status === 401
    ? { "www-authenticate": 'Basic realm="Service"' }
    : {};
  return json(status, { error, error_description: description }, headers);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
