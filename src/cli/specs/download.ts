/**
 * The flags every `… download` command shares (handler side: ../download_command.ts).
 *
 * @module
 */

import type { FlagSpec } from "../spec.ts";

/** `-o/--output` and `--force`, worded the same on every download command. */
export const DOWNLOAD_FLAGS: readonly FlagSpec[] = [
  {
    long: "output",
    short: "o",
    type: "path",
    summary: "file to write, a directory to save into ('dir/' creates it), or - for stdout",
    file: true,
  },
  { long: "force", summary: "overwrite an existing file" },
];
