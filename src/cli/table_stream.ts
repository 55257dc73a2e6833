/**
 * Tables whose id column is never cut, written in one go or page by page
 * (`event history --all`): the header once, then rows as they arrive. On a terminal the
 * column widths are fixed by the first page (fitted to the width, `fixed` columns kept
 * whole) and later rows are cut to them; piped, rows are tab-separated and untruncated,
 * exactly like `Output.printTable`.
 *
 * @module
 */

import stringWidth from "string-width";
import { type Column, fitWidths, type Output, truncate } from "./output.ts";
import { stripAnsi } from "./style.ts";

/** A column that may be kept whole (ids people copy). */
export interface TableColumn<T> extends Column<T> {
  /** Never truncated to fit the terminal. */
  fixed?: boolean;
}

const GAP = 2;

/** Writes one table in parts. */
export class TableStream<T> {
  readonly #output: Output;
  readonly #columns: readonly TableColumn<T>[];
  #widths?: number[];
  #started = false;

  /** Creates a stream for columns; nothing is written until the first {@link push}. */
  constructor(output: Output, columns: readonly TableColumn<T>[]) {
    this.#output = output;
    this.#columns = columns;
  }

  /** Writes a whole table at once. */
  static print<T>(output: Output, rows: readonly T[], columns: readonly TableColumn<T>[]): void {
    const table = new TableStream(output, columns);
    table.push(rows);
    table.end();
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
      this.#widths = fitKeepingFixed(natural, this.#output.columns, this.#columns);
      const style = this.#output.style;
      this.#output.printLine(this.#render(headers, (text) => style.bold(text)));
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
      return paint(text, c) + " ".repeat(Math.max(0, widths[c] - stringWidth(text)));
    });
    return parts.join(" ".repeat(GAP)).trimEnd();
  }
}

/** Fits the other columns into the width the `fixed` ones leave. */
function fitKeepingFixed<T>(
  natural: readonly number[],
  width: number | undefined,
  columns: readonly TableColumn<T>[],
): number[] {
  if (width === undefined) return [...natural];
  const isFixed = columns.map((column) => column.fixed === true);
  const fixedWidth = natural.reduce((sum, w, i) => sum + (isFixed[i] ? w + GAP : 0), 0);
  const rest = fitWidths(natural.filter((_w, i) => !isFixed[i]), width - fixedWidth);
  let next = 0;
  return natural.map((w, i) => (isFixed[i] ? w : rest[next++]));
}

/** Table cells are single-line: tabs and newlines would break both layouts. */
function clean(text: string): string {
  return stripAnsi(text).replace(/[\t\r\n]+/g, " ");
}
