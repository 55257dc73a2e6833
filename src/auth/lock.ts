/**
 * A lock file beside the token file that serialises token refreshes across processes
 * (Restream rotates refresh tokens: two refreshes at once would invalidate each other).
 *
 * The lock is a file created with `createNew` (atomic: only one process can create it) that
 * holds the owner's pid and a timestamp. The owner touches it while it holds the lock; a lock
 * that has not been touched for `staleMs`, or whose owner is no longer running, was left by a
 * crash and is taken over.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { abortableSleep } from "../http/http.ts";

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** A lock untouched for this long is stale; 30 s by default. */
  staleMs?: number;
  /** Give up waiting after this long; 60 s by default. */
  timeoutMs?: number;
  /** Time between attempts while another process holds the lock; 50 ms by default. */
  pollMs?: number;
  /** Cancels the wait. */
  signal?: AbortSignal;
  /** Current time in ms. */
  now?: () => number;
}

/** A held lock. */
export interface HeldLock {
  /** Releases the lock (removes the file); safe to call twice. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  createdAt: number;
}

const HEARTBEAT_FRACTION = 3;

/**
 * Waits for and takes the lock at `path`.
 *
 * @example
 * ```ts
 * import { acquireLock } from "./lock.ts";
 * const lock = await acquireLock("/tmp/example.lock");
 * try {
 *   // read, refresh, write
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<HeldLock> {
  const staleMs = options.staleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const now = options.now ?? Date.now;
  const started = now();
  for (;;) {
    if (await tryCreate(path, now())) return holdLock(path, staleMs);
    await breakIfStale(path, staleMs, now());
    if (now() - started > timeoutMs) {
      throw new RestreamError(
        "auth",
        `timed out waiting for the token lock ${path}; if no other restream process is running, delete it`,
      );
    }
    try {
      await abortableSleep(pollMs, options.signal);
    } catch (error) {
      throw new RestreamError("interrupted", "cancelled while waiting for the token lock", {
        cause: error,
      });
    }
  }
}

async function tryCreate(path: string, nowMs: number): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, createNew: true, mode: 0o600 });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  }
  try {
    const content: LockContent = { pid: Deno.pid, createdAt: nowMs };
    await file.write(new TextEncoder().encode(JSON.stringify(content)));
  } finally {
    file.close();
  }
  return true;
}

/** Keeps the lock fresh while held (its mtime is the heartbeat), removes it on release. */
function holdLock(path: string, staleMs: number): HeldLock {
  const timer = setInterval(() => {
    const at = new Date();
    Deno.utime(path, at, at).catch(() => {});
  }, Math.max(10, Math.floor(staleMs / HEARTBEAT_FRACTION)));
  let released = false;
  return {
    async release(): Promise<void> {
      if (released) return;
      released = true;
      clearInterval(timer);
      await Deno.remove(path).catch(() => {});
    },
  };
}

/**
 * Removes a stale lock. Two waiters may find the same stale lock: each renames it to a name
 * of its own (only one rename of a given file succeeds), then checks that what it moved is
 * the stale lock it judged; if it moved a fresh lock instead, it puts it back.
 */
async function breakIfStale(path: string, staleMs: number, nowMs: number): Promise<void> {
  let info: Deno.FileInfo;
  let text: string;
  try {
    info = await Deno.stat(path);
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const content = parseLock(text);
  const touched = Math.max(info.mtime?.getTime() ?? 0, content?.createdAt ?? 0);
  // An empty lock may be one being written right now: judge it by its age only.
  const ownerGone = content !== undefined && !isRunning(content.pid);
  if (!ownerGone && nowMs - touched < staleMs) return;

  const aside = `${path}.stale-${Deno.pid}-${crypto.randomUUID()}`;
  try {
    await Deno.rename(path, aside);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const moved = await Deno.readTextFile(aside).catch(() => "");
  if (moved !== text) {
    // Not the lock we judged: restore it unless someone has created another meanwhile.
    await Deno.link(aside, path).catch(() => {});
  }
  await Deno.remove(aside).catch(() => {});
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text);
    if (typeof value?.pid === "number" && typeof value?.createdAt === "number") return value;
  } catch {
    // Empty or partly written: no owner to check.
  }
  return undefined;
}

/**
 * Whether a process is running. Linux answers through /proc; elsewhere (or when /proc cannot
 * be read) the owner is assumed alive and only the heartbeat age decides.
 */
function isRunning(pid: number): boolean {
  if (pid === Deno.pid) return true;
  if (Deno.build.os !== "linux") return true;
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (error) {
    return !(error instanceof Deno.errors.NotFound);
  }
}
