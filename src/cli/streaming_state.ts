/**
 * The state of a stream as the streaming monitor last heard it: the encoder, then one row
 * per destination. `--live` redraws it in place; line-by-line output shows it once as the
 * "current state" block the API replays on connect, before the live lines.
 *
 * @module
 */

import type { StreamingMessage } from "../ws/streaming.ts";
import type { IncomingStreaming } from "../ws/streaming_schemas.ts";
import { formatClock, formatKbps } from "./format.ts";
import {
  channelLabel,
  describeAudience,
  describeIncoming,
  type PlatformNames,
  styleStatus,
} from "./render_streaming.ts";
import { oneLine, unknownActionLine } from "./render_text.ts";
import type { Style } from "./style.ts";
import { displayWidth } from "./width.ts";

/** Unknown messages kept for the replay block (a long `--live` run must not grow). */
const UNKNOWN_KEPT = 20;

interface Destination {
  platformId?: number | null;
  status?: string;
  bitrate?: number | null;
  viewers?: number | null;
  online?: boolean | null;
  /** `updatedAt` of the last audience figures (Unix s), when sent. */
  audienceAt?: number | string;
  /** A `deleteOutgoing` came after the last update. */
  stopped?: boolean;
}

/** Encoder and destinations, folded message by message (the latest of each wins). */
export class StreamingState {
  #incoming?: IncomingStreaming | null;
  #encoder: "unknown" | "on" | "off" = "unknown";
  readonly #destinations = new Map<string, Destination>();
  /** The latest messages of actions this client does not know, as one-line text. */
  readonly unknown: string[] = [];
  /** How many such messages came in all (the list above keeps the last few). */
  unknownCount = 0;

  /** How many messages were folded in. */
  count = 0;

  /** Folds one message in. */
  apply(message: StreamingMessage): void {
    this.count++;
    switch (message.type) {
      case "updateIncoming":
        this.#incoming = message.data.streaming;
        this.#encoder = "on";
        return;
      case "deleteIncoming":
        this.#encoder = "off";
        return;
      case "updateOutgoing": {
        const d = this.#destination(message.data.channelId, message.data.platformId);
        d.status = message.data.streaming?.status ?? d.status;
        d.bitrate = message.data.streaming?.bitrate;
        d.stopped = false;
        return;
      }
      case "deleteOutgoing": {
        const d = this.#destination(message.data.channelId, message.data.platformId);
        d.stopped = true;
        d.bitrate = undefined;
        return;
      }
      case "updateStatuses": {
        const d = this.#destination(message.data.channelId, message.data.platformId);
        d.viewers = message.data.viewers;
        d.online = message.data.online;
        const at = message.raw.updatedAt;
        d.audienceAt = typeof at === "number" || typeof at === "string" ? at : undefined;
        return;
      }
      default: {
        this.unknownCount++;
        this.unknown.push(unknownActionLine(message.action, message.raw));
        if (this.unknown.length > UNKNOWN_KEPT) this.unknown.shift();
      }
    }
  }

  /**
   * The view as aligned lines: the encoder first, then each destination with its status,
   * bitrate (right-aligned) and audience. `audienceTimes` adds when the audience figures
   * were taken (a replay mixes older figures in).
   */
  lines(names: PlatformNames, style: Style, audienceTimes = false): string[] {
    const encoder = this.#encoder === "on"
      ? describeIncoming(this.#incoming) || "receiving"
      : this.#encoder === "off"
      ? style.red("stopped")
      : style.dim("no incoming stream");
    const rows: string[][] = [["encoder", encoder]];
    for (const [channelId, d] of this.#destinations) {
      const status = d.stopped
        ? style.red("stopped")
        : d.status
        ? styleStatus(oneLine(d.status), style)
        : "";
      const audience = describeAudience(d.online, d.viewers);
      const at = audienceTimes && audience && d.audienceAt !== undefined
        ? style.dim(` (at ${formatClock(d.audienceAt)})`)
        : "";
      rows.push([
        channelLabel(channelId, d.platformId, names),
        status,
        d.bitrate == null ? "" : formatKbps(d.bitrate),
        audience + at,
      ]);
    }
    return alignRows(rows, [false, false, true, false]);
  }

  #destination(channelId: unknown, platformId: number | null | undefined): Destination {
    const key = String(channelId);
    let d = this.#destinations.get(key);
    if (!d) this.#destinations.set(key, d = {});
    if (platformId != null) d.platformId = platformId;
    return d;
  }
}

/**
 * Aligns rows of cells (which may carry colour) into columns two spaces apart; a column
 * marked in `right` is right-aligned. The last cell of a row that has fewer cells runs on.
 */
function alignRows(rows: readonly string[][], right: readonly boolean[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    // A row's last cell does not widen the column (the encoder's description runs on).
    row.forEach((cell, i) => {
      if (row.length > 1 && i === row.length - 1 && row.length < maxCells(rows)) return;
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  return rows.map((row) =>
    row.map((cell, i) => {
      const last = i === row.length - 1;
      const pad = " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
      if (right[i]) return pad + cell;
      return last ? cell : cell + pad;
    }).join("  ").trimEnd()
  );
}

function maxCells(rows: readonly string[][]): number {
  return Math.max(0, ...rows.map((row) => row.length));
}
