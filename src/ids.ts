/**
 * The ids a client method puts into a request path (SPEC.md, "Hostile input"): checked
 * before anything is sent, so a library user gets the CLI's safety. `encodeURIComponent`
 * alone is not enough: it leaves `..` as is (`/v2/user/events/..` is another endpoint), and a
 * channel id typed as a number may still arrive as any string from untyped code.
 *
 * @module
 */

import { UsageError } from "./errors.ts";

/** The kinds of id, as an error names them (`invalid channel id …`). */
export type IdKind =
  | "channel id"
  | "event id"
  | "storage file id"
  | "clip id"
  | "clip project id"
  | "recording file name";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Path and query syntax, percent escapes (decoded by some servers into `/`), and controls.
// deno-lint-ignore no-control-regex
const UNSAFE = /[\/\\?#%\u0000-\u001f\u007f-\u009f]/;

/** True for a UUID in its usual 8-4-4-4-12 hex form, any case. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Checks an id and returns it as one URL-encoded path segment. A channel id is a positive
 * safe integer, an event id a UUID; any other id is a non-empty string other than `.` and
 * `..` without `/`, `\`, `?`, `#`, `%` or control characters. Anything else is a
 * {@link UsageError} (kind `usage`), thrown before a request is made.
 *
 * @example
 * ```ts
 * import { idSegment } from "./ids.ts";
 * const path = `/v2/user/storage/files/${idSegment("storage file id", "0b3c…")}`;
 * ```
 */
export function idSegment(kind: IdKind, id: unknown): string {
  if (kind === "channel id") {
    if (typeof id === "number" && Number.isSafeInteger(id) && id > 0) return String(id);
    throw invalid(kind, id, "a positive integer");
  }
  if (typeof id !== "string") throw invalid(kind, id, expected(kind));
  if (
    kind === "event id" ? !isUuid(id) : id === "" || id === "." || id === ".." || UNSAFE.test(id)
  ) {
    throw invalid(kind, id, expected(kind));
  }
  return encodeURIComponent(id);
}

function expected(kind: IdKind): string {
  return kind === "event id" ? "a UUID" : "an id without '/', '\\', '?', '#', '%' or controls";
}

function invalid(kind: IdKind, id: unknown, wanted: string): UsageError {
  return new UsageError(`invalid ${kind} ${shown(id)}: expected ${wanted}`);
}

/** The bad value in the message: bounded, controls written as `\uXXXX`. */
function shown(id: unknown): string {
  if (typeof id === "number") return String(id);
  if (typeof id !== "string") return `(${id === null ? "null" : typeof id})`;
  const chars = [...id];
  const text = chars.length > 80 ? `${chars.slice(0, 80).join("")}…` : id;
  // deno-lint-ignore no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `'${escaped}'`;
}

/** Checks an id that travels in a request body (same rules as {@link idSegment}). */
export function checkId(kind: IdKind, id: unknown): void {
  idSegment(kind, id);
}
