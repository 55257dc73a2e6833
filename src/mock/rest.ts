/**
 * The REST API under `/v2`: a small router, the bearer-token check with Restream's error
 * envelopes (401 invalid_token, 403 insufficient_scope) and the 404 for unknown paths.
 * The routes themselves live in rest_account.ts, rest_events.ts and rest_media.ts.
 *
 * @module
 */

import { envelope, notFound, refuseToken } from "./respond.ts";
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
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return refuseToken(state.tokens, token, scope, "no authentication given");
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
