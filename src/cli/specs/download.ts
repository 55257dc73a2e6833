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
    summary: "file to write, or a directory to save into",
    file: true,
  },
  { long: "force", summary: "overwrite an existing file" },
];
