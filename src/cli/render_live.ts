/**
 * `monitor streaming --live`: a compact status view (the encoder, then one aligned row per
 * destination) redrawn in place on a terminal. Only used when stdout is a terminal.
 *
 * @module
 */

import type { StreamingMessage } from "../ws/streaming.ts";
import type { Writer } from "./output.ts";
import type { PlatformNames } from "./render_streaming.ts";
import { messageClock } from "./render_text.ts";
import { StreamingState } from "./streaming_state.ts";
import { ownSequence, splitOwnSequences, type Style } from "./style.ts";
import { displayWidth, fitLine } from "./width.ts";

/** The width used when the terminal reports none (0 columns under `script`, some `docker exec`). */
const FALLBACK_COLUMNS = 80;

/** The state shown by the live view, updated message by message. */
export class LiveView {
  readonly #out: Writer;
  readonly #style: Style;
  readonly #names: PlatformNames;
  readonly #columns: number;
  readonly #state = new StreamingState();
  #lastUpdate = "";
  /** Lines drawn last time, to move back over them. */
  #drawn = 0;

  /** Creates a view writing to a terminal of `columns` width (80 when unknown or 0). */
  constructor(out: Writer, style: Style, names: PlatformNames, columns?: number) {
    this.#out = out;
    this.#style = style;
    this.#names = names;
    this.#columns = columns !== undefined && columns > 0 ? columns : FALLBACK_COLUMNS;
  }

  /** Applies the messages that arrived together and redraws once. */
  update(messages: readonly StreamingMessage[]): void {
    for (const message of messages) {
      this.#state.apply(message);
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
    const s = this.#style;
    const [encoder, ...destinations] = this.#state.lines(this.#names, s);
    const unknown = this.#state.unknownCount;
    const others = unknown > 0 ? ` · ${unknown} other messages` : "";
    const lines = [
      encoder.replace(/^encoder/, s.bold("encoder")),
      ...destinations,
      s.dim(`updated ${this.#lastUpdate}${others}`),
    ].map((line) => this.#fit(line));
    // Up to the first line drawn, clear to the end of the screen, draw again.
    const back = this.#drawn > 0 ? ownSequence(`[${this.#drawn}F`) + ownSequence("[J") : "";
    this.#out.write(`${back}${lines.join("\n")}\n`);
    this.#drawn = lines.length;
  }

  /**
   * Cuts a line below the terminal width so that it never wraps (wrapping breaks redraws),
   * never inside a character or a colour code (colours are kept).
   */
  #fit(line: string): string {
    const width = Math.max(2, this.#columns - 1);
    if (displayWidth(line) <= width) return line;
    // Whole words past the first column: a figure cut short ("online 12…" for 128 viewers)
    // would read as another figure. A first column too wide is cut by character.
    const first = line.search(/ {2}/);
    let kept = line;
    for (;;) {
      const space = kept.lastIndexOf(" ");
      if (first < 0 || space < first) return fitLine(line, width);
      kept = kept.slice(0, space).trimEnd();
      if (displayWidth(kept) + 2 <= width) {
        // A colour begun in the words left out must not run on below.
        const reset = splitOwnSequences(kept).length > 1 ? ownSequence("[0m") : "";
        return `${kept}${reset} …`;
      }
    }
  }
}
