/**
 * What every `… download` command shares: `-o/--output` and `--force`, the overwrite check
 * before any request, the progress bar, and the report (a notice on stderr; with `--json` one
 * object naming the file on stdout).
 *
 * @module
 */

import type { DownloadTarget } from "../download.ts";
import { UsageError } from "../errors.ts";
import type { CliContext } from "./context.ts";
import { createProgress, formatBytes } from "./progress.ts";

/** The flags every download command has. */
export interface DownloadFlags {
  /** `-o/--output`: a file, or an existing directory to save into. */
  output?: string;
  /** `--force`: replace an existing file. */
  force?: true;
}

/** One download: how to get the link, what to call the file when `-o` does not say. */
export interface DownloadJob {
  /** Asks the API for the short-lived link (sent only after the overwrite check). */
  link: () => Promise<string>;
  /** The file name when `-o` names no file; how it is used depends on `naming`. */
  name: () => string | Promise<string>;
  /**
   * `exact`: `name` as is (checked for overwrite before any request). `preferred`: `name`
   * with the server's extension. `fallback` (default): the server's name (`Content-Disposition`,
   * the link's path) when it gives one, else `name` with an extension for the content type.
   */
  naming?: "exact" | "preferred" | "fallback";
  /** Shown on the progress bar. */
  label: string;
  /** Identifies the download in the `--json` report, e.g. `{id}`. */
  report: Record<string, unknown>;
}

/** Runs a download command end to end. */
export async function runDownload(
  ctx: CliContext,
  flags: DownloadFlags,
  job: DownloadJob,
): Promise<void> {
  // The downloader is loaded when a download runs, not whenever a command is defined.
  const { join } = await import("../path.ts");
  const { downloadToFile, safeName, suggestedFileName } = await import("../download.ts");
  const directory = flags.output !== undefined && await isDirectory(flags.output);
  const named = flags.output === undefined || directory ? await job.name() : "";
  const fixed = flags.output !== undefined && !directory
    ? flags.output
    : job.naming === "exact"
    ? join(flags.output ?? "", safeName(named) ?? "download")
    : undefined;
  if (fixed !== undefined && !flags.force && await exists(fixed)) {
    // Before any request: a one-time link is not spent on a refusal.
    throw new UsageError(`${fixed} already exists (use --force to overwrite it)`);
  }
  const url = await job.link();
  const target: DownloadTarget = fixed ??
    ((response, url) => {
      const preferFallback = job.naming === "preferred";
      return join(flags.output ?? "", suggestedFileName(response, named, { url, preferFallback }));
    });
  const progress = createProgress(ctx, job.label);
  let result;
  try {
    result = await downloadToFile(url, target, {
      fetch: ctx.io.fetch,
      force: flags.force === true,
      onProgress: (received, total) => progress.update(received, total),
      signal: ctx.io.signal,
      log: (line) => ctx.verbose(line),
    });
  } finally {
    progress.done();
  }
  if (ctx.globals.json) {
    ctx.output.printJson({ ...job.report, path: result.path, bytes: result.bytes });
  } else {
    ctx.output.notice(`saved ${result.path} (${formatBytes(result.bytes)})`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
