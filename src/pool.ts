/**
 * A few tasks at a time: the one bounded-concurrency loop (reading channel titles, applying a
 * channel plan), so no command floods the API with one request per channel at once.
 *
 * @module
 */

/**
 * Runs `task` for every item with at most `limit` running at once, in the items' order of
 * starting. When `stop` answers true, no further item is started. A task that throws ends its
 * worker, and the first such error is thrown once the running tasks have ended.
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && !stop() && next < items.length) {
      const index = next++;
      try {
        await task(items[index], index);
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
  };
  const workers = Math.min(Math.max(1, Math.floor(limit)), items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  if (failed) throw failure;
}
