/**
 * `stream-key get`: the account's default stream key. The stream-key commands are the only
 * ones that show a key in full; the request log never does.
 *
 * @module
 */

import type { StreamKey } from "../schemas/stream_key.ts";
import type { CliContext } from "./context.ts";

/** Prints a stream key: the object with `--json`, otherwise a `Key: value` block. */
export function printStreamKey(ctx: CliContext, key: StreamKey): void {
  ctx.output.printObject(key, () => [
    ["Stream key", key.streamKey],
    ["SRT URL", key.srtUrl ?? "none"],
  ]);
}

/** `stream-key get`. */
export async function showStreamKey(ctx: CliContext): Promise<void> {
  printStreamKey(ctx, await ctx.authenticatedClient().getStreamKey(ctx.io.signal));
}
