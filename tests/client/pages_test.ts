/** The shared paging helper: it ends, whatever the API says (SPEC.md, "Bounded work"). */

import assert from "node:assert/strict";
import { followPages, MAX_PAGES } from "../../src/client/pages.ts";
import { rejects } from "../support/rejects.ts";

interface Page {
  items: number[];
  next?: number;
}

/** Walks `pages` (indexed by cursor, from 1) and records every cursor requested. */
async function walk(pages: Record<number, Page>, first = 1) {
  const requested: Array<number | undefined> = [];
  const warnings: string[] = [];
  const yielded: number[][] = [];
  for await (
    const page of followPages<Page, number>({
      first,
      fetchPage: (cursor) => {
        requested.push(cursor);
        return Promise.resolve(pages[cursor!]);
      },
      next: (page) => page.next,
      items: (page) => page.items,
      onWarning: (message) => warnings.push(message),
    })
  ) yielded.push(page.items);
  return { requested, warnings, yielded };
}

Deno.test("followPages: follows the next cursor until there is none", async () => {
  const result = await walk({
    1: { items: [1], next: 2 },
    2: { items: [2], next: 3 },
    3: { items: [3] },
  });
  assert.deepEqual(result, { requested: [1, 2, 3], warnings: [], yielded: [[1], [2], [3]] });
});

Deno.test("followPages: an empty page ends the listing even when it names a next page", async () => {
  const result = await walk({ 1: { items: [1], next: 2 }, 2: { items: [], next: 3 } });
  assert.deepEqual(result, { requested: [1, 2], warnings: [], yielded: [[1], []] });
});

Deno.test("followPages: a page equal to the previous one stops with one warning and is left out", async () => {
  const result = await walk({
    1: { items: [1], next: 2 },
    2: { items: [2], next: 3 },
    3: { items: [2], next: 4 },
    4: { items: [4] },
  });
  assert.deepEqual(result, {
    requested: [1, 2, 3],
    warnings: ["stopped at page 3: the API repeated a page"],
    yielded: [[1], [2]],
  });
});

Deno.test("followPages: a next cursor already requested stops with one warning, not fetched again", async () => {
  const result = await walk({
    1: { items: [1], next: 2 },
    2: { items: [2], next: 3 },
    3: { items: [3], next: 1 },
  });
  assert.deepEqual(result, {
    requested: [1, 2, 3],
    warnings: ["stopped at page 4: the API repeated a page"],
    yielded: [[1], [2], [3]],
  });
  // The first cursor counts as requested too, and a page naming itself is caught at once.
  const self = await walk({ 5: { items: [5], next: 5 } }, 5);
  assert.deepEqual(self.requested, [5]);
  assert.deepEqual(self.warnings, ["stopped at page 2: the API repeated a page"]);
});

Deno.test("followPages: 10,000 pages are followed; an API naming one more is invalid_response", async () => {
  assert.equal(MAX_PAGES, 10_000);
  let fetched = 0;
  const pages = (last: number) =>
    followPages<Page, number>({
      first: 1,
      fetchPage: (cursor) => {
        fetched++;
        return Promise.resolve({
          items: [cursor!],
          next: cursor! < last ? cursor! + 1 : undefined,
        });
      },
      next: (page) => page.next,
      items: (page) => page.items,
    });
  let count = 0;
  for await (const _ of pages(MAX_PAGES)) count++;
  assert.equal(count, MAX_PAGES);
  fetched = 0;
  const error = await rejects((async () => {
    for await (const _ of pages(Infinity)) { /* drain */ }
  })());
  assert.equal(error.kind, "invalid_response");
  assert.match(error.message, /after 10000 pages/);
  assert.equal(fetched, MAX_PAGES, "page 10,001 is never requested");
});
