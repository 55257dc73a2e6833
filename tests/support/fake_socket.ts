/**
 * A WebSocket a test drives by hand (open, messages, close), for monitor tests under a fake
 * clock where a real socket would need real time.
 */

/** A WebSocket the test drives by hand; records how it was closed. */
export class FakeSocket extends EventTarget {
  readyState: number = WebSocket.CONNECTING;
  binaryType = "blob";
  closedWith?: { code?: number; reason?: string };

  /** The server accepted: the socket opens. */
  open(): void {
    this.readyState = WebSocket.OPEN;
    this.dispatchEvent(new Event("open"));
  }

  /** The server sent `data` (as JSON). */
  message(data: unknown): void {
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(data) }));
  }

  /** Closes like a browser WebSocket: the close event follows. */
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = WebSocket.CLOSED;
    queueMicrotask(() =>
      this.dispatchEvent(new CloseEvent("close", { code: code ?? 1005, reason }))
    );
  }
}
