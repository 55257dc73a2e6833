/**
 * Everything commands print goes through here: tables (table.ts: aligned on a terminal by
 * display width, so CJK and emoji line up; tab-separated when piped), `Key: value` blocks,
 * JSON documents, NDJSON lines and stderr notices.
 *
 * stdout carries data only; notices, warnings and errors go to stderr (SPEC.md, "Output").
 * Terminal safety: cells, block values and notices are made single-line and safe here
 * (terminal_safe.ts), and the writers of a run make every byte safe again (context.ts).
 * JSON goes through json_text.ts.
 *
 * @module
 */

import { jsonText } from "./json_text.ts";
import { createStyle, type Style } from "./style.ts";
import { type Column, TableWriter } from "./table.ts";
import { singleLine } from "./terminal_safe.ts";
import { displayWidth } from "./width.ts";

export type { Column } from "./table.ts";

/** A sink for text; the CLI writes to the process streams, tests to strings. */
export interface Writer {
  /** Writes text as is (the caller adds newlines). */
  write(text: string): void;
  /** Writes raw bytes (`download -o -`); absent on writers that only take text. */
  writeBytes?(bytes: Uint8Array): void;
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

/** A JSON array written piece by piece; see {@link Output.jsonArray}. */
export interface JsonArrayWriter {
  /** Writes these items (the opening `[` first, the first time). */
  push(items: readonly unknown[]): void;
  /** Writes the closing `]` and a newline. */
  end(): void;
}

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
    this.#options.stdout.write(`${this.#json(value)}\n`);
  }

  /**
   * One JSON array written as its items arrive (`api --paginate`): the same text
   * {@link Output.printJson} writes for the whole array, without holding it. `[` goes out
   * with the first push; `end()` closes it (an array never ended stays unclosed).
   */
  jsonArray(): JsonArrayWriter {
    let started = false;
    let any = false;
    const pretty = this.isTerminal;
    return {
      push: (items) => {
        let text = started ? "" : "[";
        started = true;
        for (const item of items) {
          const json = this.#json(item);
          text += `${any ? "," : ""}${pretty ? `\n  ${json.replaceAll("\n", "\n  ")}` : json}`;
          any = true;
        }
        if (text !== "") this.#options.stdout.write(text);
      },
      end: () => {
        this.#options.stdout.write(`${started ? "" : "["}${any && pretty ? "\n" : ""}]\n`);
      },
    };
  }

  /** The one JSON text of stdout (json_text.ts: C1, U+2028/2029 and bidi controls escaped). */
  #json(value: unknown): string {
    return jsonText(value, this.isTerminal);
  }

  /** Writes one compact JSON line (NDJSON). */
  printJsonLine(value: unknown): void {
    this.#options.stdout.write(`${jsonText(value)}\n`);
  }

  /** Writes a line of data to stdout. */
  printLine(text: string): void {
    this.#options.stdout.write(`${text}\n`);
  }

  /** Writes a notice, warning or progress line to stderr, as one terminal-safe line. */
  notice(text: string): void {
    this.#options.stderr.write(`${singleLine(text)}\n`);
  }

  /** Writes a list: the items as JSON with `--json`, otherwise a table. */
  printList<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    if (this.json) this.printJson(rows);
    else this.printTable(rows, columns);
  }

  /**
   * Writes every page of a list (`--all`): with `--json` one array once the last page is in;
   * otherwise rows as their page arrives, so a long list shows (and pipes) at once.
   */
  async printPages<P, T>(
    pages: AsyncIterable<P>,
    rows: (page: P) => readonly T[],
    columns: readonly Column<T>[],
  ): Promise<void> {
    if (this.json) {
      const all: T[] = [];
      for await (const page of pages) all.push(...rows(page));
      return this.printJson(all);
    }
    const table = this.table(columns);
    for await (const page of pages) table.push(rows(page));
    table.end();
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
   * same columns tab-separated and untruncated otherwise (see table.ts).
   */
  printTable<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    const table = this.table(columns);
    table.push(rows);
    table.end();
  }

  /** A table written page by page: push rows as they arrive, then end it. */
  table<T>(columns: readonly Column<T>[]): TableWriter<T> {
    return new TableWriter(this, columns);
  }

  /** Writes a `Key: value` block; entries with an undefined value are left out. */
  printBlock(entries: ReadonlyArray<readonly [string, string | undefined]>): void {
    const present = entries.filter((e): e is readonly [string, string] => e[1] !== undefined);
    const width = Math.max(0, ...present.map(([key]) => displayWidth(key) + 1));
    const lines = present.map(([key, value]) => {
      const label = `${key}:`.padEnd(width + (key.length - displayWidth(key)));
      return `${this.style.bold(label)} ${singleLine(value)}`;
    });
    this.#options.stdout.write(lines.map((line) => `${line}\n`).join(""));
  }
}
