/**
 * Error classes shared by the library and the CLI.
 *
 * Every failure the library reports is a {@link RestreamError} with a {@link ErrorKind}.
 * The CLI maps kinds to exit codes with {@link EXIT_CODES}; nothing else decides exit codes.
 *
 * @module
 */

/** What went wrong, in the terms of SPEC.md's error kinds. */
export type ErrorKind =
  | "usage"
  | "auth"
  | "forbidden"
  | "not_found"
  | "bad_request"
  | "rate_limited"
  | "server"
  | "network"
  | "timeout"
  | "invalid_response"
  | "interrupted";

/**
 * Exit code of each error kind (SPEC.md, "Exit codes"), for scripts that wrap the library
 * the way the CLI does.
 *
 * @example
 * ```ts
 * import { EXIT_CODES, RestreamClient, RestreamError } from "jsr:@restream/cli";
 * try {
 *   await new RestreamClient({ token: Deno.env.get("RESTREAM_TOKEN") }).getProfile();
 * } catch (error) {
 *   if (error instanceof RestreamError) Deno.exit(EXIT_CODES[error.kind]);
 *   throw error;
 * }
 * ```
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = Object.freeze({
  usage: 2,
  auth: 3,
  forbidden: 3,
  not_found: 4,
  bad_request: 1,
  rate_limited: 5,
  server: 1,
  network: 1,
  timeout: 1,
  invalid_response: 1,
  interrupted: 130,
});

/** Options of {@link RestreamError}. */
export interface RestreamErrorOptions {
  /** HTTP status of the response that caused the error, when one came. */
  status?: number | null;
  /** The error this one wraps. */
  cause?: unknown;
  /** Machine-readable code from the API body (e.g. `invalid_token`), when there was one. */
  code?: string;
  /** The message the API's error body carried, as sent (one line), when it had one. */
  apiMessage?: string;
}

/**
 * The one error type the library throws. Its message is meant for people: one line, no
 * secrets, no stack.
 *
 * @example
 * ```ts
 * import { RestreamError } from "jsr:@restream/cli";
 * try {
 *   throw new RestreamError("not_found", "channel 7 not found", { status: 404 });
 * } catch (e) {
 *   if (e instanceof RestreamError && e.kind === "not_found") console.log(e.status);
 * }
 * ```
 */
export class RestreamError extends Error {
  /** The kind of failure. */
  readonly kind: ErrorKind;
  /** HTTP status, or null when no HTTP response came. */
  readonly status: number | null;
  /** Machine-readable code from the API, when it sent one. */
  readonly code?: string;
  /** The API's own error message (one line), when its body had one. */
  readonly apiMessage?: string;

  /** Creates an error of a kind with a one-line message. */
  constructor(kind: ErrorKind, message: string, options: RestreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RestreamError";
    this.kind = kind;
    this.status = options.status ?? null;
    this.code = options.code;
    this.apiMessage = options.apiMessage;
  }
}

/**
 * A usage error: a bad argument or value, refused before any request (kind `usage`, exit 2).
 *
 * @example
 * ```ts
 * import { RestreamClient, UsageError } from "jsr:@restream/cli";
 * try {
 *   await new RestreamClient({ token: "…" }).updateChannelMeta(1, { title: "" });
 * } catch (error) {
 *   if (error instanceof UsageError) console.error(error.message);
 * }
 * ```
 */
export class UsageError extends RestreamError {
  /**
   * False when the command line is not what is wrong (a bad environment variable), so the
   * CLI does not point at `--help`.
   */
  readonly helpHint: boolean;

  /** Creates a usage error with a one-line message. */
  constructor(message: string, options: { helpHint?: boolean } = {}) {
    super("usage", message);
    this.name = "UsageError";
    this.helpHint = options.helpHint ?? true;
  }
}

/** The error kind an HTTP status maps to when it is an error. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  // A request the API refused as invalid (400, 422, and any other 4xx without its own
  // kind: 405, 409, 410, 413…). Not `usage`: that is for what the CLI can tell before sending.
  if (status >= 400 && status < 500) return "bad_request";
  return "server";
}
