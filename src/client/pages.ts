/**
 * Following a paged endpoint, whatever its style (page numbers, page tokens, cursors): one
 * request at a time, as the pages are consumed, until the API names no next page.
 *
 * @module
 */

/**
 * Yields the page at `first`, then each next one `next` names. Stops when it names none,
 * or one already fetched: an API that repeats a cursor would otherwise loop for ever.
 */
export async function* followPages<TPage, TCursor>(
  first: TCursor | undefined,
  fetchPage: (cursor: TCursor | undefined) => Promise<TPage>,
  next: (page: TPage, cursor: TCursor | undefined) => TCursor | undefined,
): AsyncGenerator<TPage, void, undefined> {
  const seen = new Set<TCursor>();
  if (first !== undefined) seen.add(first);
  let cursor = first;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page;
    const following = next(page, cursor);
    if (following === undefined || seen.has(following)) return;
    seen.add(following);
    cursor = following;
  }
}
