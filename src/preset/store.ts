/**
 * Where presets are kept: per API origin and per account (profile id), so a mock server's
 * presets never mix with the real account's. {@link PresetStore} holds the operations once;
 * a store only reads and rewrites one account's presets. {@link MemoryPresetStore} keeps them
 * for one process (`--mock`, tests); the file-backed store is in file_store.ts.
 *
 * @module
 */

import type { Preset } from "./preset.ts";

/** Whose presets: the API origin and the account's profile id. */
export interface PresetAccount {
  /** The API origin, e.g. `https://api.restream.io`. */
  origin: string;
  /** The account's profile id. */
  profileId: number;
}

/** One account's presets, by name. */
export type PresetMap = Record<string, Preset>;

/** What a change did; `write` false leaves the stored presets untouched. */
export interface PresetChange<T> {
  /** The answer of the operation. */
  value: T;
  /** Whether the (mutated) presets are to be stored. */
  write: boolean;
}

/** Outcome of {@link PresetStore.save}. */
export type SaveOutcome = "created" | "replaced" | "exists";

/** Outcome of {@link PresetStore.rename}. */
export type RenameOutcome = "renamed" | "missing" | "exists";

/**
 * Saved presets of every account, by name: the operations, written once over a store's
 * `read` and `modify` (see {@link MemoryPresetStore} and `FilePresetStore`).
 *
 * @example
 * ```ts
 * import { type PresetAccount, type PresetStore } from "jsr:@restream/cli";
 * async function names(store: PresetStore, account: PresetAccount): Promise<string[]> {
 *   return (await store.list(account)).map((preset) => preset.name);
 * }
 * ```
 */
export abstract class PresetStore {
  /** Current time in ms, for `updatedAt`. */
  protected readonly now: () => number;

  /** Creates the store; `now` stamps saves. */
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** An account's presets as stored now. */
  abstract read(account: PresetAccount): Promise<PresetMap>;

  /**
   * Runs `change` on an account's presets (it may mutate them) and stores them when it asks
   * to, with no other change in between (a file store holds its lock meanwhile).
   */
  abstract modify<T>(
    account: PresetAccount,
    change: (presets: PresetMap) => PresetChange<T>,
  ): Promise<T>;

  /** An account's presets, sorted by name. */
  async list(account: PresetAccount): Promise<Preset[]> {
    const presets = Object.values(await this.read(account));
    return presets.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }

  /** One preset, or undefined. */
  async get(account: PresetAccount, name: string): Promise<Preset | undefined> {
    const presets = await this.read(account);
    return Object.hasOwn(presets, name) ? presets[name] : undefined;
  }

  /** Saves a preset; an existing one of that name is replaced only with `overwrite`. */
  save(account: PresetAccount, preset: Preset, overwrite: boolean): Promise<SaveOutcome> {
    return this.modify(account, (presets) => {
      const exists = Object.hasOwn(presets, preset.name);
      if (exists && !overwrite) return { value: "exists", write: false };
      presets[preset.name] = { ...preset, updatedAt: new Date(this.now()).toISOString() };
      return { value: exists ? "replaced" : "created", write: true };
    });
  }

  /** Deletes a preset; false when there was none. */
  delete(account: PresetAccount, name: string): Promise<boolean> {
    return this.modify(account, (presets) => {
      if (!Object.hasOwn(presets, name)) return { value: false, write: false };
      delete presets[name];
      return { value: true, write: true };
    });
  }

  /** Renames a preset; an existing one of the new name is replaced only with `overwrite`. */
  rename(
    account: PresetAccount,
    from: string,
    to: string,
    overwrite: boolean,
  ): Promise<RenameOutcome> {
    return this.modify(account, (presets) => {
      if (!Object.hasOwn(presets, from)) return { value: "missing", write: false };
      if (from === to) return { value: "renamed", write: false };
      if (Object.hasOwn(presets, to) && !overwrite) return { value: "exists", write: false };
      presets[to] = { ...presets[from], name: to };
      delete presets[from];
      return { value: "renamed", write: true };
    });
  }
}

/**
 * Presets kept in memory, for one process: `--mock` runs (nothing is written to disk) and
 * tests.
 *
 * @example
 * ```ts
 * import { MemoryPresetStore } from "jsr:@restream/cli";
 * const store = new MemoryPresetStore();
 * const account = { origin: "http://127.0.0.1:12080", profileId: 4815162 };
 * await store.save(account, { name: "friday", channels: [1030301] }, false);
 * console.log((await store.list(account)).map((p) => p.name)); // ["friday"]
 * ```
 */
export class MemoryPresetStore extends PresetStore {
  readonly #accounts = new Map<string, PresetMap>();

  /** An account's presets (a copy). */
  read(account: PresetAccount): Promise<PresetMap> {
    return Promise.resolve(structuredClone(this.#accounts.get(accountKey(account)) ?? {}));
  }

  /** Changes an account's presets. */
  async modify<T>(
    account: PresetAccount,
    change: (presets: PresetMap) => PresetChange<T>,
  ): Promise<T> {
    const presets = await this.read(account);
    const { value, write } = change(presets);
    if (write) this.#accounts.set(accountKey(account), presets);
    return value;
  }
}

function accountKey(account: PresetAccount): string {
  return `${account.origin} ${account.profileId}`;
}
