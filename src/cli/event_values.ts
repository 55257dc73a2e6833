/**
 * Parsers for the values of the event commands' flags (`--source`, `--at`, `--page-size`,
 * `--since`). Each throws a {@link UsageError} naming the problem (SPEC.md, "Arguments and
 * bad input"); the command tree (specs/event.ts) uses them.
 *
 * @module
 */

import type { UpcomingEventSource } from "../client/events.ts";
import { UsageError } from "../errors.ts";
import { oneOf, positiveInteger } from "./args.ts";
import { toDate } from "./format.ts";

/** The words `--source` accepts: studio, encoder or video, or the API's numbers 1–3. */
const SOURCE_WORDS = ["studio", "encoder", "video", "1", "2", "3"] as const;

/** `--source`: studio, encoder or video, or the API's numbers 1–3. */
export function parseSource(value: string): UpcomingEventSource {
  const word = oneOf(value, SOURCE_WORDS, "--source");
  return word === "1" ? 1 : word === "2" ? 2 : word === "3" ? 3 : word;
}

/** `--at`: an ISO-8601 time with a date (`2026-05-01T18:00:00+02:00`). */
export function parseIsoTime(value: string): Date {
  const ms = /^\d{4}-\d\d-\d\d/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(`invalid --at '${value}': expected an ISO time like 2026-05-01T18:00:00Z`);
  }
  return new Date(ms);
}

/** A flag value that must not be blank. */
export function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === "") throw new UsageError(`${flag} must not be empty`);
    return value;
  };
}

/** `--page-size`: 1–1000. */
export function parsePageSize(value: string): number {
  const n = positiveInteger(value, "--page-size");
  if (n > 1000) throw new UsageError(`invalid --page-size '${value}': expected 1 to 1000`);
  return n;
}

/** `--since`: an ISO time or Unix seconds. */
export function parseSince(value: string): Date {
  const date = /^\d{4}-\d\d-\d\d/.test(value) || /^\d+$/.test(value) ? toDate(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new UsageError(`invalid --since '${value}': expected an ISO time or Unix seconds`);
  }
  return date;
}
