/**
 * One connection attempt of a monitor: a native WebSocket turned into a queue of items
 * (open, messages, one end) that the reconnect loop pulls in batches, with the silence
 * watchdog and abort handling. The reconnect policy lives in monitor.ts.
 *
 * @module
 */

/** Why a connection ended. */
export type EndCause = "closed" | "watchdog" | "aborted";

/** What a connection produced, in order. */
export type SocketItem =
  | { kind: "open" }
  | { kind: "message"; data: string }
  | {
    kind: "end";
    /** Why it ended. */
    cause: EndCause;
    /** Close code (0 or 1006 when the handshake or the network failed). */
    code: number;
    /** A one-line description for notices. */
    reason: string;
    /** The text of the error event that came before the close, if any. */
    error?: string;
  };

/** The end item. */
export type SocketEnd = Extract<SocketItem, { kind: "end" }>;

/** Options of {@link SocketSession}. */
export interface SocketSessionOptions {
  /** Ends the connection after this many ms without any message; 0 or absent: never. */
  watchdogMs?: number;
  /** Closes the connection (code 1000) when aborted. */
  signal?: AbortSignal;
  /** How long {@link SocketSession.close} waits for the closing handshake. */
  closeTimeoutMs: number;
}

/** Close code sent when the watchdog gives up on a silent connection (private range). */
const WATCHDOG_CLOSE_CODE = 4000;

/** A WebSocket as a pull queue. */
export class SocketSession {
  readonly #socket: WebSocket;
  readonly #options: SocketSessionOptions;
  #queue: SocketItem[] = [];
  #wake?: () => void;
  #ended = false;
  #closed: Promise<void>;
  #error?: string;
  #lastActivity = 0;
  #watchdog?: ReturnType<typeof setTimeout>;
  readonly #onAbort = (): void => this.#finish("aborted", 1000, "stopped");

  /** Wraps a socket that was just created (still connecting). */
  constructor(socket: WebSocket, options: SocketSessionOptions) {
    this.#socket = socket;
    this.#options = options;
    socket.binaryType = "arraybuffer";
    this.#closed = new Promise((resolve) => {
      socket.addEventListener("close", (event) => {
        this.#finish("closed", event.code, describeClose(event, this.#error));
        resolve();
      }, { once: true });
    });
    socket.addEventListener("open", () => {
      if (this.#ended) return;
      this.#lastActivity = performance.now();
      this.#armWatchdog(options.watchdogMs ?? 0);
      this.#push({ kind: "open" });
    });
    socket.addEventListener("message", (event) => {
      if (this.#ended) return;
      this.#lastActivity = performance.now();
      const data = typeof event.data === "string"
        ? event.data
        : new TextDecoder().decode(event.data as ArrayBuffer);
      this.#push({ kind: "message", data });
    });
    socket.addEventListener("error", (event) => {
      this.#error = (event as ErrorEvent).message || "connection error";
    });
    if (options.signal?.aborted) this.#onAbort();
    else options.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Waits for the next items; the last batch ends with one `end` item. */
  async next(): Promise<SocketItem[]> {
    if (this.#queue.length === 0) {
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
    const batch = this.#queue;
    this.#queue = [];
    return batch;
  }

  /**
   * Closes the socket (if still open) and waits for the closing handshake, at most
   * `closeTimeoutMs`: a dead peer never answers, and the loop must not hang on it.
   */
  async close(code = 1000, reason = "stopped"): Promise<void> {
    this.#finish("aborted", code, reason);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.closeTimeoutMs);
    });
    await Promise.race([this.#closed, timeout]);
    clearTimeout(timer);
  }

  #push(item: SocketItem): void {
    this.#queue.push(item);
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Ends the session once: stops the watchdog, closes the socket, queues the end item. */
  #finish(cause: EndCause, code: number, reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#watchdog);
    this.#options.signal?.removeEventListener("abort", this.#onAbort);
    const state = this.#socket.readyState;
    if (state === WebSocket.CONNECTING || state === WebSocket.OPEN) {
      try {
        this.#socket.close(code, reason);
      } catch {
        // Already closing: the close event comes anyway.
      }
    }
    this.#push({ kind: "end", cause, code, reason, error: this.#error });
  }

  /** Re-arms for the remaining silence budget instead of resetting a timer per message. */
  #armWatchdog(ms: number): void {
    if (ms <= 0) return;
    const check = (): void => {
      const idle = performance.now() - this.#lastActivity;
      if (idle >= ms) {
        const seconds = Math.round(ms / 100) / 10;
        this.#finish("watchdog", WATCHDOG_CLOSE_CODE, `no message for ${seconds} s`);
      } else {
        this.#watchdog = setTimeout(check, ms - idle);
      }
    };
    this.#watchdog = setTimeout(check, ms);
  }
}

/** A one-line reason for a close: code and reason, or the error that caused it. */
function describeClose(event: CloseEvent, error: string | undefined): string {
  if (error !== undefined && (event.code === 0 || event.code === 1006)) {
    // Deno: "NetworkError: failed to connect to WebSocket: Invalid status code: 401".
    return error.replace(/^NetworkError:\s*/, "");
  }
  const reason = event.reason ? `: ${event.reason}` : "";
  return `connection closed (code ${event.code}${reason})`;
}
