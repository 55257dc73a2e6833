/**
 * Terminal safety (SPEC.md, "Hostile input"): the one function that makes text from outside
 * (API fields, chat messages, error bodies, close reasons, file names, headers) harmless
 * before it reaches a terminal, and the writer that applies it to everything the CLI prints
 * in human mode, so that no output can forget it.
 *
 * - An escape sequence (CSI `ESC [` or U+009B, OSC `ESC ]` or U+009D ended by BEL or ST,
 *   DCS/SOS/PM/APC strings ended by ST, and the short `ESC` sequences) is removed whole. One
 *   that never ends is not a sequence: its introducer is shown escaped and the rest is text.
 * - Any other C0 control but tab, LF and CR, DEL, C1 controls and the bidi controls
 *   (U+202A–U+202E, U+2066–U+2069) are shown as `\uXXXX`, as JSON would write them.
 * - In single-line places (table cells, block values, monitor lines, notices) tab, CR, LF,
 *   U+0085, U+2028 and U+2029 become one space.
 *
 * The CLI's own escape codes (colour, the `--live` redraw, the progress bar) are made by
 * style.ts as markers that only {@link safeWriter} turns into real escapes, after the text
 * around them was made safe: text from outside cannot forge them.
 *
 * @module
 */

import { renderOwnSequences } from "./style.ts";

/** Characters that need work: C0 but tab/LF/CR, DEL, C1 and the bidi controls. */
// deno-lint-ignore no-control-regex
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
/** What ends a line, as a run: one space in single-line places. */
const LINE_BREAKS = /[\t\r\n\x85\u2028\u2029]+/g;

const ESC = 0x1b;
const BEL = 0x07;
const ST = 0x9c;
/** 8-bit C1 introducers of control strings: DCS, SOS, OSC, PM, APC. */
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** The 7-bit forms of the same: `ESC P`, `ESC X`, `ESC ]`, `ESC ^`, `ESC _`. */
const ESC_STRINGS = new Set(["P", "X", "]", "^", "_"]);

/** How text is made safe. */
export interface TerminalSafeOptions {
  /** Line breaks and tabs become one space (table cells, block values, monitor lines). */
  singleLine?: boolean;
}

/**
 * Text from outside made safe for a terminal: escape sequences removed whole, other
 * controls and bidi overrides shown as `\uXXXX`, printable text kept.
 *
 * @example
 * ```ts
 * import { terminalSafe } from "./terminal_safe.ts";
 * terminalSafe("hi\x1b]52;c;cGF3bmVk\x07 there\u202e"); // "hi there\\u202e"
 * terminalSafe("two\nlines", { singleLine: true }); // "two lines"
 * ```
 */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  const flat = options.singleLine ? text.replace(LINE_BREAKS, " ") : text;
  return UNSAFE.test(flat) ? neutralise(flat) : flat;
}

/**
 * {@link terminalSafe} for single-line places (table cells, block values, notices, error and
 * `-v` lines): tabs and line breaks would break the layout, so they become one space.
 */
export function singleLine(text: string): string {
  return terminalSafe(text, { singleLine: true });
}

/** The `\uXXXX` form of one UTF-16 unit (lower-case hex, as `JSON.stringify` writes). */
export function escapedUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, "0")}`;
}

function neutralise(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const end = code === ESC
      ? escapeEnd(text, i + 1)
      : code === 0x9b
      ? csiEnd(text, i + 1)
      : C1_STRINGS.has(code)
      ? stringEnd(text, i + 1)
      : -1;
    if (end > i) {
      i = end;
      continue;
    }
    out += isUnsafe(code) ? escapedUnit(code) : text[i];
    i++;
  }
  return out;
}

function isUnsafe(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069);
}

/** After an ESC at `start - 1`: the index just past its sequence, or -1 when none. */
function escapeEnd(text: string, start: number): number {
  const next = text[start];
  if (next === undefined) return -1;
  if (next === "[") return csiEnd(text, start + 1);
  if (ESC_STRINGS.has(next)) return stringEnd(text, start + 1);
  // nF, Fp, Fe and Fs sequences: intermediates 0x20–0x2F, then one final 0x30–0x7E
  // (`ESC c` resets the terminal, `ESC ( 0` switches to line drawing).
  let i = start;
  while (i < text.length && inRange(text.charCodeAt(i), 0x20, 0x2f)) i++;
  return i < text.length && inRange(text.charCodeAt(i), 0x30, 0x7e) ? i + 1 : -1;
}

/**
 * After a CSI introducer: parameters 0x30–0x3F, intermediates 0x20–0x2F, a final 0x40–0x7E.
 * A sequence cut short by anything else ends there: what was read is removed, and without
 * its introducer the rest is plain text.
 */
function csiEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && inRange(text.charCodeAt(i), 0x30, 0x3f)) i++;
  while (i < text.length && inRange(text.charCodeAt(i), 0x20, 0x2f)) i++;
  return i < text.length && inRange(text.charCodeAt(i), 0x40, 0x7e) ? i + 1 : i;
}

/**
 * After an OSC, DCS, SOS, PM or APC introducer: the string ends at BEL, ST (`ESC \` or
 * U+009C), or is cancelled by CAN, SUB or another ESC (terminals abort it there). A string
 * that never ends is no sequence (-1): its introducer is shown escaped instead.
 */
function stringEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BEL || code === ST) return i + 1;
    if (code === ESC) return text[i + 1] === "\\" ? i + 2 : i;
    if (code === 0x18 || code === 0x1a) return i;
  }
  return -1;
}

function inRange(code: number, from: number, to: number): boolean {
  return code >= from && code <= to;
}

/** A sink for text (the same shape as output.ts's Writer). */
export interface TextSink {
  /** Writes text as is. */
  write(text: string): void;
}

/**
 * A writer that makes everything written through it terminal-safe, keeping only the CLI's
 * own escape codes (style.ts markers), and masking secrets first when `mask` is given
 * (stderr). Every human-mode byte of the CLI goes through one of these (context.ts).
 */
export function safeWriter(sink: TextSink, mask?: (text: string) => string): TextSink {
  return {
    write(text: string): void {
      const masked = mask ? mask(text) : text;
      sink.write(renderOwnSequences(masked, (part) => terminalSafe(part)));
    },
  };
}
