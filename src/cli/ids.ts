/**
 * Parsers for the string ids of storage files, clips and clip projects, and for recording
 * file names. The API documents them as UUID strings but nothing here depends on it, so they
 * are checked only to be plain URL-safe tokens: a typo (a space, a slash, an empty value) is
 * a usage error before any request. Event ids are UUIDs (see args.ts `parseEventId`).
 *
 * @module
 */

import { UsageError } from "../errors.ts";
import { checkId } from "../ids.ts";

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;

/** A storage file, clip or clip project id, named in the error by `what`. */
function parseResourceId(value: string, what: string): string {
  if (!TOKEN.test(value)) {
    throw new UsageError(
      `invalid ${what} '${value}': expected an id of letters, digits, '-', '_', '.' or '~'`,
    );
  }
  return value;
}

/** A storage file id. */
export function parseStorageFileId(value: string): string {
  return parseResourceId(value, "storage file id");
}

/** A clip id. */
export function parseClipId(value: string): string {
  return parseResourceId(value, "clip id");
}

/** A clip project id. */
export function parseProjectId(value: string): string {
  return parseResourceId(value, "project id");
}

/**
 * A recording's file name (as `event recordings` lists it): the library's rule for ids
 * (no separators, escapes or controls), and not blank.
 */
export function parseRecordingFileName(value: string): string {
  try {
    checkId("recording file name", value);
    if (value.trim() === "") throw new UsageError("blank");
  } catch {
    throw new UsageError(`invalid file name '${value}': expected a name from 'event recordings'`);
  }
  return value;
}

/**
 * A position in a video: seconds (`90`, `12.5`) or a clock (`1:30`, `1:02:03.5`). Returns
 * seconds.
 */
export function parseVideoTime(value: string, what: string): number {
  const parts = value.trim().split(":");
  const valid = parts.length <= 3 &&
    parts.every((p, i) => i === parts.length - 1 ? /^\d+(\.\d+)?$/.test(p) : /^\d+$/.test(p)) &&
    parts.slice(1).every((p) => Number(p) < 60);
  if (!valid) {
    throw new UsageError(
      `invalid ${what} '${value}': expected seconds or a time like 1:30 or 1:02:03`,
    );
  }
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}
