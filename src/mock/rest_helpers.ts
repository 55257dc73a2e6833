/**
 * What the REST route files share: the route and context types, body and query parsing,
 * and looking up the event of a path.
 *
 * @module
 */

import { badRequest, notFound } from "./respond.ts";
import type { MockEventRecord } from "./seed_events.ts";
import type { MockState } from "./state.ts";

/** What a route handler gets. */
export interface RestContext {
  state: MockState;
  req: Request;
  url: URL;
  /** Path parameters by name (`:id` → `params.id`). */
  params: Record<string, string>;
}

/** One REST route; `path` is relative to `/v2` and may hold `:name` parameters. */
export interface RestRoute {
  method: string;
  path: string;
  /** The scope a token needs; null for public endpoints. */
  scope: string | null;
  handle(ctx: RestContext): Response | Promise<Response>;
}

/** Reads a JSON object body (empty counts as `{}`); a Response is the 400 to answer. */
export async function readJson(req: Request): Promise<Record<string, unknown> | Response> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  } catch {
    // answered below
  }
  return badRequest("Request body must be a JSON object");
}

/** Reads an integer query parameter in a range; a Response is the 400 to answer. */
export function intParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    return badRequest(`"${name}" must be an integer from ${min} to ${max}`);
  }
  return n;
}

/** Finds the event of `:id`, or the 404 to answer. */
export function findEvent(ctx: RestContext): MockEventRecord | Response {
  const record = ctx.state.data.events.find((r) => r.event.id === ctx.params.id);
  return record ?? notFound("EventNotFound", "event_not_found");
}

/** Wraps a handler that needs the event of `:id`. */
export function withEvent(
  handle: (record: MockEventRecord, ctx: RestContext) => Response | Promise<Response>,
): RestRoute["handle"] {
  return (ctx) => {
    const record = findEvent(ctx);
    return record instanceof Response ? record : handle(record, ctx);
  };
}
