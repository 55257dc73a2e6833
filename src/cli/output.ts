/**
 * Everything commands print goes through here: tables (aligned on a terminal, tab-separated
 * when piped), `Key: value` blocks, JSON documents, NDJSON lines and stderr notices.
 *
 * stdout carries data only; notices, warnings and errors go to stderr (SPEC.md, "Output").
 *
 * @module
 */

import Table from "cli-table3";
import stringWidth from "string-width";
import { createStyle, stripAnsi, type Style } from "./style.ts";

/** A sink for text; the CLI writes to the process streams, tests to strings. */
export interface Writer {
  /** Writes text as is (the caller adds newlines). */
  write(text: string): void;
}

/** One column of a table. */
export interface Column<T> {
  /** Header text. */
  header: string;
  /** The cell text of a row (plain, no escape codes). */
  value: (row: T) => string;
  /** Optional colouring of the cell on a terminal. */
  color?: (text: string, row: T, style: Style) => string;
}

/** How output is rendered. */
export interface OutputOptions {
  /** `--json` was given. */
  json: boolean;
  /** stdout is a terminal. */
  isTerminal: boolean;
  /** Colour allowed (terminal, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Terminal width, when known. */
  columns?: number;
  /** Data. */
  stdout: Writer;
  /** Everything else. */
  stderr: Writer;
}

const COLUMN_GAP = 2;
const MIN_COLUMN_WIDTH = 6;

/** Renders data for people or for programs, per the options. */
export class Output {
  /** Styling for stdout (off when piped). */
  readonly style: Style;
  /** Styling for stderr notices. */
  readonly errStyle: Style;
  readonly #options: OutputOptions;

  /** Creates an output for one run. */
  constructor(options: OutputOptions) {
    this.#options = options;
    this.style = createStyle(options.color && options.isTerminal);
    this.errStyle = createStyle(options.color);
  }

  /** True when `--json` was given. */
  get json(): boolean {
    return this.#options.json;
  }

  /** True when stdout is a terminal. */
  get isTerminal(): boolean {
    return this.#options.isTerminal;
  }

  /** Terminal width, when known. */
  get columns(): number | undefined {
    return this.#options.columns;
  }

  /** Writes one JSON document (pretty on a terminal, compact when piped). */
  printJson(value: unknown): void {
    const text = this.isTerminal ? JSON.stringify(value, null, 2) : JSON.stringify(value);
    this.#options.stdout.write(`${text}\n`);
  }

  /** Writes one compact JSON line (NDJSON). */
  printJsonLine(value: unknown): void {
    this.#options.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Writes a line of data to stdout. */
  printLine(text: string): void {
    this.#options.stdout.write(`${text}\n`);
  }

  /** Writes a notice, warning or progress line to stderr. */
  notice(text: string): void {
    this.#options.stderr.write(`${text}\n`);
  }

  /** Writes a list: the items as JSON with `--json`, otherwise a table. */
  printList<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    if (this.json) this.printJson(rows);
    else this.printTable(rows, columns);
  }

  /** Writes one object: as JSON with `--json`, otherwise the `Key: value` block. */
  printObject(
    value: unknown,
    entries: () => ReadonlyArray<readonly [string, string | undefined]>,
  ): void {
    if (this.json) this.printJson(value);
    else this.printBlock(entries());
  }

  /**
   * Writes a list: an aligned table with a header on a terminal (fitted to its width), the
   * same columns tab-separated and untruncated otherwise.
   */
  printTable<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    const cells = rows.map((row) => columns.map((column) => clean(column.value(row))));
    const headers = columns.map((column) => column.header);
    if (!this.isTerminal) {
      const lines = [headers, ...cells].map((line) => line.join("\t"));
      this.#options.stdout.write(lines.map((line) => `${line}\n`).join(""));
      return;
    }
    const widths = fitWidths(
      [headers, ...cells].reduce(
        (acc, line) => acc.map((w, i) => Math.max(w, stringWidth(line[i]))),
        headers.map(() => 0),
      ),
      this.columns,
    );
    const table = new Table({
      head: headers.map((h) => this.style.bold(h)),
      colWidths: widths,
      style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true },
      chars: BORDERLESS,
    });
    rows.forEach((row, r) => {
      table.push(columns.map((column, c) => {
        const text = truncate(cells[r][c], widths[c]);
        return column.color ? column.color(text, row, this.style) : text;
      }));
    });
    const rendered = table.toString().split("\n").map((line) => line.trimEnd()).join("\n");
    this.#options.stdout.write(`${rendered}\n`);
  }

  /** Writes a `Key: value` block; entries with an undefined value are left out. */
  printBlock(entries: ReadonlyArray<readonly [string, string | undefined]>): void {
    const present = entries.filter((e): e is readonly [string, string] => e[1] !== undefined);
    const width = Math.max(0, ...present.map(([key]) => stringWidth(key) + 1));
    const lines = present.map(([key, value]) => {
      const label = `${key}:`.padEnd(width + (key.length - stringWidth(key)));
      return `${this.style.bold(label)} ${clean(value)}`;
    });
    this.#options.stdout.write(lines.map((line) => `${line}\n`).join(""));
  }
}

/** Shrinks the widest columns until the table fits the terminal. */
export function fitWidths(natural: readonly number[], columns?: number): number[] {
  const widths = [...natural];
  if (columns === undefined || columns <= 0) return widths;
  const total = (): number => widths.reduce((a, b) => a + b, 0) + COLUMN_GAP * (widths.length - 1);
  while (total() > columns) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN_WIDTH) break;
    widths[widest] = Math.max(MIN_COLUMN_WIDTH, widths[widest] - (total() - columns));
  }
  return widths;
}

/** Cuts text to a display width, ending with "…" when cut. Wide characters count double. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (stringWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Table cells are single-line: tabs and newlines would break both layouts. */
function clean(text: string): string {
  return stripAnsi(text).replace(/[\t\r\n]+/g, " ");
}

const BORDERLESS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: " ".repeat(COLUMN_GAP),
};
