/** Shared helpers of the monitor tests. */

import type { TokenProvider } from "../../src/http/http.ts";
import type { MonitorEvent, MonitorTuning } from "../../src/ws/monitor.ts";
import {
  monitorStreaming,
  type StreamingMessage,
  type StreamingMonitorOptions,
} from "../../src/ws/streaming.ts";
import type { WsTestServer } from "../support/ws_server.ts";

/** Tuning that makes a monitor test run in milliseconds: no real waits between attempts. */
export function fastTuning(overrides: MonitorTuning = {}): MonitorTuning & { delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms: number, signal?: AbortSignal) => {
      delays.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
    random: () => 0.5,
    closeTimeoutMs: 500,
    ...overrides,
  };
}

/**
 * A token provider that hands out the given tokens in turn (the last one repeats); with
 * `refresh`, `refreshed` lists the tokens it was asked to replace.
 */
export function tokenSequence(
  tokens: string[],
  refresh?: (rejected: string) => Promise<string | null>,
): TokenProvider & { asked: number; refreshed: string[] } {
  const provider = {
    asked: 0,
    refreshed: [] as string[],
    getAccessToken(): Promise<string> {
      const token = tokens[Math.min(provider.asked, tokens.length - 1)];
      provider.asked++;
      return Promise.resolve(token);
    },
    refreshAfterUnauthorized: refresh && ((rejected: string): Promise<string | null> => {
      provider.refreshed.push(rejected);
      return refresh(rejected);
    }),
  };
  return provider;
}

/** A monitor's `checkToken` that answers `valid`; `checked` lists the tokens it was asked about. */
export function tokenCheck(
  valid: boolean,
): ((token: string) => Promise<boolean>) & { checked: string[] } {
  const checked: string[] = [];
  const check = (token: string): Promise<boolean> => {
    checked.push(token);
    return Promise.resolve(valid);
  };
  return Object.assign(check, { checked });
}

/**
 * Takes `count` items from a monitor, then aborts it and drains it to the end (the iterator
 * must end quietly). Fails if the iterator ends early, or if the items do not come within
 * `timeoutMs` (the monitor is then aborted, so a broken monitor fails rather than hangs).
 */
export async function take<T>(
  iterable: AsyncIterable<T>,
  count: number,
  controller: AbortController,
  timeoutMs = 5000,
): Promise<T[]> {
  const items: T[] = [];
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const item of iterable) {
      items.push(item);
      if (items.length === count) controller.abort();
    }
  } finally {
    clearTimeout(timer);
  }
  if (items.length < count) throw new Error(`monitor ended after ${items.length} of ${count}`);
  return items;
}

/** Collects events of a monitor. */
export function eventLog(): { events: MonitorEvent[]; onEvent: (e: MonitorEvent) => void } {
  const events: MonitorEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

/**
 * The first `count` messages of {@link monitorStreaming} from `server` with the token "t",
 * then the monitor aborted (see {@link take}); `options` adds to the monitor's options.
 */
export async function takeStreaming(
  server: WsTestServer,
  count: number,
  options: Partial<StreamingMonitorOptions> = {},
): Promise<StreamingMessage[]> {
  const controller = new AbortController();
  return await take(
    monitorStreaming({
      url: server.url,
      tokens: tokenSequence(["t"]),
      signal: controller.signal,
      ...options,
    }),
    count,
    controller,
  );
}
