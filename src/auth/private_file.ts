/**
 * Private files of the config directory (the token file, the presets file): the directory is
 * created 0700, files are written 0600 and atomically (a temp file in the same directory,
 * flushed, then renamed over the old one: a crash leaves the old file or the new one, never
 * half of either), and a file readable by others is tightened to 0600 on read.
 *
 * Writers are expected to hold the token file's lock (lock.ts), which is what makes a temp
 * file left beside the target an orphan of a crashed writer.
 *
 * @module
 */

import { basename, join } from "node:path";
import { RestreamError } from "../errors.ts";

/** Options of {@link writePrivateFile}. */
export interface PrivateWriteOptions {
  /** Moves the written temp file into place; injectable so tests can fail or stall it. */
  rename?: (from: string, to: string) => Promise<void>;
}

/**
 * Writes `text` to `path` with mode 0600, atomically. The error of a failed write is thrown
 * as is (the caller words it); the temp file is removed first.
 */
export async function writePrivateFile(
  path: string,
  text: string,
  options: PrivateWriteOptions = {},
): Promise<void> {
  const temp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID()}`;
  const data = new TextEncoder().encode(text);
  try {
    const handle = await Deno.open(temp, { write: true, createNew: true, mode: 0o600 });
    try {
      let written = 0;
      while (written < data.length) written += await handle.write(data.subarray(written));
      await handle.sync();
    } finally {
      handle.close();
    }
    await (options.rename ?? Deno.rename)(temp, path);
    await removeOrphans(path, temp);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Every write happens under the lock, so another temp file seen now was left by a writer
 * that died before its rename: remove it (it may hold secrets).
 */
async function removeOrphans(path: string, current: string): Promise<void> {
  const dir = join(path, "..");
  const prefix = `${basename(path)}.tmp-`;
  for await (const entry of Deno.readDir(dir)) {
    const orphan = join(dir, entry.name);
    if (entry.isFile && entry.name.startsWith(prefix) && orphan !== current) {
      await Deno.remove(orphan).catch(() => {});
    }
  }
}

/**
 * Creates the config directory (0700) if it is missing. A directory that is a file (or under
 * one) is an `auth` error that says so, instead of an OS error.
 */
export async function ensureConfigDir(dir: string, checkModes: boolean): Promise<void> {
  try {
    if (!(await Deno.stat(dir)).isDirectory) throw notADirectory(dir);
    return;
  } catch (error) {
    if (error instanceof Deno.errors.NotADirectory) throw notADirectory(dir);
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  try {
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is narrowed by the umask, never widened; set it exactly.
    if (checkModes) await Deno.chmod(dir, 0o700);
  } catch (error) {
    if (isDeniedByDeno(error)) throw error;
    if (error instanceof Deno.errors.NotADirectory) throw notADirectory(dir);
    throw new RestreamError(
      "auth",
      `cannot create the config directory ${dir}: ${
        error instanceof Error ? error.message : error
      }`,
      { cause: error },
    );
  }
}

/**
 * A file readable by others is tightened to 0600. Returns the notice to give when it was,
 * undefined when the mode was fine; throws what `cannotTighten` makes when chmod fails.
 */
export async function tightenMode(
  path: string,
  label: string,
  cannotTighten: (message: string) => Error,
): Promise<string | undefined> {
  const info = await Deno.stat(path);
  const mode = (info.mode ?? 0) & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  try {
    await Deno.chmod(path, 0o600);
  } catch (error) {
    if (isDeniedByDeno(error)) throw error;
    throw cannotTighten(`${label} ${path} has mode ${octal(mode)} and cannot be tightened to 0600`);
  }
  return `${label} ${path} had mode ${octal(mode)} (readable by others); tightened it to 0600`;
}

/**
 * A file operation Deno's permissions refused (not the file system): it reaches the CLI as is,
 * which names the missing flag, instead of reading as a broken file.
 */
export function isDeniedByDeno(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable;
}

/** The config directory, or a parent of it, is a file: say so instead of an OS error. */
export function notADirectory(dir: string): RestreamError {
  return new RestreamError(
    "auth",
    `the config directory ${dir} is not a directory (it or a parent is a file): ` +
      "move the file away or choose another config directory",
  );
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
