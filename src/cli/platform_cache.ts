/**
 * Platform names for the streaming monitor, which must have them before its first line (a
 * line must not say `(Twitch)` one run and `(platform 1)` the next). The public platform
 * list is fetched while the socket connects, waited for at most a moment, and kept in the
 * config directory for a day, so a slow or failed fetch still has names. Under `--mock`
 * (no config directory) nothing is read or written, nor in a directory open to other users
 * (they could plant names or swap the file: the token store tightens or refuses such a
 * directory, but a run with `RESTREAM_TOKEN` never opens the token store).
 *
 * @module
 */

import type { CliContext } from "./context.ts";

/** The cache file's name in the config directory. */
const PLATFORM_CACHE_FILE = "platforms-cache.json";
/** A cache younger than this is used without asking the API. */
const FRESH_MS = 24 * 60 * 60 * 1000;
/** How long the monitor waits for the list before printing ids. */
const FETCH_WAIT_MS = 2000;

interface CacheFile {
  apiUrl: string;
  savedAt: number;
  platforms: Array<[number, string]>;
}

/** The names' loading: `ready` when they can be shown, `settled` when nothing is left running. */
export interface NamesLoading {
  /** Resolves when names are loaded or given up on (after at most the wait). */
  ready: Promise<void>;
  /** Resolves when the request, if any, has ended (awaited before the command ends). */
  settled: Promise<void>;
}

/**
 * Fills `names` with platform names: from a fresh cache, else from the API (waited for at
 * most `waitMs`, a late answer still fills them in), else from a stale cache. Never
 * rejects: without names, ids are shown.
 */
export function loadMonitorPlatformNames(
  ctx: CliContext,
  names: Map<number, string>,
  signal: AbortSignal,
  waitMs = FETCH_WAIT_MS,
): NamesLoading {
  const apiUrl = ctx.config.apiUrl;
  let settled: Promise<void> = Promise.resolve();
  const ready = (async (): Promise<void> => {
    const path = await cachePath(ctx);
    const cached = path === undefined ? undefined : await readCache(path, apiUrl);
    if (cached && Date.now() - cached.savedAt < FRESH_MS) {
      for (const [id, name] of cached.platforms) names.set(id, name);
      return;
    }
    const fetched = fetchNames(ctx, signal).then(async (platforms) => {
      if (platforms === undefined) return false;
      for (const [id, name] of platforms) names.set(id, name);
      if (path !== undefined) await writeCache(path, apiUrl, platforms);
      return true;
    });
    settled = fetched.then(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), waitMs);
    });
    const outcome = await Promise.race([fetched, late]);
    clearTimeout(timer);
    if (outcome === true) return;
    if (outcome === "late") ctx.verbose("platform names: the platform list is slow; showing ids");
    for (const [id, name] of cached?.platforms ?? []) if (!names.has(id)) names.set(id, name);
  })();
  return { ready, settled: ready.then(() => settled) };
}

async function fetchNames(
  ctx: CliContext,
  signal: AbortSignal,
): Promise<Array<[number, string]> | undefined> {
  try {
    const platforms = await ctx.publicClient().listPlatforms(signal);
    return platforms.map((p) => [p.id, p.name]);
  } catch (error) {
    if (!signal.aborted) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.verbose(`platform names unavailable: ${message}`);
    }
    return undefined;
  }
}

/** The cache file, when there is a config directory and it is private (0700 or narrower). */
async function cachePath(ctx: CliContext): Promise<string | undefined> {
  const dir = ctx.config.configDir;
  if (dir === undefined) return undefined;
  try {
    const mode = (await Deno.stat(dir)).mode;
    if (mode !== null && (mode & 0o077) !== 0) return undefined;
  } catch {
    return undefined; // no directory yet: nothing to read, and the cache does not create one
  }
  return `${dir}/${PLATFORM_CACHE_FILE}`;
}

async function readCache(path: string, apiUrl: string): Promise<CacheFile | undefined> {
  try {
    const data = JSON.parse(await Deno.readTextFile(path)) as Partial<CacheFile>;
    if (data.apiUrl !== apiUrl || typeof data.savedAt !== "number") return undefined;
    if (!Array.isArray(data.platforms)) return undefined;
    const platforms = data.platforms.filter((p): p is [number, string] =>
      Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "string"
    );
    return { apiUrl, savedAt: data.savedAt, platforms };
  } catch {
    return undefined; // missing or unreadable: fetch instead
  }
}

/** Best effort, written whole (a temporary file renamed over it). */
async function writeCache(
  path: string,
  apiUrl: string,
  platforms: Array<[number, string]>,
): Promise<void> {
  const body: CacheFile = { apiUrl, savedAt: Date.now(), platforms };
  const temp = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(temp, JSON.stringify(body), { mode: 0o600 });
    await Deno.rename(temp, path);
  } catch {
    await Deno.remove(temp).catch(() => {});
  }
}
