/**
 * A fake `fetch` for unit tests: routes matched by method + path + query, responses queued per
 * route, every request recorded. The query must match exactly (a route without `query`
 * matches only requests without one), so an extra or wrong parameter fails the test; a route
 * opts in to "these parameters, others allowed" with `querySubset: true`. `assertDone()` fails
 * on routes that were never used; an unmatched request fails the test at once.
 */

import type { FetchLike } from "../../src/http/http.ts";

/** A response to queue: a body (JSON unless a string) or a function of the request. */
export type FakeReply =
  | {
    status?: number;
    body?: unknown;
    headers?: Record<string, string>;
  }
  | ((request: Request) => Response | Promise<Response>)
  | Error;

/** A request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

interface Route {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  querySubset: boolean;
  replies: FakeReply[];
  /** Keep answering with the last reply once the queue is down to one. */
  repeat: boolean;
}

/** The fake fetch and its registry. */
export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  readonly #routes: Route[] = [];

  /**
   * Queues replies for `METHOD /path` with exactly the query `options.query` (none when
   * absent); with `querySubset`, the given parameters must be there and others may be.
   */
  on(
    method: string,
    path: string,
    replies: FakeReply | FakeReply[],
    options: {
      query?: Record<string, string | string[]>;
      querySubset?: boolean;
      repeat?: boolean;
    } = {},
  ): this {
    this.#routes.push({
      method: method.toUpperCase(),
      path,
      query: options.query ?? {},
      querySubset: options.querySubset ?? false,
      replies: Array.isArray(replies) ? [...replies] : [replies],
      repeat: options.repeat ?? false,
    });
    return this;
  }

  /** The fetch function to inject. */
  readonly fetch: FetchLike = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.body ? await request.text() : "";
    this.requests.push({ method: request.method, url, headers: request.headers, body });
    const route = this.#routes.find((r) =>
      r.method === request.method && r.path === url.pathname && r.replies.length > 0 &&
      queryMatches(r, url.searchParams)
    );
    if (!route) {
      throw new Error(
        `FakeFetch: unexpected request ${request.method} ${url.pathname}${url.search}`,
      );
    }
    const reply = route.repeat && route.replies.length === 1
      ? route.replies[0]
      : route.replies.shift()!;
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return await reply(request);
    const status = reply.status ?? 200;
    const text = reply.body === undefined
      ? ""
      : typeof reply.body === "string"
      ? reply.body
      : JSON.stringify(reply.body);
    const headers = new Headers(reply.headers);
    if (
      typeof reply.body !== "string" && reply.body !== undefined && !headers.has("content-type")
    ) {
      headers.set("content-type", "application/json");
    }
    return new Response(status === 204 || status === 304 ? null : text, { status, headers });
  };

  /** Fails when a queued reply was never used. */
  assertDone(): void {
    const unused = this.#routes.filter((r) => r.replies.length > (r.repeat ? 1 : 0));
    if (unused.length > 0) {
      throw new Error(
        `FakeFetch: unused routes: ${unused.map((r) => `${r.method} ${r.path}`).join(", ")}`,
      );
    }
  }
}

/**
 * Every expected parameter with exactly its values (an array for a repeated key, in order);
 * and, unless the route is a subset, no other parameter.
 */
function queryMatches(route: Route, params: URLSearchParams): boolean {
  const expected = Object.entries(route.query).map(([k, v]) => [k, [v].flat()] as const);
  const same = (a: string[], b: readonly string[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (!expected.every(([k, values]) => same(params.getAll(k), values))) return false;
  const count = expected.reduce((n, [, values]) => n + values.length, 0);
  return route.querySubset || [...params.keys()].length === count;
}
