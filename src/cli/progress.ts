/**
 * A one-line download progress bar on stderr, redrawn in place. Drawn only for people: when
 * stdout is a terminal (the proxy for "someone is watching") and not under `--json`.
 *
 * @module
 */

import type { CliContext } from "./context.ts";
import { ownSequence } from "./style.ts";
import { singleLine } from "./terminal_safe.ts";
import { displayWidth, fitLine } from "./width.ts";

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

/**
 * A progress bar for a download, or a no-op when nobody watches: drawn when stdout is a
 * terminal (the proxy for "someone is watching"), or, for a download to stdout, when stderr
 * is; never under `--json`. `label` is read at each redraw: the file's name may be known only
 * once the response arrives.
 */
export function createProgress(
  ctx: CliContext,
  label: () => string,
  toStdout = false,
  now: () => number = () => performance.now(),
): Progress {
  const watched = toStdout ? ctx.io.stderrIsTerminal === true : ctx.io.stdoutIsTerminal;
  if (!watched || ctx.globals.json) return NO_PROGRESS;
  const width = Math.max(40, Math.min(ctx.io.columns ?? 80, 100));
  const started = now();
  let last = "";
  let lastBytes = -UNKNOWN_TOTAL_STEP;
  let drawn = false;
  return {
    update(received, total) {
      if (total === undefined && received - lastBytes < UNKNOWN_TOTAL_STEP) return;
      const line = renderProgress(label(), received, total, width, now() - started);
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

const MIN_BAR = 10;
const MIN_NAME = 10;

/** Below this, a rate says more about the first packet than about the download. */
const MIN_RATE_MS = 500;

/**
 * One line: `name [#####-----]  42%  12.0 MB / 28.5 MB  3.1 MB/s  0:05 left`, fitted to
 * `width` (the name gives way first). Speed and time left appear once `elapsedMs` is long
 * enough to say something.
 */
export function renderProgress(
  label: string,
  received: number,
  total: number | undefined,
  width: number,
  elapsedMs = 0,
): string {
  const rate = elapsedMs >= MIN_RATE_MS ? received / (elapsedMs / 1000) : undefined;
  const speed = rate === undefined ? "" : `  ${formatBytes(Math.round(rate))}/s`;
  if (total === undefined || total <= 0) {
    const tail = `  ${formatBytes(received)}${speed}`;
    return `${fit(label, width - tail.length)}${tail}`;
  }
  const ratio = Math.min(1, received / total);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const left = rate !== undefined && rate > 0 && received < total
    ? `  ${formatDuration((total - received) / rate)} left`
    : "";
  const full = `] ${percent}  ${formatBytes(received)} / ${formatBytes(total)}${speed}${left}`;
  // On a narrow terminal the rate and the time left give way before the name does.
  const tail = width - full.length - MIN_BAR - 2 >= MIN_NAME
    ? full
    : `] ${percent}  ${formatBytes(received)} / ${formatBytes(total)}`;
  const room = Math.max(MIN_NAME, width - tail.length - MIN_BAR - 2);
  const name = fit(label, Math.min(room, Math.max(MIN_NAME, Math.floor(width / 2))));
  const barWidth = Math.max(MIN_BAR, width - displayWidth(name) - tail.length - 2);
  const filled = Math.round(ratio * barWidth);
  return `${name} [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}${tail}`;
}

/** Seconds as `0:05`, `12:34` or `1:02:03`. */
export function formatDuration(seconds: number): string {
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
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
  return fitLine(singleLine(text), width);
}
