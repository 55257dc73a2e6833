/**
 * ANSI styling that turns itself off: colour only on a terminal without `NO_COLOR` or
 * `--no-color` (SPEC.md, "Output").
 *
 * @module
 */

/** Styles text, or returns it unchanged when colour is off. */
export interface Style {
  /** True when escape codes are emitted. */
  readonly enabled: boolean;
  /** Bold. */
  bold(text: string): string;
  /** Dim, for secondary information. */
  dim(text: string): string;
  /** Green, for good states (on, connected). */
  green(text: string): string;
  /** Red, for bad states (off, errors). */
  red(text: string): string;
  /** Yellow, for warnings and transitions. */
  yellow(text: string): string;
  /** Cyan, for names. */
  cyan(text: string): string;
}

/** Creates a style; all functions are identity when `enabled` is false. */
export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string): string =>
    enabled ? `${ownSequence(`[${open}m`)}${text}${ownSequence(`[${close}m`)}` : text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

/**
 * The CLI's own escape codes travel as markers that text from outside cannot forge: a
 * private-use character, a random per-process nonce, the CSI's body, another private-use
 * character. Only the output writer (terminal_safe.ts) turns them into escapes, after it made
 * the text around them safe; anything else that looks like an escape is removed there.
 */
const NONCE = Array.from(
  crypto.getRandomValues(new Uint8Array(6)),
  (b) => b.toString(16).padStart(2, "0"),
).join("");
const MARK_OPEN = `\ue000${NONCE}`;
const MARK_CLOSE = "\ue001";
/** One own sequence: a CSI body such as `[31m`, `[K` or `[3F`. */
const OWN = new RegExp(`${MARK_OPEN}(\\[[0-9;]*[A-Za-z])${MARK_CLOSE}`, "g");

/**
 * One of the CLI's own control sequences (`ESC` + `csi`, e.g. `[2K`), as a marker that the
 * output writer turns into the real escape.
 */
export function ownSequence(csi: string): string {
  return `${MARK_OPEN}${csi}${MARK_CLOSE}`;
}

/**
 * Text with its own-sequence markers turned into escapes, and everything between them passed
 * through `safe` (the terminal-safety function).
 */
export function renderOwnSequences(text: string, safe: (plain: string) => string): string {
  if (!text.includes(MARK_OPEN)) return safe(text);
  let out = "";
  let last = 0;
  for (const match of text.matchAll(OWN)) {
    out += `${safe(text.slice(last, match.index))}\x1b${match[1]}`;
    last = match.index + match[0].length;
  }
  return out + safe(text.slice(last));
}

/** Splits text into own-sequence markers (odd indexes) and the text between them. */
export function splitOwnSequences(text: string): string[] {
  return text.split(new RegExp(`(${MARK_OPEN}\\[[0-9;]*[A-Za-z]${MARK_CLOSE})`));
}

/** Removes styling: own-sequence markers and ANSI colour codes (for widths and plain text). */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(OWN, "").replace(/\x1b\[[0-9;]*m/g, "");
}
