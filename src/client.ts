/**
 * RestreamClient: one small typed method per REST endpoint, over the request pipeline.
 *
 * @module
 */

import { DEFAULT_API_URL } from "./config.ts";
import {
  type FetchLike,
  HttpClient,
  type HttpClientOptions,
  type QueryValue,
  type TokenProvider,
} from "./http/http.ts";
import { type AnySchema, parseResponse } from "./schemas/parse.ts";
import { type Platform, PlatformListSchema } from "./schemas/platform.ts";
import { type Server, ServerListSchema } from "./schemas/server.ts";
import type * as v from "valibot";

/** Options of {@link RestreamClient}. */
export interface RestreamClientOptions
  extends Omit<HttpClientOptions, "baseUrl" | "tokens" | "fetch"> {
  /** Origin of the API; `https://api.restream.io` by default. */
  apiUrl?: string;
  /** A fixed access token. Ignored when `tokens` is given. */
  token?: string;
  /** A token provider that refreshes (see the auth module's session). */
  tokens?: TokenProvider;
  /** The fetch to use; the global one by default. */
  fetch?: FetchLike;
  /** A ready pipeline to share (one connection pool per process); overrides the above. */
  http?: HttpClient;
}

/** Options of a GET through {@link RestreamClient}. */
interface GetOptions {
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** False for the public endpoints: no token needed, none sent. */
  auth?: boolean;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/**
 * A typed client for the Restream REST API.
 *
 * @example
 * ```ts
 * import { RestreamClient } from "jsr:@restream/cli";
 * const client = new RestreamClient();
 * for (const platform of await client.listPlatforms()) console.log(platform.name);
 * ```
 */
export class RestreamClient {
  /** The request pipeline this client sends through. */
  readonly http: HttpClient;

  /** Creates a client; with no options it talks to the real API without a token. */
  constructor(options: RestreamClientOptions = {}) {
    const tokens = options.tokens ??
      (options.token === undefined ? undefined : fixedToken(options.token));
    this.http = options.http ?? new HttpClient({
      ...options,
      baseUrl: options.apiUrl ?? DEFAULT_API_URL,
      tokens,
    });
  }

  /** Lists streaming platforms. Public: no token needed. */
  listPlatforms(signal?: AbortSignal): Promise<Platform[]> {
    return this.#get("/v2/platform/all", PlatformListSchema, { auth: false, signal });
  }

  /** Lists ingest servers. Public: no token needed. */
  listServers(signal?: AbortSignal): Promise<Server[]> {
    return this.#get("/v2/server/all", ServerListSchema, { auth: false, signal });
  }

  async #get<TSchema extends AnySchema>(
    path: string,
    schema: TSchema,
    options: GetOptions = {},
  ): Promise<v.InferOutput<TSchema>> {
    const response = await this.http.request({ method: "GET", path, ...options });
    return parseResponse(schema, response.body, `GET ${path}`);
  }
}

/** A token provider for a token that never changes (`RESTREAM_TOKEN`). */
export function fixedToken(token: string): TokenProvider {
  return { getAccessToken: () => Promise.resolve(token) };
}
