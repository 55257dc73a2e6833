/**
 * The channel title rule, apart from the client so the CLI can name the limit in its help
 * without loading the client (and valibot) at start-up.
 *
 * @module
 */

import { RestreamError } from "./errors.ts";

/**
 * The longest channel title accepted. The API rejects over-long titles without saying the
 * limit; 140 is the shortest limit among the major platforms (X), so a longer title is
 * refused before it is sent.
 *
 * @example
 * ```ts
 * import { MAX_TITLE_LENGTH } from "jsr:@restream/cli";
 * const title = "A very long show title…".slice(0, MAX_TITLE_LENGTH);
 * ```
 */
export const MAX_TITLE_LENGTH = 140;

/**
 * Checks a title before it is sent: not empty (whitespace only counts as empty) and at
 * most {@link MAX_TITLE_LENGTH} characters. Throws a usage error otherwise.
 */
export function checkChannelTitle(title: string): void {
  if (title.trim() === "") throw new RestreamError("usage", "the title must not be empty");
  const length = [...title].length;
  if (length > MAX_TITLE_LENGTH) {
    throw new RestreamError(
      "usage",
      `the title is ${length} characters long; the limit is ${MAX_TITLE_LENGTH}`,
    );
  }
}
