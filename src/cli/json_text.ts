/**
 * The JSON text every JSON writer of the CLI emits (stdout documents, NDJSON lines, the
 * `--json` error on stderr): the data exactly, but DEL, the C1 controls, U+2028, U+2029 and
 * the bidi controls written as `\uXXXX` (SPEC.md, "Hostile input"). `JSON.stringify` leaves
 * them raw, and a terminal or a log viewer would act on them.
 *
 * @module
 */

import { escapedUnit } from "./terminal_safe.ts";

const JSON_UNSAFE = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes the characters above in a JSON text. Safe on any valid JSON text: outside strings
 * JSON allows only ASCII, so they can only occur inside strings, where `\uXXXX` means the
 * same character (parsing gives back exactly the same data).
 *
 * @example
 * ```ts
 * import { escapeJsonText } from "./json_text.ts";
 * escapeJsonText(JSON.stringify("a\u009bb")); // "\"a\\u009bb\""
 * ```
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (char) => escapedUnit(char.charCodeAt(0)));
}

/** A value as escaped JSON text: indented by two spaces when `pretty`, else compact. */
export function jsonText(value: unknown, pretty = false): string {
  return escapeJsonText(pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));
}
