/**
 * The one wording of "there is more" for every paged list (`event history`, `event chat`,
 * `clip projects`): written after the table, on stderr, in human mode only (a script asks
 * for `--all` or follows the pages itself).
 *
 * @module
 */

import type { Output } from "./output.ts";

/** Where the next page is: a page number (`--page N`), or only a cursor (`--all`). */
export interface NextPage {
  /** The next page's number, for lists paged by number. */
  page?: number;
}

/** `more events: use --page 2 for the next page or --all for every page`. */
export function morePagesHint(output: Output, noun: string, next: NextPage = {}): void {
  if (output.json) return;
  const page = next.page === undefined ? "" : `--page ${next.page} for the next page or `;
  output.notice(`more ${noun}: use ${page}--all for every page`);
}

/** `page 99 is past the end: there are 3 pages of events`. */
export function pastEndNotice(output: Output, noun: string, page: number, pages: number): void {
  if (output.json) return;
  const count = pages === 1 ? "1 page" : `${pages} pages`;
  output.notice(
    `page ${page} is past the end: there ${pages === 1 ? "is" : "are"} ${count} of ${noun}`,
  );
}
