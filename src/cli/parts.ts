/**
 * Per-part results (SPEC.md, "Output"): commands that gather several parts (`status`) or
 * change several channels (`preset apply`) print their whole document even when a part
 * failed. A failed part holds `{"error":{kind,status,message}}` in place of its data, stderr
 * gets one line per failed part, and the exit code is 1. A login that no longer works (or an
 * interruption) is not a part's failure: it ends the command as usual (exit 3, stdout empty).
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { maskSecrets } from "../http/mask.ts";
import type { CliContext } from "./context.ts";
import { jsonText } from "./json_text.ts";

/** One part's outcome. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: RestreamError };

/** The JSON of a failed part. */
export interface ErrorJson {
  /** What went wrong, as in the CLI's `--json` errors. */
  error: { kind: string; status: number | null; message: string };
}

/** A failed part, named for its stderr line ("channels", "channel 1030301"). */
export interface PartFailure {
  /** What failed. */
  part: string;
  /** Why. */
  error: RestreamError;
}

/**
 * Thrown after the document is printed and the failures reported, so run.ts exits 1 without
 * another message.
 */
export class PartsFailed extends Error {
  /** How many parts failed. */
  readonly count: number;

  /** Creates the marker for `count` failed parts. */
  constructor(count: number) {
    super(`${count} part${count === 1 ? "" : "s"} failed`);
    this.name = "PartsFailed";
    this.count = count;
  }
}

/** Whether an error ends the whole command instead of one part. */
export function isFatal(error: unknown): boolean {
  if (!(error instanceof RestreamError)) return true;
  return error.kind === "auth" || error.kind === "interrupted" || error.kind === "usage";
}

/** Waits for a part; its failure becomes the part's error, a fatal one is thrown. */
export async function settle<T>(work: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    if (isFatal(error)) throw error;
    return { ok: false, error: error as RestreamError };
  }
}

/** A part as JSON: its value (through `toJson`), or its error object. */
export function partJson<T>(part: Part<T>, toJson: (value: T) => unknown = (v) => v): unknown {
  return part.ok ? toJson(part.value) : errorJson(part.error);
}

/** `{"error":{kind,status,message}}` for an error, secrets masked. */
export function errorJson(error: RestreamError): ErrorJson {
  return {
    error: { kind: error.kind, status: error.status, message: maskSecrets(error.message) },
  };
}

/**
 * Writes one stderr line per failed part (JSON with `--json`) and throws {@link PartsFailed}
 * when there was any. Call it after the document is printed.
 */
export function reportFailures(ctx: CliContext, failures: readonly PartFailure[]): void {
  for (const { part, error } of failures) {
    const message = maskSecrets(`${part}: ${error.message}`);
    if (ctx.globals.json) {
      ctx.io.stderr.write(
        `${jsonText({ error: { kind: error.kind, status: error.status, message } })}\n`,
      );
    } else {
      ctx.io.stderr.write(`error: ${message}\n`);
    }
  }
  if (failures.length > 0) throw new PartsFailed(failures.length);
}
