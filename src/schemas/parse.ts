/**
 * Validation at the edge: a response that does not fit its schema becomes one clear
 * "unexpected response" error that names the field, never a crash further in.
 *
 * @module
 */

import * as v from "../valibot.ts";
import { RestreamError } from "../errors.ts";
import { maskSecrets } from "../http/mask.ts";

/** Any valibot schema. */
export type AnySchema = v.GenericSchema<unknown, unknown>;

/**
 * Validates data against a schema; unknown fields survive (schemas use `looseObject`).
 *
 * @param what names the response in the error, e.g. "GET /v2/platform/all"
 */
export function parseResponse<TSchema extends AnySchema>(
  schema: TSchema,
  data: unknown,
  what: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  const field = path ? `field "${path}"` : "the body";
  const expected = issue.expected ? `expected ${issue.expected}` : issue.message;
  throw new RestreamError(
    "invalid_response",
    `unexpected response from ${what}: ${field}: ${expected}, got ${shownValue(issue.received)}`,
  );
}

/** Longest part of an unexpected value that an error shows. */
const MAX_SHOWN = 40;

/**
 * What came instead, as valibot writes it (`"12"`, `Object`), masked and then cut: a
 * megabyte string is not one stderr line, and a secret at the cut does not show its head.
 */
function shownValue(received: string): string {
  const masked = maskSecrets(received);
  return masked.length > MAX_SHOWN ? `${masked.slice(0, MAX_SHOWN - 1)}…"` : masked;
}
