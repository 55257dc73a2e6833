/**
 * A table written page by page (`event history --all`): the header once, then rows as
 * they arrive. On a terminal the column widths are fixed by the first page (fitted to the
 * width) and later rows are cut to them; piped, rows are tab-separated and untruncated,
 * exactly like {@link Output.printTable}.
 *
 * @module
 */

import stringWidth from "string-width";
import { clean, type Column, fitWidths, type Output, truncate } from "./output.ts";

const GAP = "  ";

/** Writes one table in parts. */
export class TableStream<T> {
  readonly #output: Output;
  readonly #columns: readonly Column<T>[];
  #widths?: number[];
  #started = false;

  /** Creates a stream for columns; nothing is written until the first {@link push}. */
  constructor(output: Output, columns: readonly Column<T>[]) {
    this.#output = output;
    this.#columns = columns;
  }

  /** Writes rows (and, the first time, the header). */
  push(rows: readonly T[]): void {
    const cells = rows.map((row) => this.#columns.map((column) => clean(column.value(row))));
    const headers = this.#columns.map((column) => column.header);
    if (!this.#output.isTerminal) {
      if (!this.#started) this.#output.printLine(headers.join("\t"));
      this.#started = true;
      for (const line of cells) this.#output.printLine(line.join("\t"));
      return;
    }
    if (!this.#started) {
      const natural = [headers, ...cells].reduce(
        (acc, line) => acc.map((w, i) => Math.max(w, stringWidth(line[i]))),
        headers.map(() => 0),
      );
      this.#widths = fitWidths(
        natural,
        this.#output.columns,
        this.#columns.map((column) => column.fixed === true),
      );
      const style = this.#output.style;
      this.#output.printLine(this.#render(headers.map((h) => h), (text) => style.bold(text)));
      this.#started = true;
    }
    rows.forEach((row, r) => {
      this.#output.printLine(
        this.#render(cells[r], (text, c) => {
          const color = this.#columns[c].color;
          return color ? color(text, row, this.#output.style) : text;
        }),
      );
    });
  }

  /** Ends the table: writes the header if no page ever came. */
  end(): void {
    if (!this.#started) this.push([]);
  }

  #render(cells: readonly string[], paint: (text: string, column: number) => string): string {
    const widths = this.#widths!;
    const parts = cells.map((cell, c) => {
      const text = truncate(cell, widths[c]);
      const pad = " ".repeat(Math.max(0, widths[c] - stringWidth(text)));
      return paint(text, c) + pad;
    });
    return parts.join(GAP).trimEnd();
  }
}
