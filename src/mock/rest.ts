/**
 * The REST API under `/v2`: a small router, the bearer-token check with Restream's error
 * envelopes (401 invalid_token, 403 insufficient_scope) and the 404 for unknown paths.
 * The routes themselves live in rest_account.ts, rest_events.ts and rest_media.ts.
 *
 * @module
 */

import { envelope, notFound } from "./respond.ts";
import type { RestRoute } from "./rest_helpers.ts";
import { ACCOUNT_ROUTES } from "./rest_account.ts";
import { EVENT_ROUTES } from "./rest_events.ts";
import { MEDIA_ROUTES } from "./rest_media.ts";
import type { MockState } from "./state.ts";

interface CompiledRoute extends RestRoute {
  pattern: RegExp;
}

const ROUTES: CompiledRoute[] = [...ACCOUNT_ROUTES, ...EVENT_ROUTES, ...MEDIA_ROUTES].map((r) => ({
  ...r,
  pattern: new RegExp(`^${r.path.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`),
}));

/** Checks the bearer token for a scope; null when it passes. */
function authorize(state: MockState, req: Request, scope: string): Response | null {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    return envelope(401, "Unauthorized request: no authentication given", "unauthorized_request");
  }
  const check = state.tokens.check(match[1], scope);
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

/** Answers a request under `/v2`. */
export async function handleRest(state: MockState, req: Request, url: URL): Promise<Response> {
  const path = url.pathname.slice("/v2".length);
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    if (route.scope !== null) {
      const denied = authorize(state, req, route.scope);
      if (denied) return denied;
    }
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    return await route.handle({ state, req, url, params });
  }
  return pathMatched
    ? envelope(405, `Method ${req.method} is not allowed here`, "method_not_allowed")
    : notFound();
}
