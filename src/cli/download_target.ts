/**
 * Where a download goes, decided before the one-time link is asked for: a `-o` that cannot
 * be written (a missing directory, an existing file without `--force`, stdout on a terminal)
 * is a usage error while the link is still unspent.
 *
 * @module
 */

import { basename, dirname, join } from "../path.ts";
import { UsageError } from "../errors.ts";
import { safeName } from "../file_names.ts";
import type { CliContext } from "./context.ts";

/** The decided destination. */
export type OutputPlan =
  /** `-o -`: the bytes go to stdout. */
  | { kind: "stdout" }
  /** A known path: `-o FILE`, or an exact name in a directory. */
  | { kind: "file"; path: string }
  /** A directory ("" for the current one); the name comes with the response. */
  | { kind: "directory"; dir: string };

/** How a download is named when `-o` names no file (see download_command.ts). */
export type Naming = "exact" | "preferred" | "fallback";

/**
 * Plans the destination of `-o` (undefined: the current directory). `name` is the job's
 * default name, computed only when needed.
 */
export async function planOutput(
  ctx: CliContext,
  output: string | undefined,
  options: { force: boolean; naming: Naming; name: () => Promise<string> },
): Promise<OutputPlan> {
  if (output === "-") return planStdout(ctx);
  const dir = await directoryOf(output);
  if (dir === undefined) return await checkedFile(output!, options.force);
  if (options.naming !== "exact") return { kind: "directory", dir };
  return await checkedFile(join(dir, safeName(await options.name()) ?? "download"), options.force);
}

/** The name a plan shows on the progress bar before the response names the file. */
export function planLabel(plan: OutputPlan, fallback: string): string {
  return plan.kind === "file" ? basename(plan.path) : fallback;
}

function planStdout(ctx: CliContext): OutputPlan {
  if (ctx.globals.json) {
    throw new UsageError("-o - writes the file to stdout, where --json would print its report");
  }
  // A chat export or a video on the screen is at best noise, at worst viewers' escape codes.
  if (ctx.io.stdoutIsTerminal) {
    throw new UsageError("refusing to write a download to a terminal; pipe it or use -o FILE");
  }
  return { kind: "stdout" };
}

/**
 * The directory `-o` names, or undefined when it names a file. A trailing slash asks for a
 * directory, created (with its parents) when missing; an existing directory is one too.
 */
async function directoryOf(output: string | undefined): Promise<string | undefined> {
  if (output === undefined) return "";
  const wantsDirectory = /[\\/]$/.test(output);
  // Without the slash: `stat("file/")` fails as "not a directory" before saying what it is.
  const info = await statOrUndefined(output.replace(/(.)[\\/]+$/, "$1"));
  if (info?.isDirectory) return output;
  if (!wantsDirectory) return undefined;
  if (info !== undefined) throw new UsageError(`${output} is not a directory`);
  try {
    await Deno.mkdir(output, { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create directory ${output}: ${reason(error)}`);
  }
  return output;
}

/** A file path whose directory exists and that is free (or `--force`). */
async function checkedFile(path: string, force: boolean): Promise<OutputPlan> {
  const parent = dirname(path);
  const info = await statOrUndefined(parent);
  if (info === undefined) {
    throw new UsageError(
      `cannot write ${path}: directory ${parent} does not exist ` +
        `(create it, or give -o ${parent}/ to have it created)`,
    );
  }
  if (!info.isDirectory) throw new UsageError(`cannot write ${path}: ${parent} is not a directory`);
  if (!force && await statOrUndefined(path, true) !== undefined) {
    // The message says what to do: no pointer to --help.
    throw new UsageError(`${path} already exists (use --force to overwrite it)`, {
      helpHint: false,
    });
  }
  return { kind: "file", path };
}

async function statOrUndefined(path: string, link = false): Promise<Deno.FileInfo | undefined> {
  try {
    return link ? await Deno.lstat(path) : await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    // A denied --allow-read is reported by run.ts, naming the flag.
    if (error instanceof Deno.errors.NotCapable) throw error;
    throw new UsageError(`cannot use ${path}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  if (error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  if (error instanceof Deno.errors.NotADirectory) return "a part of the path is not a directory";
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
