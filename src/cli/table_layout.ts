/**
 * How a table fits a terminal: which columns are shown and how wide each is. Pure
 * arithmetic on display widths; the rendering is in table.ts.
 *
 * Each column says what may happen to it:
 * - `keep`: never cut (ids people paste back, times, values with units, short words such as
 *   a status); a cut one is useless or misleading (`734.0…`).
 * - `priority`: may be left out on a narrow terminal, the lowest priority first (ties: the
 *   rightmost first). A column without a priority is always shown.
 * - `min`: the text people read (a title, a message) is not cut below this while a column
 *   with a priority is still shown.
 *
 * Steps: leave out columns until the rest fit at their floors (a kept column's natural
 * width, a `min` column's min, any other cut column {@link READABLE_WIDTH}); then cut the
 * widest cuttable columns evenly, never below their floor; if even that is too wide, cut
 * columns give up their floors or are left out. Only kept columns can make a row wider than
 * the terminal.
 *
 * @module
 */

/** What the layout needs to know of a column. */
export interface ColumnFit {
  /** Never cut. */
  keep?: boolean;
  /** Left out on a narrow terminal, lowest first; undefined: always shown. */
  priority?: number;
  /** Not cut below this while a column with a priority is shown. */
  min?: number;
}

/** Which columns a terminal shows, and how wide. */
export interface TableLayout {
  /** Indexes of the columns shown, in order. */
  shown: number[];
  /** Width of each shown column. */
  widths: number[];
}

/** Spaces between columns. */
export const GAP = 2;
/** Narrowest a column is cut to. */
const MIN_WIDTH = 6;
/** The narrowest a cut column may go when nothing else fits: two characters and "…". */
const LAST_RESORT_WIDTH = 3;
/** Columns are left out before a cuttable column without a `min` goes below this. */
const READABLE_WIDTH = 16;

/**
 * Fits columns of these natural widths into a terminal `width` (undefined or 0: unknown,
 * every column at its natural width).
 */
export function layoutColumns(
  natural: readonly number[],
  columns: readonly ColumnFit[],
  width?: number,
): TableLayout {
  let shown = natural.map((_w, i) => i);
  if (width === undefined || width <= 0) return { shown, widths: [...natural] };
  const floor = (i: number): number =>
    columns[i].keep ? natural[i] : Math.min(natural[i], columns[i].min ?? READABLE_WIDTH);
  while (span(shown.map(floor)) > width) {
    const drop = leastImportant(shown, columns);
    if (drop === undefined) break;
    shown = shown.filter((i) => i !== drop);
  }
  // Once nothing is left to leave out, a `min` column may go down to the common floor.
  const droppable = shown.some((i) => columns[i].priority !== undefined);
  const floors = shown.map((i) =>
    columns[i].keep
      ? natural[i]
      : Math.min(natural[i], droppable ? (columns[i].min ?? MIN_WIDTH) : MIN_WIDTH)
  );
  const widths = fitWidths(shown.map((i) => natural[i]), width, floors);
  return span(widths) <= width ? { shown, widths } : lastResort(shown, widths, columns, width);
}

/**
 * When even the floors do not fit (a 36-character id on a 40-column terminal), a table must
 * still not wrap (SPEC "Output": truncated to the terminal's width): the cut columns give up
 * their floors, down to {@link LAST_RESORT_WIDTH}, rightmost first; a column that cannot get
 * even that is left out. Kept columns stay whole, so only a row of them can be wider.
 */
function lastResort(
  shown: readonly number[],
  widths: readonly number[],
  columns: readonly ColumnFit[],
  width: number,
): TableLayout {
  const cols = shown.map((index, k) => ({ index, width: widths[k] }));
  for (let k = cols.length - 1; k >= 0 && span(cols.map((c) => c.width)) > width; k--) {
    if (columns[cols[k].index].keep) continue;
    const over = span(cols.map((c) => c.width)) - width;
    const room = cols[k].width - over;
    if (room >= LAST_RESORT_WIDTH) cols[k].width = room;
    else cols.splice(k, 1);
  }
  return { shown: cols.map((c) => c.index), widths: cols.map((c) => c.width) };
}

/**
 * Cuts columns until the row fits `width`: the widest first, evenly (no column is cut while
 * a wider one is left alone), each no lower than its floor (a floor equal to the natural
 * width means never cut). Whole columns left over go to the cut columns, left to right.
 */
export function fitWidths(
  natural: readonly number[],
  width: number | undefined,
  floors: readonly number[] = natural.map(() => MIN_WIDTH),
): number[] {
  if (width === undefined || width <= 0 || span(natural) <= width) return [...natural];
  const floorOf = (i: number): number => Math.min(natural[i], floors[i] ?? MIN_WIDTH);
  const cuttable = natural.filter((w, i) => floorOf(i) < w);
  if (cuttable.length === 0) return [...natural];
  const capped = (cap: number): number[] =>
    natural.map((w, i) => Math.max(floorOf(i), Math.min(w, cap)));
  let cap = Math.max(...cuttable);
  while (cap > 0 && span(capped(cap)) > width) cap--;
  const widths = capped(cap);
  let slack = width - span(widths);
  for (let i = 0; i < widths.length && slack > 0; i++) {
    if (widths[i] < natural[i]) {
      widths[i]++;
      slack--;
    }
  }
  return widths;
}

/** The width of a row of columns, gaps included. */
export function span(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
}

/** The shown column to leave out next: the lowest priority, the rightmost of equals. */
function leastImportant(
  shown: readonly number[],
  columns: readonly ColumnFit[],
): number | undefined {
  let drop: number | undefined;
  for (const i of shown) {
    const priority = columns[i].priority;
    if (priority === undefined) continue;
    if (drop === undefined || priority <= columns[drop].priority!) drop = i;
  }
  return drop;
}
