/**
 * What a monitor tells its caller besides messages: connection changes, reconnects,
 * skipped frames. The library never prints; the CLI turns these into stderr notices.
 *
 * @module
 */

/** Something a monitor wants to tell its caller; the CLI prints these on stderr. */
export type MonitorEvent =
  | {
    /** A connection attempt starts. */
    type: "connecting";
    /** The URL, with the access token masked. */
    url: string;
    /** 1 for the first attempt of a streak of failures, 2 for the next… */
    attempt: number;
  }
  | {
    /** The socket is open. */
    type: "connected";
    /** 1 for the first connection, 2 after the first reconnect… */
    connection: number;
  }
  | {
    /** The next attempt is scheduled. */
    type: "reconnecting";
    /** The number of the coming attempt in this streak (1 for the first retry). */
    attempt: number;
    /** Wait before it, in ms. */
    delayMs: number;
    /** Why the previous connection ended or failed. */
    reason: string;
  }
  | {
    /** A handshake failed and a refreshed token will be tried at once. */
    type: "token_refreshed";
  }
  | {
    /** A frame was skipped because it is not JSON or has no string `action`. */
    type: "malformed";
    /** What is wrong with it. */
    reason: string;
    /** The start of the frame, secrets masked. */
    excerpt: string;
  }
  | {
    /** A known action did not fit its schema; it is delivered as an unknown message. */
    type: "invalid";
    /** The action. */
    action: string;
    /** The first problem found. */
    reason: string;
  }
  | {
    /** A streaming message replayed after a reconnect was not delivered again. */
    type: "replay_skipped";
    /** The action. */
    action: string;
  };

/** Wraps an event listener so that one that throws cannot stop a monitor. */
export function safeEmitter(
  onEvent: ((event: MonitorEvent) => void) | undefined,
): (event: MonitorEvent) => void {
  return (event) => {
    try {
      onEvent?.(event);
    } catch {
      // The listener's problem; the monitor goes on.
    }
  };
}
