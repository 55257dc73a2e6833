/**
 * Parsers for command-line values. Each throws a {@link UsageError} naming the problem, so a
 * bad value exits 2 before any request is sent (SPEC.md, "Arguments and bad input").
 * Used as the `parse` of arguments and flags in the command tree (src/cli/specs/).
 *
 * @module
 */

import { isUuid } from "../ids.ts";
import { UsageError } from "../errors.ts";
import { registerSecret } from "../http/mask.ts";

/** A channel id: a positive integer. */
export function parseChannelId(value: string): number {
  return positiveInteger(value, "channel id");
}

/** An event id: a UUID. */
export function parseEventId(value: string): string {
  if (!isUuid(value)) throw new UsageError(`invalid event id '${value}': expected a UUID`);
  return value.toLowerCase();
}

/** `--page`: a positive integer. */
export function parsePage(value: string): number {
  return positiveInteger(value, "--page");
}

/** `--limit`: an integer from 1 to 100. */
export function parseLimit(value: string): number {
  const n = positiveInteger(value, "--limit");
  if (n > 100) throw new UsageError(`invalid --limit '${value}': expected 1 to 100`);
  return n;
}

/** `--duration`: a positive number of seconds. */
export function parseDuration(value: string): number {
  return parsePositiveSeconds(value, "--duration");
}

/** A positive number of seconds (fractions allowed), named in the error by `flag`. */
export function parsePositiveSeconds(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`invalid ${flag} '${value}': expected a positive number of seconds`);
  }
  return n;
}

/** `--url` of a stream destination: an absolute URL (rtmp://, rtmps://, srt://…). */
export function parseStreamUrl(value: string): string {
  try {
    new URL(value);
  } catch {
    throw new UsageError(`invalid --url '${value}': expected an absolute URL like rtmp://host/app`);
  }
  return value;
}

/** A TCP port, 1–65535 (0 where `allowZero`, "any free port"). */
export function parsePort(value: string, allowZero = false): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535 || (n === 0 && !allowZero)) {
    throw new UsageError(`invalid port '${value}': expected ${allowZero ? 0 : 1} to 65535`);
  }
  return n;
}

/** A number >= 0 (fractions allowed), named in the error by `what`. */
export function parseNonNegative(value: string, what: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`invalid ${what} '${value}': expected a number >= 0`);
  }
  return n;
}

/** A positive integer, named in the error by `what`. */
export function positiveInteger(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`invalid ${what} '${value}': expected a positive integer`);
  }
  return Number(value);
}

/** One of a fixed set of words (case-insensitive). */
export function oneOf<const T extends string>(
  value: string,
  choices: readonly T[],
  what: string,
): T {
  const found = choices.find((c) => c === value.toLowerCase());
  if (found === undefined) {
    throw new UsageError(`invalid ${what} '${value}': expected one of ${choices.join(", ")}`);
  }
  return found;
}

/**
 * Reads a secret given as `-` from stdin (first line, trimmed), so it need not appear in
 * `ps` or shell history; any other value is returned as is.
 */
export async function readSecretArg(
  value: string,
  stdin: ReadableStream<Uint8Array> | undefined,
  what: string,
): Promise<string> {
  // Masked by value on stderr from now on (SPEC.md, "Hostile input").
  if (value !== "-") {
    registerSecret(value);
    return value;
  }
  if (!stdin) throw new UsageError(`${what} '-' needs the value on stdin`);
  const line = await readFirstLine(stdin);
  if (line === "") throw new UsageError(`${what}: stdin was empty`);
  registerSecret(line);
  return line;
}

/** Reads stdin up to the first newline, then releases it (so the process need not wait for EOF). */
export async function readFirstLine(stdin: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stdin.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  return text.split(/\r?\n/)[0].trim();
}

/**
 * Reads a file given on the command line, or stdin for `-`. A file that cannot be read is a
 * usage error naming it and `what` (the flag or argument).
 */
export async function readFileArg(
  name: string,
  stdin: () => ReadableStream<Uint8Array>,
  what: string,
): Promise<Uint8Array> {
  if (name === "-") return new Uint8Array(await new Response(stdin()).arrayBuffer());
  try {
    return await Deno.readFile(name);
  } catch (error) {
    // Deno's own refusal names the flag to add (run.ts reports it); keep it whole.
    if (error instanceof Deno.errors.NotCapable) throw error;
    const reason = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.IsADirectory
      ? "is a directory"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new UsageError(`${what}: cannot read '${name}': ${reason}`);
  }
}
