/**
 * One frame of a monitor socket: parsed, checked for a string `action`, or reported as
 * malformed and skipped (SPEC.md, "Monitors").
 *
 * @module
 */

import { maskUrl } from "../http/mask.ts";
import type { MonitorEvent } from "./events.ts";

/** One frame as received: valid JSON with a string `action`. */
export interface MonitorFrame {
  /** The message's `action`. */
  action: string;
  /** The parsed message exactly as received. */
  raw: Record<string, unknown>;
  /** The frame's text exactly as received. */
  text: string;
  /** Which connection brought it: 1 for the first, 2 after the first reconnect… */
  connection: number;
  /** When it arrived (ms, from the `now` option). */
  receivedAt: number;
}

/** Parses one frame; reports and skips it when it is not JSON or has no string `action`. */
export function parseFrame(
  data: string,
  connection: number,
  receivedAt: number,
  emit: (event: MonitorEvent) => void,
): MonitorFrame | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    emit({ type: "malformed", reason: "not JSON", excerpt: excerpt(data) });
    return undefined;
  }
  const action = typeof raw === "object" && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>).action
    : undefined;
  if (typeof action !== "string") {
    emit({ type: "malformed", reason: "no action", excerpt: excerpt(data) });
    return undefined;
  }
  return { action, raw: raw as Record<string, unknown>, text: data, connection, receivedAt };
}

/** One line of at most 80 characters, secrets masked before the cut (not a token's head). */
function excerpt(data: string): string {
  const line = maskUrl(data).replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
