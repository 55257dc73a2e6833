/**
 * A fake clock for code that uses the global timers and `performance.now()` directly (the
 * socket watchdog): while installed, time moves only when the test calls `advance`, so a
 * 60 s default is tested in microseconds and "nothing happened at 59.999 s" is exact.
 */

interface Timer {
  at: number;
  fn: () => void;
}

/** Replaces `setTimeout`, `clearTimeout` and `performance.now` until `uninstall`. */
export class FakeClock {
  /** Milliseconds since install. */
  now = 0;
  readonly #timers = new Map<number, Timer>();
  #nextId = 1;
  readonly #saved = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    now: performance.now,
  };

  /** Takes over the timers; returns this for chaining. */
  install(): this {
    globalThis.setTimeout = ((fn: () => void, ms = 0) => {
      const id = this.#nextId++;
      this.#timers.set(id, { at: this.now + Math.max(0, ms), fn });
      return id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id?: number) => {
      if (id !== undefined) this.#timers.delete(id);
    }) as unknown as typeof clearTimeout;
    performance.now = () => this.now;
    return this;
  }

  /** Gives the real timers back; pending fake timers are dropped. */
  uninstall(): void {
    globalThis.setTimeout = this.#saved.setTimeout;
    globalThis.clearTimeout = this.#saved.clearTimeout;
    performance.now = this.#saved.now;
    this.#timers.clear();
  }

  /** Timers armed now, as delays from the current time. */
  pending(): number[] {
    return [...this.#timers.values()].map((t) => t.at - this.now);
  }

  /** Moves time forward, running (in order) every timer that falls due meanwhile. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= end)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
  }
}
