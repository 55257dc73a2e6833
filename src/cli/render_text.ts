/**
 * Small helpers shared by the monitor renderers.
 *
 * @module
 */

import { formatClock } from "./format.ts";
import { singleLine } from "./terminal_safe.ts";

/**
 * Text from the network made safe for one terminal line ({@link terminalSafe}): escape
 * sequences a chat author could use to repaint the terminal or write the clipboard are
 * removed, other controls shown escaped, line breaks become spaces.
 */
export function oneLine(text: string): string {
  return singleLine(text).trim();
}

/** The clock time of a message: its own timestamp (Unix s or ms), else when it arrived. */
export function messageClock(timestamp: unknown, receivedAt: number): string {
  if (typeof timestamp === "number" || (typeof timestamp === "string" && timestamp !== "")) {
    const clock = formatClock(timestamp);
    if (/^\d\d:\d\d:\d\d$/.test(clock)) return clock;
  }
  return formatClock(new Date(receivedAt));
}

/** `[?] action {…}`: a message of an action this client does not know, as one line. */
export function unknownActionLine(action: string, raw: Record<string, unknown>): string {
  const rest = compactRest(raw);
  return `[?] ${oneLine(action)}${rest ? ` ${rest}` : ""}`;
}

/** A message without its `action`, as compact one-line JSON. */
function compactRest(raw: Record<string, unknown>): string {
  const { action: _action, ...rest } = raw;
  return Object.keys(rest).length === 0 ? "" : oneLine(JSON.stringify(rest));
}
