/**
 * Tokens kept in memory for one process: nothing is read from or written to disk. `--mock`
 * uses it so the built-in mock's tokens never meet the real account's token file; tests and
 * short-lived programs can use it too.
 *
 * @module
 */

import { registerSecret } from "../http/mask.ts";
import {
  apiOrigin,
  type LockedTokens,
  type StoredTokens,
  type TokenStorage,
} from "./token_store.ts";

/**
 * A token store in memory, one record per API origin, like the token file's.
 *
 * @example
 * ```ts
 * import { MemoryTokenStore, RestreamClient, Session } from "jsr:@restream/cli";
 *
 * const apiUrl = "http://127.0.0.1:12080";
 * const store = new MemoryTokenStore();
 * await store.set(apiUrl, { accessToken: "mock-token", scopes: [] });
 * const client = new RestreamClient({ apiUrl, tokens: new Session({ apiUrl, store }) });
 * ```
 */
export class MemoryTokenStore implements TokenStorage {
  /** Always `memory`. */
  readonly kind: "memory" = "memory";
  /** No file. */
  readonly path: undefined = undefined;
  readonly #records = new Map<string, StoredTokens>();
  /** The tail of the queue of {@link withLock} callers: one runs at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  /** The record of an API origin (a copy: changing it changes nothing stored). */
  get(apiUrl: string): Promise<StoredTokens | undefined> {
    return Promise.resolve(this.#read(apiUrl));
  }

  /** Stores the record of an API origin. */
  set(apiUrl: string, tokens: StoredTokens): Promise<void> {
    return this.withLock((locked) => locked.set(apiUrl, tokens));
  }

  /** Removes the record of an API origin; false when there was none. */
  delete(apiUrl: string): Promise<boolean> {
    return this.withLock((locked) => locked.delete(apiUrl));
  }

  /**
   * Runs `fn` after every earlier caller finished, as the file store's lock does; nothing
   * outside this process can hold it, so there is no wait to cancel.
   */
  withLock<T>(fn: (locked: LockedTokens) => Promise<T>, _signal?: AbortSignal): Promise<T> {
    const locked: LockedTokens = {
      get: (apiUrl) => Promise.resolve(this.#read(apiUrl)),
      set: (apiUrl, tokens) => {
        this.#records.set(apiOrigin(apiUrl), structuredClone(tokens));
        return Promise.resolve();
      },
      delete: (apiUrl) => Promise.resolve(this.#records.delete(apiOrigin(apiUrl))),
    };
    const run = this.#queue.then(() => fn(locked));
    this.#queue = run.catch(() => {});
    return run;
  }

  #read(apiUrl: string): StoredTokens | undefined {
    const record = this.#records.get(apiOrigin(apiUrl));
    if (record === undefined) return undefined;
    // Masked by value on stderr, as the token file's records are when read.
    registerSecret(record.accessToken);
    registerSecret(record.refreshToken);
    return structuredClone(record);
  }
}
