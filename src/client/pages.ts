/**
 * Following a paged endpoint, whatever its style (page numbers, page tokens, cursors): one
 * request at a time, as the pages are consumed, until the API names no next page — and
 * never for ever, whatever the API says (SPEC.md, "Hostile input", "Bounded work").
 *
 * @module
 */

import { RestreamError } from "../errors.ts";

/**
 * Most pages one listing follows (`iterateEventHistory`, `api --paginate`…); an API that
 * names a next page after that many is an `invalid_response` error.
 *
 * @example
 * ```ts
 * import { MAX_PAGES } from "jsr:@restream/cli";
 * console.log(MAX_PAGES); // 10000
 * ```
 */
export const MAX_PAGES = 10_000;

/** What a caller of a paged listing may pass besides the query. */
export interface PagingOptions {
  /**
   * Receives one warning when the listing stops early because the API repeated itself
   * ("stopped at page N: the API repeated a page"). The library never prints: show it.
   */
  onWarning?: (message: string) => void;
}

/** How to walk one paged endpoint. */
export interface FollowPagesOptions<TPage, TCursor> extends PagingOptions {
  /** The cursor of the first page (undefined: the endpoint's first page). */
  first: TCursor | undefined;
  /** Fetches the page at a cursor. */
  fetchPage: (cursor: TCursor | undefined) => Promise<TPage>;
  /** The cursor of the page after `page`, or undefined on the last one. */
  next: (page: TPage, cursor: TCursor | undefined) => TCursor | undefined;
  /** The items of a page: an empty page ends the listing, a repeated one stops it. */
  items: (page: TPage) => readonly unknown[];
}

/**
 * Yields the page at `first`, then each next one, until:
 * - the API names no next page, or a page is empty (nothing can follow it);
 * - a page holds the same items as the one before, or the next cursor was already
 *   requested: the API is looping; the listing stops with one warning, the repeated page
 *   left out;
 * - {@link MAX_PAGES} pages came and the API still names another: `invalid_response`.
 */
export async function* followPages<TPage, TCursor>(
  options: FollowPagesOptions<TPage, TCursor>,
): AsyncGenerator<TPage, void, undefined> {
  const requested = new Set<TCursor | undefined>([options.first]);
  const stop = (ordinal: number): void =>
    options.onWarning?.(`stopped at page ${ordinal}: the API repeated a page`);
  let cursor = options.first;
  let previous: string | undefined;
  for (let ordinal = 1;; ordinal++) {
    const page = await options.fetchPage(cursor);
    const items = options.items(page);
    // Only the previous page is kept (as text), so a long listing stays small in memory.
    const text = JSON.stringify(items);
    if (previous !== undefined && text === previous) return stop(ordinal);
    yield page;
    if (items.length === 0) return;
    const following = options.next(page, cursor);
    if (following === undefined) return;
    if (requested.has(following)) return stop(ordinal + 1);
    if (ordinal >= MAX_PAGES) {
      throw new RestreamError(
        "invalid_response",
        `unexpected response: the API named a next page after ${MAX_PAGES} pages; stopped`,
      );
    }
    requested.add(following);
    previous = text;
    cursor = following;
  }
}
