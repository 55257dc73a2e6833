/**
 * The token file: `<config dir>/tokens.json`, one record per API origin, so tokens from a
 * mock server on 127.0.0.1 never replace (or get sent in place of) the real account's.
 *
 * ```json
 * { "version": 1,
 *   "tokens": { "https://api.restream.io": { "accessToken": "…", "refreshToken": "…",
 *     "expiresAt": "2026-01-01T12:00:00.000Z", "scopes": ["profile.read"], … } } }
 * ```
 *
 * The directory is created 0700 and the file written 0600, atomically (a temp file in the same
 * directory, flushed, then renamed over the old one: a crash leaves the old file or the new
 * one, never half of either). A wider mode found on read is reported and tightened; so is an
 * existing directory open to others, unless it is shared or another user's (refused). A
 * token file that is a symbolic link is used only under the rules of private_files.ts. A corrupt
 * file is an `auth` error that names it and leaves it in place. Writers hold the lock beside
 * the file, so concurrent logins, logouts and refreshes do not lose each
 * other's records. A `tokens.json` from the older Python CLI is migrated on first use.
 *
 * @module
 */

import { join } from "../path.ts";
import * as v from "../valibot.ts";
import { DEFAULT_API_URL } from "../config.ts";
import { RestreamError } from "../errors.ts";
import { registerSecret } from "../http/mask.ts";
import { readLegacyFile } from "./legacy_tokens.ts";
import { acquireLock, type LockOptions } from "./lock.ts";
import {
  currentUid,
  isDeniedByDeno,
  readPrivateJson,
  securePrivateDir,
  tightenMode,
  tokenFileTarget,
  writePrivateFile,
} from "./private_files.ts";

/** The format version this code writes. */
export const TOKEN_FILE_VERSION = 1;

/** The tokens stored for one API origin. */
export interface StoredTokens {
  /** Bearer token. */
  accessToken: string;
  /** Refresh token, when the server issued one. */
  refreshToken?: string;
  /** When the access token expires (ISO date); absent when unknown. */
  expiresAt?: string;
  /** Granted scopes, as sent. */
  scopes: string[];
  /** Token type, `Bearer`. */
  tokenType?: string;
  /** The OAuth client the tokens were issued to. */
  clientId?: string;
  /** When the pair was obtained (ISO date). */
  obtainedAt?: string;
  /** The account (profile id) the tokens belong to, when it was read at login. */
  profileId?: number;
  /** Fields written by other versions are kept. */
  [key: string]: unknown;
}

/** Reads and writes the stored tokens while the lock is held. */
export interface LockedTokens {
  /** The record of an API origin, read from disk now. */
  get(apiUrl: string): Promise<StoredTokens | undefined>;
  /** Writes the record of an API origin (atomically) before returning. */
  set(apiUrl: string, tokens: StoredTokens): Promise<void>;
  /** Removes the record of an API origin; false when there was none. */
  delete(apiUrl: string): Promise<boolean>;
}

/**
 * Where a {@link Session} keeps tokens between requests: the token file ({@link TokenStore})
 * or memory for one process (`MemoryTokenStore`: `--mock`, tests).
 */
export interface TokenStorage {
  /** `file` for the token file, `memory` when nothing goes to disk. */
  readonly kind: "file" | "memory";
  /** The token file; undefined for a store in memory. */
  readonly path?: string;
  /** The record of an API origin. */
  get(apiUrl: string): Promise<StoredTokens | undefined>;
  /** Stores the record of an API origin. */
  set(apiUrl: string, tokens: StoredTokens): Promise<void>;
  /** Removes the record of an API origin; false when there was none. */
  delete(apiUrl: string): Promise<boolean>;
  /** Runs `fn` with no other change to the store in between (a refresh happens inside). */
  withLock<T>(fn: (locked: LockedTokens) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** The config directory. */
  dir: string;
  /** Receives notices (migration, a mode that was tightened); the library never prints. */
  onNotice?: (message: string) => void;
  /** Options of the refresh lock. */
  lock?: Omit<LockOptions, "signal">;
  /** The OS; file modes are not checked on Windows. */
  os?: string;
  /** Moves the written temp file into place; injectable so tests can fail or stall it. */
  rename?: (from: string, to: string) => Promise<void>;
  /**
   * The current user's id, asked only when the directory is open to others or the token
   * file is a link (`--allow-sys=uid`); `Deno.uid` by default.
   */
  uid?: () => number | null;
}

const StoredTokensSchema: v.GenericSchema<unknown, StoredTokens> = v.looseObject({
  accessToken: v.pipe(v.string(), v.minLength(1)),
  refreshToken: v.optional(v.string()),
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  scopes: v.array(v.string()),
  tokenType: v.optional(v.string()),
  clientId: v.optional(v.string()),
  obtainedAt: v.optional(v.string()),
  profileId: v.optional(v.number()),
});

interface TokenFile {
  version: number;
  tokens: Record<string, StoredTokens>;
  [key: string]: unknown;
}

const TokenFileSchema: v.GenericSchema<unknown, TokenFile> = v.looseObject({
  version: v.literal(TOKEN_FILE_VERSION),
  tokens: v.record(v.string(), StoredTokensSchema),
});

type ReadResult = { file: TokenFile; legacy: boolean };

/**
 * The key of an API in the token file: its origin, plus a path prefix if it has one.
 *
 * @example
 * ```ts
 * import { apiOrigin } from "jsr:@restream/cli";
 * apiOrigin("HTTPS://api.restream.io:443/"); // "https://api.restream.io"
 * ```
 */
export function apiOrigin(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * The token file of a config directory.
 *
 * @example
 * ```ts
 * import { TokenStore } from "jsr:@restream/cli";
 * const store = new TokenStore({ dir: "/tmp/restream-example" });
 * const tokens = await store.get("https://api.restream.io");
 * console.log(tokens ? `expires ${tokens.expiresAt}` : "not logged in");
 * ```
 */
export class TokenStore implements TokenStorage {
  /** Always `file`. */
  readonly kind: "file" = "file";
  /** The token file. */
  readonly path: string;
  /** The lock file beside it; the presets file is written under it too. */
  readonly lockPath: string;
  /** The config directory. */
  readonly dir: string;
  readonly #options: TokenStoreOptions;
  readonly #checkModes: boolean;
  #dirChecked = false;

  /** Creates the store of a config directory; nothing is read or created yet. */
  constructor(options: TokenStoreOptions) {
    this.dir = options.dir;
    this.#options = options;
    this.path = join(options.dir, "tokens.json");
    this.lockPath = `${this.path}.lock`;
    this.#checkModes = (options.os ?? Deno.build.os) !== "windows";
  }

  /** The record of an API origin; migrates an older CLI's file first if one is there. */
  async get(apiUrl: string): Promise<StoredTokens | undefined> {
    const { file, legacy } = await this.#read();
    if (legacy) return this.withLock((locked) => locked.get(apiUrl));
    return file.tokens[apiOrigin(apiUrl)];
  }

  /** Stores the record of an API origin, under the lock. */
  set(apiUrl: string, tokens: StoredTokens): Promise<void> {
    return this.withLock((locked) => locked.set(apiUrl, tokens));
  }

  /** Removes the record of an API origin, under the lock; false when there was none. */
  delete(apiUrl: string): Promise<boolean> {
    return this.withLock((locked) => locked.delete(apiUrl));
  }

  /**
   * Runs `fn` holding the lock, with reads that see other processes' writes and writes that
   * are on disk before they return. A session refreshes inside this.
   */
  async withLock<T>(fn: (locked: LockedTokens) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#ensureDir();
    const lock = await acquireLock(this.lockPath, { ...this.#options.lock, signal });
    try {
      return await fn({
        get: async (apiUrl) => (await this.#readMigrated()).tokens[apiOrigin(apiUrl)],
        set: async (apiUrl, tokens) => {
          const file = await this.#readMigrated();
          await this.#write({ ...file, tokens: { ...file.tokens, [apiOrigin(apiUrl)]: tokens } });
        },
        delete: async (apiUrl) => {
          const file = await this.#readMigrated();
          const key = apiOrigin(apiUrl);
          if (!(key in file.tokens)) return false;
          const { [key]: _removed, ...rest } = file.tokens;
          await this.#write({ ...file, tokens: rest });
          return true;
        },
      });
    } finally {
      await lock.release();
    }
  }

  /** Reads the file and, holding the lock, rewrites an older CLI's file in this format. */
  async #readMigrated(): Promise<TokenFile> {
    const { file, legacy } = await this.#read();
    if (legacy) {
      await this.#write(file);
      this.#options.onNotice?.(
        `migrated ${this.path} from the older restream.io CLI to format ${TOKEN_FILE_VERSION} ` +
          `(tokens for ${DEFAULT_API_URL})`,
      );
    }
    return file;
  }

  async #read(): Promise<ReadResult> {
    const read = await readPrivateJson(
      async () => {
        await this.#checkDir();
        const file = await this.#target();
        await this.#checkMode(file);
        return file;
      },
      (problem) => this.#unusable(problem),
      () => this.#notADirectory(),
    );
    if (read === undefined) {
      return { file: { version: TOKEN_FILE_VERSION, tokens: {} }, legacy: false };
    }
    const { data } = read;
    const current = v.safeParse(TokenFileSchema, data);
    if (current.success) return { file: registerTokens(current.output), legacy: false };
    const legacy = readLegacyFile(data);
    if (legacy !== undefined) {
      return {
        file: registerTokens({ version: TOKEN_FILE_VERSION, tokens: legacy }),
        legacy: true,
      };
    }
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version === "number" && version > TOKEN_FILE_VERSION) {
      throw this.#unusable(
        `has format version ${version}, newer than this restream understands (upgrade it)`,
      );
    }
    const issue = current.issues[0];
    const path = v.getDotPath(issue);
    // Name the field and what was expected, never the value (it may be a token).
    throw this.#unusable(`is malformed at ${path ? `"${path}"` : "the top level"}`);
  }

  /** The directory, when it exists, is private or made so (see private_files.ts). */
  async #checkDir(): Promise<void> {
    if (!this.#checkModes || this.#dirChecked) return;
    await securePrivateDir(this.dir, this.#options.uid ?? currentUid, this.#options.onNotice);
    this.#dirChecked = true;
  }

  /** The file the token file's name stands for: itself, or a link's checked target. */
  #target(): Promise<string> {
    if (!this.#checkModes) return Promise.resolve(this.path);
    return tokenFileTarget(this.path, this.#options.uid ?? currentUid);
  }

  /** A file readable by others is reported and tightened to 0600 (SPEC, "Login and tokens"). */
  async #checkMode(file: string): Promise<void> {
    if (!this.#checkModes) return;
    const notice = await tightenMode(
      file,
      "the token file",
      this.path,
      (problem) =>
        new RestreamError(
          "auth",
          `${problem}; fix its permissions (chmod 600) or delete it and log in again`,
        ),
    );
    if (notice !== undefined) this.#options.onNotice?.(notice);
  }

  async #write(file: TokenFile): Promise<void> {
    await this.#ensureDir();
    // Beside the real file, so the rename is atomic and replaces a link's target, not the link.
    const target = await this.#target();
    try {
      await writePrivateFile(target, `${JSON.stringify(file, null, 2)}\n`, this.#options.rename);
    } catch (error) {
      if (isDeniedByDeno(error)) throw error;
      throw new RestreamError(
        "auth",
        `cannot write the token file ${this.path}: ${
          error instanceof Error ? error.message : error
        }`,
        { cause: error },
      );
    }
  }

  async #ensureDir(): Promise<void> {
    try {
      if (!(await Deno.stat(this.dir)).isDirectory) throw this.#notADirectory();
      await this.#checkDir();
      return;
    } catch (error) {
      if (error instanceof RestreamError || isDeniedByDeno(error)) throw error;
      if (error instanceof Deno.errors.NotADirectory) throw this.#notADirectory();
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    try {
      await Deno.mkdir(this.dir, { recursive: true, mode: 0o700 });
      // mkdir's mode is narrowed by the umask, never widened; set it exactly.
      if (this.#checkModes) await Deno.chmod(this.dir, 0o700);
      this.#dirChecked = true;
    } catch (error) {
      if (isDeniedByDeno(error)) throw error;
      if (error instanceof Deno.errors.NotADirectory) throw this.#notADirectory();
      throw new RestreamError(
        "auth",
        `cannot create the config directory ${this.dir}: ${
          error instanceof Error ? error.message : error
        }`,
        { cause: error },
      );
    }
  }

  /** The config directory, or a parent of it, is a file: say so instead of an OS error. */
  #notADirectory(): RestreamError {
    return new RestreamError(
      "auth",
      `the config directory ${this.dir} is not a directory (it or a parent is a file): ` +
        "move the file away or choose another config directory",
    );
  }

  #unusable(problem: string): RestreamError {
    return new RestreamError(
      "auth",
      `the token file ${this.path} ${problem}; it was left in place for inspection: ` +
        "fix or delete it, then run 'restream login'",
    );
  }
}

/** Every token read is masked by value from now on (SPEC.md, "Hostile input"). */
function registerTokens(file: TokenFile): TokenFile {
  for (const record of Object.values(file.tokens)) {
    registerSecret(record.accessToken);
    registerSecret(record.refreshToken);
  }
  return file;
}
