/**
 * Line-by-line output of `monitor streaming`. On connect the API replays about a minute of
 * updates in one burst (RESTREAM_API.md, "WebSockets"): printed as lines they would all
 * carry the second they arrived, older audience figures mixed in. So the burst is gathered
 * and shown once as a "current state" block (the latest of each encoder and destination),
 * then every live update gets its own line.
 *
 * @module
 */

import type { StreamingMessage } from "../ws/streaming.ts";
import { formatClock } from "./format.ts";
import { type PlatformNames, streamingLine } from "./render_streaming.ts";
import { StreamingState } from "./streaming_state.ts";
import type { Style } from "./style.ts";

/** How the replay burst is told from live updates. */
export interface ReplayTiming {
  /** The burst has ended after this long without a message; 250 ms. */
  quietMs?: number;
  /** …or this long after its first message, whatever comes; 1500 ms. */
  maxMs?: number;
}

/** Where and how the lines go. */
export interface StreamingLinesOptions extends ReplayTiming {
  /** Platform names (filled in by the platform list). */
  names: PlatformNames;
  /** Resolves when the names are loaded or given up on; awaited before the first line. */
  namesReady: () => Promise<void>;
  style: Style;
  /** Writes lines of data (one write per call). */
  print: (lines: readonly string[]) => void;
  /** Called for each message delivered (counted for the summary). */
  onMessages?: (count: number) => void;
  /** The clock; `Date.now`. */
  now?: () => number;
  /** Ends the monitor (so that an early exit, e.g. a closed stdout, does not wait for it). */
  stop: () => void;
}

interface Burst {
  state: StreamingState;
  connection: number;
  firstAt: number;
  lastAt: number;
}

/** Prints streaming messages until the batches end; see the module doc for the replay block. */
export async function printStreamingLines(
  batches: AsyncIterable<StreamingMessage[]>,
  options: StreamingLinesOptions,
): Promise<void> {
  const { names, style, print } = options;
  const now = options.now ?? Date.now;
  const quietMs = options.quietMs ?? 250;
  const maxMs = options.maxMs ?? 1500;
  let connection = 0;
  let burst: Burst | undefined;
  let named = false;
  const ensureNames = async (): Promise<void> => {
    if (!named) await options.namesReady();
    named = true;
  };
  const flush = async (): Promise<void> => {
    if (!burst) return;
    const done = burst;
    burst = undefined;
    await ensureNames();
    print(stateBlock(done, names, style));
  };

  const iterator = batches[Symbol.asyncIterator]();
  let finished = false;
  let next = iterator.next();
  try {
    while (true) {
      let result: IteratorResult<StreamingMessage[]> | undefined;
      if (burst) {
        const due = Math.min(burst.lastAt + quietMs, burst.firstAt + maxMs) - now();
        result = await within(next, due);
        if (result === undefined) {
          await flush();
          continue;
        }
      } else {
        result = await next;
      }
      if (result.done) {
        finished = true;
        break;
      }
      next = iterator.next();
      options.onMessages?.(result.value.length);
      const lines: string[] = [];
      for (const message of result.value) {
        if (message.connection !== connection) {
          // A new connection starts with the API's replay.
          if (lines.length > 0) print(lines.splice(0));
          await flush();
          connection = message.connection;
          burst = { state: new StreamingState(), connection, firstAt: now(), lastAt: now() };
        }
        if (burst) {
          burst.state.apply(message);
          burst.lastAt = now();
        } else {
          await ensureNames();
          lines.push(streamingLine(message, names, style));
        }
      }
      if (lines.length > 0) print(lines);
    }
    await flush();
  } finally {
    if (!finished) {
      options.stop();
      await iterator.return?.();
    }
  }
}

/** `current state at 12:00:01 (replayed on connect)`, then the aligned state, indented. */
function stateBlock(burst: Burst, names: PlatformNames, style: Style): string[] {
  const when = formatClock(new Date(burst.firstAt));
  const what = burst.connection > 1 ? "replayed after reconnecting" : "replayed on connect";
  return [
    style.dim(`current state at ${when} (${what})`),
    ...burst.state.lines(names, style, true).map((line) => `  ${line}`),
    ...burst.state.unknown.map((line) => `  ${line}`),
  ];
}

/** The promise's result, or undefined when `ms` pass first. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
