/**
 * A fake clock for code that uses the global timers and `performance.now()` directly (the
 * socket watchdog): while installed, time moves only when the test calls `advance`, so a
 * 60 s default is tested in microseconds and "nothing happened at 59.999 s" is exact.
 */

interface Timer {
  at: number;
  fn: () => void;
  /** Period of a `setInterval` timer. */
  every?: number;
}

/**
 * Replaces `setTimeout`, `setInterval`, their `clear…` and `performance.now` until
 * `uninstall`. Fake timer ids start high, so clearing one with the real functions after
 * `uninstall` cannot hit a real timer.
 */
export class FakeClock {
  /** Milliseconds since install. */
  now = 0;
  readonly #timers = new Map<number, Timer>();
  #nextId = 1_000_000_000;
  readonly #watchers: Array<{ ms: number; resolve: () => void }> = [];
  readonly #saved = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    now: performance.now,
  };

  /** Takes over the timers; returns this for chaining. */
  install(): this {
    globalThis.setTimeout = ((fn: () => void, ms = 0) => {
      const id = this.#nextId++;
      this.#timers.set(id, { at: this.now + Math.max(0, ms), fn });
      for (const watcher of this.#watchers.filter((w) => w.ms === ms)) {
        this.#watchers.splice(this.#watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
      return id;
    }) as unknown as typeof setTimeout;
    globalThis.setInterval = ((fn: () => void, ms = 0) => {
      const id = this.#nextId++;
      const every = Math.max(1, ms);
      this.#timers.set(id, { at: this.now + every, fn, every });
      return id;
    }) as unknown as typeof setInterval;
    const clear = (id?: number): void => {
      if (id !== undefined) this.#timers.delete(id);
    };
    globalThis.clearTimeout = clear as unknown as typeof clearTimeout;
    globalThis.clearInterval = clear as unknown as typeof clearInterval;
    performance.now = () => this.now;
    return this;
  }

  /** Gives the real timers back; pending fake timers are dropped. */
  uninstall(): void {
    globalThis.setTimeout = this.#saved.setTimeout;
    globalThis.clearTimeout = this.#saved.clearTimeout;
    globalThis.setInterval = this.#saved.setInterval;
    globalThis.clearInterval = this.#saved.clearInterval;
    performance.now = this.#saved.now;
    this.#timers.clear();
  }

  /** Resolves when code arms a `setTimeout` of exactly `ms`: the event a test waits for. */
  armed(ms: number): Promise<void> {
    return new Promise((resolve) => this.#watchers.push({ ms, resolve }));
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
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every === undefined) this.#timers.delete(id);
      else timer.at += timer.every; // before fn, which may clear it
      timer.fn();
    }
    this.now = end;
  }
}
