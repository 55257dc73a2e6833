/**
 * Replay filter of the streaming monitor. On connect the streaming API replays about the
 * last minute of updates (RESTREAM_API.md, "Streaming"); after a reconnect, messages
 * identical to ones already delivered within a window are dropped. Memory is bounded.
 *
 * @module
 */

/** Default window in which a repeated message counts as a replay. */
export const REPLAY_WINDOW_MS = 120_000;
/** Default number of messages remembered. */
export const REPLAY_MEMORY = 10_000;

/** Options of {@link ReplayFilter}. */
export interface ReplayFilterOptions {
  /** How long a delivered message is remembered, in ms; 120 000 by default. */
  windowMs?: number;
  /** How many messages are remembered at most; 10 000 by default. */
  maxEntries?: number;
}

/**
 * Remembers delivered messages (by canonical JSON) for a window, oldest forgotten first.
 *
 * @example
 * ```ts
 * import { ReplayFilter } from "./dedupe.ts";
 * const filter = new ReplayFilter();
 * filter.admit({ a: 1, b: 2 }, Date.now(), true); // true: deliver it
 * filter.admit({ b: 2, a: 1 }, Date.now(), true); // false: a replay (key order is ignored)
 * ```
 */
export class ReplayFilter {
  readonly #windowMs: number;
  readonly #maxEntries: number;
  /** Canonical JSON → time delivered. A Map iterates in insertion order: oldest first. */
  readonly #entries = new Map<string, number>();

  /** Creates an empty filter. */
  constructor(options: ReplayFilterOptions = {}) {
    this.#windowMs = options.windowMs ?? REPLAY_WINDOW_MS;
    this.#maxEntries = options.maxEntries ?? REPLAY_MEMORY;
  }

  /** How many messages are remembered now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Decides whether a message is delivered, and remembers it when it is. With `filter`
   * false (the first connection) every message is delivered; with `filter` true (after a
   * reconnect) one identical to a message delivered within the window is not. A dropped
   * replay does not renew the memory of the original.
   */
  admit(message: unknown, now: number, filter: boolean): boolean {
    this.#expire(now);
    const key = canonicalJson(message);
    if (filter && this.#entries.has(key)) return false;
    this.#entries.delete(key);
    this.#entries.set(key, now);
    if (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return true;
  }

  #expire(now: number): void {
    for (const [key, at] of this.#entries) {
      if (now - at <= this.#windowMs) break;
      this.#entries.delete(key);
    }
  }
}

/**
 * JSON with object keys sorted at every level, so two messages that differ only in key
 * order compare equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
