/**
 * What every `… download` command shares: `-o/--output` and `--force`, the target checks
 * before any request (download_target.ts), the progress bar, and the report (a notice on
 * stderr; with `--json` one object naming the file on stdout). `-o -` streams the bytes to
 * stdout instead.
 *
 * @module
 */

import type { DownloadTarget } from "../download.ts";
import type { CliContext } from "./context.ts";
import type { Naming } from "./download_target.ts";
import { createProgress, formatBytes } from "./progress.ts";

/** The flags every download command has. */
export interface DownloadFlags {
  /** `-o/--output`: a file, a directory to save into (`dir/` creates it), or `-` (stdout). */
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
  naming?: Naming;
  /** Shown on the progress bar until the file's name is known (and for `-o -`). */
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
  const { downloadToFile, downloadToWriter, suggestedFileName } = await import("../download.ts");
  const { planLabel, planOutput } = await import("./download_target.ts");
  let named: string | undefined;
  const name = async (): Promise<string> => named ??= await job.name();
  const naming = job.naming ?? "fallback";
  // Before any request: a one-time link is not spent on a target that cannot be written.
  const plan = await planOutput(ctx, flags.output, { force: flags.force === true, naming, name });
  if (plan.kind === "directory") await name();
  const url = await job.link();
  let label = planLabel(plan, named ?? job.label);
  const progress = createProgress(ctx, () => label, plan.kind === "stdout");
  const options = {
    fetch: ctx.io.fetch,
    onProgress: (received: number, total?: number) => progress.update(received, total),
    signal: ctx.io.signal,
    log: (line: string) => ctx.verbose(line),
  };
  try {
    if (plan.kind === "stdout") {
      const { bytes } = await downloadToWriter(url, bytesWriter(ctx), options);
      ctx.verbose(`wrote ${formatBytes(bytes)} to stdout`);
      return;
    }
    const target: DownloadTarget = plan.kind === "file" ? plan.path : (response, url) => {
      const preferFallback = naming === "preferred";
      const file = suggestedFileName(response, named ?? "download", { url, preferFallback });
      label = file;
      return join(plan.dir, file);
    };
    const result = await downloadToFile(url, target, { ...options, force: flags.force === true });
    progress.done();
    if (ctx.globals.json) {
      ctx.output.printJson({ ...job.report, path: result.path, bytes: result.bytes });
    } else {
      ctx.output.notice(`saved ${result.path} (${formatBytes(result.bytes)})`);
    }
  } finally {
    progress.done();
  }
}

/**
 * The file's bytes to stdout exactly as received (only to a pipe: see download_target.ts),
 * past the terminal-safe text writer; a writer without a byte path (a test's) gets them
 * decoded.
 */
function bytesWriter(ctx: CliContext): (chunk: Uint8Array) => void {
  const stdout = ctx.rawStdout;
  if (stdout.writeBytes) return (chunk) => stdout.writeBytes!(chunk);
  const decoder = new TextDecoder();
  return (chunk) => stdout.write(decoder.decode(chunk, { stream: true }));
}
