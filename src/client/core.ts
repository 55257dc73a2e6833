/**
 * The two kinds of call every authenticated endpoint makes: a validated GET, and a
 * mutation (PATCH, POST, DELETE) whose body may be empty. Both put the resource's context
 * into their errors.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import type { HttpClient, QueryValue } from "../http/http.ts";
import { type AnySchema, parseResponse } from "../schemas/parse.ts";
import { explainResourceError, type ResourceContext } from "./resource_error.ts";
import type * as v from "../valibot.ts";

/** Options of one call. */
export interface CallOptions extends ResourceContext {
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** False for the public endpoints: no token needed, none sent. */
  auth?: boolean;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Calls endpoints over one pipeline (one connection pool). */
export class ApiCore {
  readonly #http: HttpClient;

  /** Wraps a pipeline. */
  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * An endpoint that needs a token, on a client without one, fails here: the server's 401
   * would say less, and the request need not be sent at all.
   */
  #needToken(auth: boolean | undefined): void {
    if (auth === false || this.#http.hasTokens) return;
    throw new RestreamError(
      "auth",
      "no token: create the RestreamClient with `token` or `tokens` to call this endpoint",
    );
  }

  /** GETs a path and validates the body. */
  async get<TSchema extends AnySchema>(
    path: string,
    schema: TSchema,
    options: CallOptions = {},
  ): Promise<v.InferOutput<TSchema>> {
    const { query, auth, signal } = options;
    this.#needToken(auth);
    try {
      const response = await this.#http.request({ method: "GET", path, query, auth, signal });
      return parseResponse(schema, response.body, `GET ${path}`);
    } catch (error) {
      throw explainResourceError(error, options);
    }
  }

  /**
   * Sends a mutation. The API answers PATCH with 200 and an empty body and DELETE with 204,
   * so the body is read only when a schema asks for it.
   */
  async send(method: string, path: string, json: unknown, options?: CallOptions): Promise<void>;
  /** Sends a mutation and validates the body it answers with. */
  async send<TSchema extends AnySchema>(
    method: string,
    path: string,
    json: unknown,
    options: CallOptions,
    schema: TSchema,
  ): Promise<v.InferOutput<TSchema>>;
  async send(
    method: string,
    path: string,
    json: unknown,
    options: CallOptions = {},
    schema?: AnySchema,
  ): Promise<unknown> {
    const { query, auth, signal } = options;
    this.#needToken(auth);
    try {
      const response = await this.#http.request({ method, path, query, json, auth, signal });
      if (schema === undefined) return undefined;
      return parseResponse(schema, response.body, `${method} ${path}`);
    } catch (error) {
      throw explainResourceError(error, options);
    }
  }
}
