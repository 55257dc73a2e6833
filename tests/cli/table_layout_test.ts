import assert from "node:assert/strict";
import { fitWidths, layoutColumns } from "../../src/cli/table_layout.ts";

Deno.test("fitWidths cuts the widest columns evenly, never below a column's floor", () => {
  assert.deepEqual(fitWidths([2, 30, 10], 30), [2, 14, 10]);
  assert.deepEqual(fitWidths([2, 30], undefined), [2, 30]);
  // Both long columns give way, not only the widest; the spare column goes left.
  assert.deepEqual(fitWidths([10, 30, 25], 50), [10, 18, 18]);
  assert.deepEqual(fitWidths([10, 30, 25], 51), [10, 19, 18]);
  // A floor equal to the natural width (an id) means never cut.
  assert.deepEqual(fitWidths([36, 30, 16], 70), [25, 25, 16], "without floors the id is cut too");
  assert.deepEqual(fitWidths([36, 30, 16], 70, [36, 6, 16]), [36, 14, 16]);
  assert.deepEqual(fitWidths([36, 30, 16], 60, [36, 6, 16]), [36, 6, 16], "no less than 6");
  assert.deepEqual(fitWidths([36, 16], 20, [36, 16]), [36, 16], "nothing to cut");
});

// `event list`: ID (whole), STATUS, TITLE (read), START, DESTS, as event_view.ts has them.
const EVENT = [
  { keep: true },
  { keep: true, priority: 3 },
  { min: 20 },
  { keep: true, priority: 2 },
  { keep: true, priority: 1 },
];
const EVENT_NATURAL = [36, 11, 40, 20, 5];

Deno.test("layoutColumns at 200, 120, 80 and 40 columns: least useful columns go first, then the title is cut", () => {
  // Wide: everything, nothing cut.
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 200), {
    shown: [0, 1, 2, 3, 4],
    widths: EVENT_NATURAL,
  });
  // 120: everything still fits when the title gives a little.
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 120), {
    shown: [0, 1, 2, 3, 4],
    widths: [36, 11, 40, 20, 5],
  });
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 110), {
    shown: [0, 1, 2, 3, 4],
    widths: [36, 11, 30, 20, 5],
  });
  // 80: DESTS and START go before the title is cut below 20; the id stays whole.
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 80), {
    shown: [0, 1, 2],
    widths: [36, 11, 29],
  });
  // 44: nothing left to leave out; the title takes what is left (here its floor, 6).
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 44), { shown: [0, 2], widths: [36, 6] });
  // 42 and 40: the title gives up its floor rather than wrap the table, down to 3 columns
  // ("Sp…"); with less room than that it is left out and the ids stay whole.
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 42), { shown: [0, 2], widths: [36, 4] });
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 41), { shown: [0, 2], widths: [36, 3] });
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 40), { shown: [0], widths: [36] });
  // Narrower than a kept column: the kept column stays whole (an id must paste back).
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 30), { shown: [0], widths: [36] });
  // Piped or unknown width (or a terminal reporting 0): every column, natural widths.
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT).shown, [0, 1, 2, 3, 4]);
  assert.deepEqual(layoutColumns(EVENT_NATURAL, EVENT, 0).widths, EVENT_NATURAL);
});

Deno.test("layoutColumns never cuts a title under 20 while a lower-priority column is shown", () => {
  for (let width = 30; width <= 200; width++) {
    const { shown, widths } = layoutColumns(EVENT_NATURAL, EVENT, width);
    const title = widths[shown.indexOf(2)];
    if (shown.some((i) => EVENT[i].priority !== undefined)) {
      assert.ok(title >= 20, `${width} columns: title ${title} with ${shown}`);
    }
    // Kept columns are whole at every width.
    shown.forEach((c, i) => {
      if (EVENT[c].keep) assert.equal(widths[i], EVENT_NATURAL[c], `${width}: column ${c}`);
    });
  }
});

Deno.test("layoutColumns: equal priorities leave the rightmost first; a short title is never padded out", () => {
  const columns = [{ keep: true }, { min: 20 }, { keep: true, priority: 1 }, {
    keep: true,
    priority: 1,
  }];
  assert.deepEqual(layoutColumns([10, 12, 10, 10], columns, 40), {
    shown: [0, 1, 2],
    widths: [10, 12, 10],
  });
});
