/**
 * `monitor streaming --live`: a compact status view (the encoder, then one row per
 * destination) redrawn in place on a terminal. Only used when stdout is a terminal.
 *
 * @module
 */

import type { StreamingMessage } from "../ws/streaming.ts";
import type { IncomingStreaming } from "../ws/streaming_schemas.ts";
import { formatKbps } from "./format.ts";
import type { Writer } from "./output.ts";
import {
  channelLabel,
  describeIncoming,
  type PlatformNames,
  styleStatus,
} from "./render_streaming.ts";
import { messageClock, oneLine } from "./render_text.ts";
import { ownSequence, type Style } from "./style.ts";
import { fitLine } from "./width.ts";

interface Destination {
  platformId?: number | null;
  status?: string;
  bitrate?: number | null;
  viewers?: number | null;
  online?: boolean | null;
}

/** The state shown by the live view, updated message by message. */
export class LiveView {
  readonly #out: Writer;
  readonly #style: Style;
  readonly #names: PlatformNames;
  readonly #columns: number;
  #incoming?: IncomingStreaming | null;
  #encoderOn = false;
  readonly #destinations = new Map<string, Destination>();
  #lastUpdate = "";
  #unknown = 0;
  /** Lines drawn last time, to move back over them. */
  #drawn = 0;

  /** Creates a view writing to a terminal of `columns` width. */
  constructor(out: Writer, style: Style, names: PlatformNames, columns = 80) {
    this.#out = out;
    this.#style = style;
    this.#names = names;
    this.#columns = columns;
  }

  /** Applies the messages that arrived together and redraws once. */
  update(messages: readonly StreamingMessage[]): void {
    for (const message of messages) {
      this.#apply(message);
      this.#lastUpdate = messageClock(undefined, message.receivedAt);
    }
    this.draw();
  }

  /** Forgets what was drawn (something else was written below it, e.g. a notice). */
  detach(): void {
    this.#drawn = 0;
  }

  /** Redraws the view over the previous one. */
  draw(): void {
    const lines = this.#lines().map((line) => this.#fit(line));
    // Up to the first line drawn, clear to the end of the screen, draw again.
    const back = this.#drawn > 0 ? ownSequence(`[${this.#drawn}F`) + ownSequence("[J") : "";
    this.#out.write(`${back}${lines.join("\n")}\n`);
    this.#drawn = lines.length;
  }

  #apply(message: StreamingMessage): void {
    switch (message.type) {
      case "updateIncoming":
        this.#incoming = message.data.streaming;
        this.#encoderOn = true;
        return;
      case "deleteIncoming":
        this.#encoderOn = false;
        return;
      case "updateOutgoing": {
        const d = this.#destination(message.data.channelId, message.data.platformId);
        d.status = message.data.streaming?.status ?? d.status;
        d.bitrate = message.data.streaming?.bitrate;
        return;
      }
      case "deleteOutgoing":
        this.#destinations.delete(String(message.data.channelId));
        return;
      case "updateStatuses": {
        const d = this.#destination(message.data.channelId, message.data.platformId);
        d.viewers = message.data.viewers;
        d.online = message.data.online;
        return;
      }
      default:
        this.#unknown++;
    }
  }

  #destination(channelId: unknown, platformId: number | null | undefined): Destination {
    const key = String(channelId);
    let d = this.#destinations.get(key);
    if (!d) this.#destinations.set(key, d = {});
    if (platformId != null) d.platformId = platformId;
    return d;
  }

  #lines(): string[] {
    const s = this.#style;
    const encoder = this.#encoderOn
      ? describeIncoming(this.#incoming) || "receiving"
      : s.red("no incoming stream");
    const lines = [`${s.bold("encoder")}  ${encoder}`];
    for (const [channelId, d] of this.#destinations) {
      const parts = [channelLabel(channelId, d.platformId, this.#names)];
      if (d.status) parts.push(styleStatus(oneLine(d.status), s));
      if (d.bitrate != null) parts.push(formatKbps(d.bitrate));
      if (typeof d.viewers === "number") parts.push(`${d.viewers} viewers`);
      lines.push(`  ${parts.join("  ")}`);
    }
    const unknown = this.#unknown > 0 ? ` · ${this.#unknown} other messages` : "";
    lines.push(s.dim(`updated ${this.#lastUpdate}${unknown}`));
    return lines;
  }

  /**
   * Cuts a line below the terminal width so that it never wraps (wrapping breaks redraws),
   * never inside a character or a colour code.
   */
  #fit(line: string): string {
    return fitLine(line, Math.max(2, this.#columns - 1));
  }
}
