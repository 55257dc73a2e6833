/**
 * The one table renderer, for a whole list (`Output.printTable`) or page by page as pages
 * arrive (`event history --all`, `event chat --all`): the header once, then rows.
 *
 * Piped, rows are tab-separated and untruncated. On a terminal they are aligned by display
 * width (CJK and emoji count double) and fitted to its width by column priorities (see
 * table_layout.ts): the least useful columns are left out first, then the text people read
 * is cut, its cells ending in "…"; ids, times and values with units are never cut. Page by
 * page, the first page fixes the layout.
 *
 * @module
 */

import type { Style } from "./style.ts";
import { type ColumnFit, GAP, layoutColumns, type TableLayout } from "./table_layout.ts";
import { singleLine } from "./terminal_safe.ts";
import { displayWidth, fitLine } from "./width.ts";

/** One column of a table; how it may be fitted to a terminal is {@link ColumnFit}. */
export interface Column<T> extends ColumnFit {
  /** Header text. */
  header: string;
  /** The cell text of a row (plain, no escape codes). */
  value: (row: T) => string;
  /** Optional colouring of the cell on a terminal. */
  color?: (text: string, row: T, style: Style) => string;
}

/** Where a table is written: the run's output. */
export interface TableSink {
  /** stdout is a terminal: align and fit; otherwise tab-separated. */
  readonly isTerminal: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
  /** Styling of stdout. */
  readonly style: Style;
  /** Writes one line of data. */
  printLine(text: string): void;
}

/** Writes one table, whole or in parts. */
export class TableWriter<T> {
  readonly #sink: TableSink;
  readonly #columns: readonly Column<T>[];
  #layout?: TableLayout;
  #started = false;

  /** Creates a writer; nothing is written until the first {@link push} or {@link end}. */
  constructor(sink: TableSink, columns: readonly Column<T>[]) {
    this.#sink = sink;
    this.#columns = columns;
  }

  /** Writes rows (and, the first time, the header). */
  push(rows: readonly T[]): void {
    const cells = rows.map((row) => this.#columns.map((column) => singleLine(column.value(row))));
    const headers = this.#columns.map((column) => column.header);
    if (!this.#sink.isTerminal) {
      if (!this.#started) this.#sink.printLine(headers.join("\t"));
      this.#started = true;
      for (const line of cells) this.#sink.printLine(line.join("\t"));
      return;
    }
    if (!this.#started) {
      const natural = [headers, ...cells].reduce(
        (acc, line) => acc.map((w, i) => Math.max(w, displayWidth(line[i]))),
        headers.map(() => 0),
      );
      this.#layout = layoutColumns(natural, this.#columns, this.#sink.columns);
      const style = this.#sink.style;
      this.#sink.printLine(this.#render(headers, (text) => style.bold(text)));
      this.#started = true;
    }
    rows.forEach((row, r) => {
      this.#sink.printLine(
        this.#render(cells[r], (text, c) => {
          const color = this.#columns[c].color;
          return color ? color(text, row, this.#sink.style) : text;
        }),
      );
    });
  }

  /** Ends the table: writes the header if no row ever came. */
  end(): void {
    if (!this.#started) this.push([]);
  }

  #render(cells: readonly string[], paint: (text: string, column: number) => string): string {
    const { shown, widths } = this.#layout!;
    const parts = shown.map((c, i) => {
      const text = fitLine(cells[c], widths[i]);
      return paint(text, c) + " ".repeat(Math.max(0, widths[i] - displayWidth(text)));
    });
    return parts.join(" ".repeat(GAP)).trimEnd();
  }
}
