/**
 * The presets file: `<config dir>/presets.json`, beside the token file and written the same
 * way (0600, atomically, under the token file's lock, so two processes saving at once never
 * lose one), with a format version. Presets are kept per API origin and per account:
 *
 * ```json
 * { "version": 1,
 *   "presets": { "https://api.restream.io": { "4815162": {
 *     "friday": { "name": "friday", "channels": [1030301], "updatedAt": "…" } } } } }
 * ```
 *
 * A file that cannot be read is a clear error naming it and the field at fault, and is left in
 * place for inspection.
 *
 * @module
 */

import { join } from "../path.ts";
import { RestreamError } from "../errors.ts";
import {
  isDeniedByDeno,
  readPrivateJson,
  tightenMode,
  writePrivateFile,
} from "../auth/private_files.ts";
import type { TokenStore } from "../auth/token_store.ts";
import { objectAt, parseStoredPreset, PRESET_FORMAT_VERSION, PresetFormatError } from "./preset.ts";
import { type PresetAccount, type PresetChange, type PresetMap, PresetStore } from "./store.ts";

/** Options of {@link FilePresetStore}. */
export interface FilePresetStoreOptions {
  /** The token store of the same config directory: its directory and lock are shared. */
  tokens: TokenStore;
  /** Receives notices (a mode that was tightened); the library never prints. */
  onNotice?: (message: string) => void;
  /** Current time in ms, for `updatedAt`. */
  now?: () => number;
  /** The OS; file modes are not checked on Windows. */
  os?: string;
}

interface PresetFile {
  version: number;
  presets: Record<string, Record<string, PresetMap>>;
  [key: string]: unknown;
}

/**
 * Presets in `presets.json` of the config directory.
 *
 * @example
 * ```ts
 * import { FilePresetStore, TokenStore } from "jsr:@restream/cli";
 * const tokens = new TokenStore({ dir: "/tmp/restream-example" });
 * const presets = new FilePresetStore({ tokens });
 * const account = { origin: "https://api.restream.io", profileId: 4815162 };
 * console.log(await presets.list(account));
 * ```
 */
export class FilePresetStore extends PresetStore {
  /** The presets file. */
  readonly path: string;
  readonly #options: FilePresetStoreOptions;
  readonly #checkModes: boolean;

  /** Creates the store; nothing is read or created yet. */
  constructor(options: FilePresetStoreOptions) {
    super(options.now);
    this.#options = options;
    this.path = join(options.tokens.dir, "presets.json");
    this.#checkModes = (options.os ?? Deno.build.os) !== "windows";
  }

  /** An account's presets as stored now. */
  async read(account: PresetAccount): Promise<PresetMap> {
    return accountPresets(await this.#read(), account);
  }

  /** Changes an account's presets while holding the token file's lock. */
  modify<T>(
    account: PresetAccount,
    change: (presets: PresetMap) => PresetChange<T>,
  ): Promise<T> {
    return this.#options.tokens.withLock(async () => {
      const file = await this.#read();
      const presets = accountPresets(file, account);
      const { value, write } = change(presets);
      if (write) {
        const origin = { ...file.presets[account.origin] };
        if (Object.keys(presets).length > 0) origin[account.profileId] = presets;
        else delete origin[account.profileId];
        file.presets = { ...file.presets, [account.origin]: origin };
        if (Object.keys(origin).length === 0) delete file.presets[account.origin];
        await this.#write(file);
      }
      return value;
    });
  }

  async #read(): Promise<PresetFile> {
    const read = await readPrivateJson(async () => {
      if (this.#checkModes) {
        const notice = await tightenMode(
          this.path,
          "the presets file",
          this.path,
          (problem: string) => this.#error(`${problem}; fix its permissions (chmod 600)`),
        );
        if (notice !== undefined) this.#options.onNotice?.(notice);
      }
      return this.path;
    }, (problem) => this.#unusable(problem));
    if (read === undefined) return { version: PRESET_FORMAT_VERSION, presets: {} };
    try {
      return parseFile(read.data);
    } catch (error) {
      if (!(error instanceof PresetFormatError)) throw error;
      if (error.field === "version" && error.problem.startsWith("newer")) {
        throw this.#unusable(`has a format version ${error.problem}`);
      }
      const where = error.field === "" ? "the top level" : `"${error.field}"`;
      throw this.#unusable(`is malformed at ${where} (${error.problem})`);
    }
  }

  async #write(file: PresetFile): Promise<void> {
    try {
      await writePrivateFile(this.path, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      if (isDeniedByDeno(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw this.#error(`cannot write the presets file ${this.path}: ${reason}`, error);
    }
  }

  #unusable(problem: string): RestreamError {
    return this.#error(
      `the presets file ${this.path} ${problem}; it was left in place for inspection: ` +
        "fix or delete it",
    );
  }

  #error(message: string, cause?: unknown): RestreamError {
    return new RestreamError("server", message, { code: "presets_file", cause });
  }
}

/** The account's presets in the file (a copy the caller may change). */
function accountPresets(file: PresetFile, account: PresetAccount): PresetMap {
  return { ...file.presets[account.origin]?.[account.profileId] };
}

function parseFile(data: unknown): PresetFile {
  const file = objectAt(data, "");
  if (typeof file.version === "number" && file.version > PRESET_FORMAT_VERSION) {
    throw new PresetFormatError(
      "version",
      `newer than this restream understands (${file.version}): upgrade restream`,
    );
  }
  if (file.version !== PRESET_FORMAT_VERSION) {
    throw new PresetFormatError("version", `expected ${PRESET_FORMAT_VERSION}`);
  }
  const presets = objectAt(file.presets, "presets");
  for (const [origin, accounts] of Object.entries(presets)) {
    for (const [profileId, named] of Object.entries(objectAt(accounts, `presets.${origin}`))) {
      const at = `presets.${origin}.${profileId}`;
      const map = objectAt(named, at);
      for (const [name, preset] of Object.entries(map)) {
        const parsed = parseStoredPreset(preset, `${at}.${name}`);
        if (parsed.name !== name) {
          throw new PresetFormatError(`${at}.${name}.name`, `expected ${JSON.stringify(name)}`);
        }
        map[name] = parsed;
      }
    }
  }
  return file as PresetFile;
}
