/**
 * The one table renderer, for a whole list (`Output.printTable`) or page by page as pages
 * arrive (`event history --all`, `event chat --all`): the header once, then rows.
 *
 * Piped, rows are tab-separated and untruncated. On a terminal they are aligned by display
 * width (CJK and emoji count double) and fitted to its width: a `keep` column (ids people
 * copy, times, links) is never cut; an `optional` column is left out, rightmost first, when
 * the others would otherwise be squeezed below a readable width; then the widest of the
 * remaining columns shrink evenly, their cells ending in "…". Page by page, the first page
 * fixes the layout.
 *
 * @module
 */

import type { Style } from "./style.ts";
import { terminalSafe } from "./terminal_safe.ts";
import { displayWidth, sliceToWidth } from "./width.ts";

/** One column of a table. */
export interface Column<T> {
  /** Header text. */
  header: string;
  /** The cell text of a row (plain, no escape codes). */
  value: (row: T) => string;
  /** Optional colouring of the cell on a terminal. */
  color?: (text: string, row: T, style: Style) => string;
  /** Never cut to fit a terminal: ids people copy, times, links (a cut one is useless). */
  keep?: boolean;
  /** Left out on a terminal too narrow for it; piped output always has it. */
  optional?: boolean;
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

/** Which columns a terminal shows, and how wide. */
export interface TableLayout {
  /** Indexes of the columns shown, in order. */
  shown: number[];
  /** Width of each shown column. */
  widths: number[];
}

const GAP = 2;
/** Narrowest a column is cut to. */
const MIN_WIDTH = 6;
/** Optional columns go before any other column is squeezed below this width. */
const READABLE_WIDTH = 16;

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
      const text = truncate(cells[c], widths[i]);
      return paint(text, c) + " ".repeat(Math.max(0, widths[i] - displayWidth(text)));
    });
    return parts.join(" ".repeat(GAP)).trimEnd();
  }
}

/**
 * Fits columns of these natural widths into a terminal `width`: optional columns are left
 * out (rightmost first) while the rest cannot fit at a readable width, then
 * {@link fitWidths} shrinks what is left.
 */
export function layoutColumns(
  natural: readonly number[],
  columns: ReadonlyArray<Pick<Column<unknown>, "keep" | "optional">>,
  width?: number,
): TableLayout {
  let shown = natural.map((_w, i) => i);
  if (width !== undefined && width > 0) {
    const floor = (i: number): number =>
      columns[i].keep ? natural[i] : Math.min(natural[i], READABLE_WIDTH);
    while (span(shown.map(floor)) > width) {
      const drop = shown.findLast((i) => columns[i].optional === true);
      if (drop === undefined) break;
      shown = shown.filter((i) => i !== drop);
    }
  }
  const widths = fitWidths(
    shown.map((i) => natural[i]),
    width,
    shown.map((i) => columns[i].keep === true),
  );
  return { shown, widths };
}

/**
 * Shrinks columns until the table fits `width`: the widest first, evenly (no column is cut
 * while a wider one is left alone), never below {@link MIN_WIDTH} and never a `keep` one.
 * A table that cannot fit even so is left wider than the terminal.
 */
export function fitWidths(
  natural: readonly number[],
  width?: number,
  keep: readonly boolean[] = [],
): number[] {
  if (width === undefined || width <= 0 || span(natural) <= width) return [...natural];
  const shrinkable = natural.filter((_w, i) => !keep[i]);
  if (shrinkable.length === 0) return [...natural];
  const capped = (cap: number): number[] => natural.map((w, i) => (keep[i] ? w : Math.min(w, cap)));
  let cap = Math.max(...shrinkable);
  while (cap > MIN_WIDTH && span(capped(cap)) > width) cap--;
  const widths = capped(cap);
  // Whole columns left over go to the cut columns, left to right.
  let slack = width - span(widths);
  for (let i = 0; i < widths.length && slack > 0; i++) {
    if (!keep[i] && widths[i] < natural[i]) {
      widths[i]++;
      slack--;
    }
  }
  return widths;
}

/**
 * Cuts text to a display width, ending with "…" when cut. Wide characters count double; an
 * emoji sequence or an accented letter is never split.
 */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${sliceToWidth(text, width - 1)}…`;
}

/**
 * Cells and values are single-line (tabs and newlines would break both layouts) and
 * terminal-safe: text from the API goes through {@link terminalSafe} before it is measured,
 * cut or coloured.
 */
export function singleLine(text: string): string {
  return terminalSafe(text, { singleLine: true });
}

/** The width of a row of columns, gaps included. */
function span(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
}
