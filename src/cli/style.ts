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
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
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

/** Removes ANSI escape codes (for width computations and plain output). */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
