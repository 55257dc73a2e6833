/**
 * A one-line download progress bar on stderr, redrawn in place. Drawn only for people: when
 * stdout is a terminal (the proxy for "someone is watching") and not under `--json`.
 *
 * @module
 */

import type { CliContext } from "./context.ts";
import { ownSequence } from "./style.ts";
import { terminalSafe } from "./terminal_safe.ts";
import { displayWidth, sliceToWidth } from "./width.ts";

/** Receives progress and clears the line when done. */
export interface Progress {
  /** Bytes received so far, and the total when known. */
  update(received: number, total?: number): void;
  /** Clears the bar (call on success and on failure). */
  done(): void;
}

const NO_PROGRESS: Progress = { update: () => {}, done: () => {} };
/** Redraw at most once per this many bytes when the total is unknown. */
const UNKNOWN_TOTAL_STEP = 1024 * 1024;

/** A progress bar for a download labelled `label`, or a no-op when nobody watches. */
export function createProgress(ctx: CliContext, label: string): Progress {
  if (!ctx.io.stdoutIsTerminal || ctx.globals.json) return NO_PROGRESS;
  const width = Math.max(40, Math.min(ctx.io.columns ?? 80, 100));
  let last = "";
  let lastBytes = -UNKNOWN_TOTAL_STEP;
  let drawn = false;
  return {
    update(received, total) {
      if (total === undefined && received - lastBytes < UNKNOWN_TOTAL_STEP) return;
      const line = renderProgress(label, received, total, width);
      if (line === last) return;
      last = line;
      lastBytes = received;
      drawn = true;
      ctx.io.stderr.write(`\r${line}${ownSequence("[K")}`);
    },
    done() {
      if (drawn) ctx.io.stderr.write(`\r${ownSequence("[K")}`);
      drawn = false;
    },
  };
}

/** One line: `label [#####-----]  42%  12.0 MB / 28.5 MB`, fitted to `width`. */
export function renderProgress(
  label: string,
  received: number,
  total: number | undefined,
  width: number,
): string {
  if (total === undefined || total <= 0) {
    return `${fit(label, width - 14)}  ${formatBytes(received)}`;
  }
  const ratio = Math.min(1, received / total);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const amounts = `${formatBytes(received)} / ${formatBytes(total)}`;
  const name = fit(label, Math.max(10, Math.floor(width / 3)));
  const barWidth = Math.max(10, width - displayWidth(name) - amounts.length - percent.length - 8);
  const filled = Math.round(ratio * barWidth);
  return `${name} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${percent}  ${amounts}`;
}

/** Bytes for people: `512 B`, `1.5 kB`, `12.0 MB`, `1.20 GB` (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit >= 2 ? 2 : 1)} ${units[unit]}`;
}

/** A file name on one terminal-safe line, cut by display width (never inside a character). */
function fit(text: string, width: number): string {
  const safe = terminalSafe(text, { singleLine: true });
  return displayWidth(safe) <= width ? safe : `${sliceToWidth(safe, Math.max(1, width - 1))}…`;
}
