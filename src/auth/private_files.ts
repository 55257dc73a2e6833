/**
 * Where tokens may live (SPEC.md, "Hostile input", "Files"): a config directory that only its
 * owner can change, and a token file that, when it is a symbolic link, cannot send the
 * tokens somewhere another user controls. Another local user who can write into the
 * directory could swap `tokens.json` or plant the lock; one who planted a link could read
 * what is written through it.
 *
 * Also how the private files of that directory (the token file, the presets file) are written
 * and checked: 0600, atomically, a mode readable by others tightened on read.
 *
 * @module
 */

import { basename, dirname, join } from "../path.ts";
import { RestreamError } from "../errors.ts";

/** Who the current user is; null where the OS has no uids (Windows). */
export type CurrentUid = () => number | null;

/** The current user's id (`--allow-sys=uid`). */
export const currentUid: CurrentUid = () => Deno.uid();

const OPEN_TO_OTHERS = 0o077;
const WRITABLE_BY_OTHERS = 0o022;
const STICKY = 0o1000;

/**
 * Checks an existing config directory: one wider than 0700 is tightened to 0700 (with a
 * notice) when the current user owns it and it has no sticky bit; a shared directory
 * (sticky, like `/tmp`) or another user's is refused with an `auth` error naming it.
 */
export async function securePrivateDir(
  dir: string,
  uid: CurrentUid,
  onNotice?: (message: string) => void,
): Promise<void> {
  const info = await Deno.stat(dir);
  const mode = (info.mode ?? 0) & 0o7777;
  if ((mode & OPEN_TO_OTHERS) === 0) return;
  const shown = octal(mode & 0o777);
  const refuse = (why: string): RestreamError =>
    new RestreamError(
      "auth",
      `the config directory ${dir} has mode ${shown} and ${why}: refusing to keep tokens ` +
        "there; set RESTREAM_CONFIG_DIR to a private directory",
    );
  if ((mode & STICKY) !== 0) throw refuse("is shared (sticky bit)");
  const me = uid();
  if (me !== null && info.uid !== me) throw refuse("belongs to another user");
  try {
    await Deno.chmod(dir, 0o700);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    throw refuse("cannot be tightened to 0700");
  }
  onNotice?.(
    `the config directory ${dir} had mode ${shown} (open to other users); tightened it to 0700`,
  );
}

/**
 * The file to read and write for the token file at `path`: `path` itself, or, when it is a
 * symbolic link, its target, provided the link and the target belong to the current user
 * and the target's directory is not writable by group or others. Otherwise an `auth` error
 * naming the link: nothing is read or written through it.
 */
export async function tokenFileTarget(path: string, uid: CurrentUid): Promise<string> {
  let link: Deno.FileInfo;
  try {
    link = await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return path;
    throw error;
  }
  if (!link.isSymlink) return path;
  const refuse = (why: string): RestreamError =>
    new RestreamError(
      "auth",
      `the token file ${path} is a symbolic link ${why}: refusing to use it; ` +
        "replace it with a regular file or point it at a private file of yours",
    );
  const me = uid();
  if (me !== null && link.uid !== me) throw refuse("that belongs to another user");
  let target: string;
  try {
    target = await Deno.realPath(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    throw refuse("to a missing file");
  }
  const file = await Deno.stat(target);
  if (!file.isFile) throw refuse(`to ${target}, which is not a file`);
  if (me !== null && file.uid !== me) throw refuse(`to ${target}, which belongs to another user`);
  const dir = await Deno.stat(dirname(target));
  if (((dir.mode ?? 0) & WRITABLE_BY_OTHERS) !== 0) {
    throw refuse(`to ${target}, in a directory other users can write to`);
  }
  return target;
}

/** A mode as `0755`. */
function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}

/**
 * A file operation Deno's permissions refused (not the file system): it reaches the CLI as is,
 * which names the missing flag, instead of reading as a broken file.
 */
export function isDeniedByDeno(error: unknown): boolean {
  return error instanceof Deno.errors.NotCapable;
}

/**
 * Reads and parses a private JSON file (the token file, the presets file): `open` runs the
 * checks and returns the path to read; `undefined` when there is no file yet. Our own errors
 * and Deno's permission denials pass through; anything else becomes `unusable(problem)`, whose
 * words never quote the text (JSON.parse's message would, and the text holds secrets).
 */
export async function readPrivateJson(
  open: () => Promise<string>,
  unusable: (problem: string) => RestreamError,
  notADirectory: () => RestreamError = () => unusable("cannot be read (NotADirectory)"),
): Promise<{ data: unknown } | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(await open());
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    if (error instanceof RestreamError || isDeniedByDeno(error)) throw error;
    if (error instanceof Deno.errors.NotADirectory) throw notADirectory();
    throw unusable(`cannot be read (${error instanceof Error ? error.name : "error"})`);
  }
  try {
    return { data: JSON.parse(text) };
  } catch {
    throw unusable(text.trim() === "" ? "is empty" : "is not valid JSON");
  }
}

/**
 * Writes `text` to `file` with mode 0600, atomically: a temp file beside it, flushed, then
 * renamed over it (a crash leaves the old file or the new one, never half of either). The
 * error of a failed write is thrown as is, for the caller to word; the temp file is removed.
 * Callers hold the token file's lock, which is what makes another temp file an orphan.
 */
export async function writePrivateFile(
  file: string,
  text: string,
  rename: (from: string, to: string) => Promise<void> = Deno.rename,
): Promise<void> {
  const temp = `${file}.tmp-${Deno.pid}-${crypto.randomUUID()}`;
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
    await rename(temp, file);
    await removeOrphans(file, temp);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Every write happens under the lock, so another temp file of `file` seen now was left by a
 * writer that died before its rename: remove it (it may hold tokens).
 */
async function removeOrphans(file: string, current: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.tmp-`;
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isFile && entry.name.startsWith(prefix) && path !== current) {
      await Deno.remove(path).catch(() => {});
    }
  }
}

/**
 * Tightens `file` to 0600 when others may read it. Returns the notice to give when it did,
 * undefined when the mode was fine; when chmod fails, throws what `cannotTighten` makes of
 * the problem. `label` and `shown` name the file in both ("the token file", its path).
 */
export async function tightenMode(
  file: string,
  label: string,
  shown: string,
  cannotTighten: (problem: string) => Error,
): Promise<string | undefined> {
  const mode = ((await Deno.stat(file)).mode ?? 0) & 0o777;
  if ((mode & OPEN_TO_OTHERS) === 0) return undefined;
  try {
    await Deno.chmod(file, 0o600);
  } catch (error) {
    if (isDeniedByDeno(error)) throw error;
    throw cannotTighten(
      `${label} ${shown} has mode ${octal(mode)} and cannot be tightened to 0600`,
    );
  }
  return `${label} ${shown} had mode ${octal(mode)} (readable by others); tightened it to 0600`;
}
