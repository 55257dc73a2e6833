/**
 * Where tokens may live (SPEC.md, "Hostile input", "Files"): a config directory that only its
 * owner can change, and a token file that, when it is a symbolic link, cannot send the
 * tokens somewhere another user controls. Another local user who can write into the
 * directory could swap `tokens.json` or plant the lock; one who planted a link could read
 * what is written through it.
 *
 * @module
 */

import { dirname } from "../path.ts";
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
export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
