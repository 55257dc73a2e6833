/**
 * Presets: named channel setups (which channels to have enabled, optionally the title and
 * description to give them), and the JSON document they are exported as and imported from.
 *
 * ```json
 * { "version": 1, "name": "friday", "channels": [1030301, 1030302],
 *   "title": "Friday speedruns", "description": "Any% with chat picks" }
 * ```
 *
 * @module
 */

import { checkChannelTitle } from "../channel_title.ts";
import { RestreamError } from "../errors.ts";

/**
 * The format version of an exported preset and of the presets file.
 *
 * @example
 * ```ts
 * import { PRESET_FORMAT_VERSION } from "jsr:@restream/cli";
 * const document = { version: PRESET_FORMAT_VERSION, name: "friday", channels: [1030301] };
 * ```
 */
export const PRESET_FORMAT_VERSION = 1;

/**
 * The longest preset name accepted.
 *
 * @example
 * ```ts
 * import { MAX_PRESET_NAME_LENGTH } from "jsr:@restream/cli";
 * const name = "Friday night speedruns with chat picks".slice(0, MAX_PRESET_NAME_LENGTH);
 * ```
 */
export const MAX_PRESET_NAME_LENGTH = 64;

/** A named channel setup. */
export interface Preset {
  /** The name it is saved under. */
  name: string;
  /** The channels to have enabled (every other channel is disabled), by id. */
  channels: number[];
  /** The title to give those channels; their own titles are kept when absent. */
  title?: string;
  /** The description to give those channels; their own are kept when absent. */
  description?: string;
  /** When it was last saved (ISO date); absent in an exported document. */
  updatedAt?: string;
}

/** A preset as `preset export` prints it and `preset import` reads it. */
export interface PresetDocument {
  /** {@link PRESET_FORMAT_VERSION}. */
  version: number;
  /** The preset's name. */
  name: string;
  /** Channel ids to enable. */
  channels: number[];
  /** Title, when the preset sets one. */
  title?: string;
  /** Description, when the preset sets one. */
  description?: string;
}

/**
 * The problem with a preset's data: `field` names where (`channels[2]`), `problem` what. The
 * callers decide what kind of error it is (a bad import is a usage error, a bad presets file
 * is not).
 *
 * @example
 * ```ts
 * import { parsePresetDocument, PresetFormatError } from "jsr:@restream/cli";
 * try {
 *   parsePresetDocument({ version: 1, name: "friday", channels: ["1030301"] });
 * } catch (error) {
 *   if (error instanceof PresetFormatError) console.error(error.field); // "channels[0]"
 * }
 * ```
 */
export class PresetFormatError extends Error {
  /** Where in the document, e.g. `channels[2]`; empty for the document itself. */
  readonly field: string;
  /** What is wrong there. */
  readonly problem: string;

  /** Creates the error for a field. */
  constructor(field: string, problem: string) {
    super(field === "" ? problem : `"${field}": ${problem}`);
    this.name = "PresetFormatError";
    this.field = field;
    this.problem = problem;
  }
}

/**
 * Checks a preset name: 1 to 64 characters, no control characters, no whitespace at either
 * end. Throws a usage error otherwise.
 *
 * @example
 * ```ts
 * import { checkPresetName } from "jsr:@restream/cli";
 * checkPresetName("friday show"); // fine
 * ```
 */
export function checkPresetName(name: string): void {
  const problem = presetNameProblem(name);
  if (problem !== undefined) {
    throw new RestreamError("usage", `invalid preset name ${JSON.stringify(name)}: ${problem}`);
  }
}

function presetNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "it must not be empty";
  if (name !== name.trim()) return "it must not start or end with whitespace";
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return "it must not contain control characters";
  }
  const length = [...name].length;
  if (length > MAX_PRESET_NAME_LENGTH) {
    return `it is ${length} characters long; the limit is ${MAX_PRESET_NAME_LENGTH}`;
  }
  return undefined;
}

/**
 * The exported form of a preset: its version, name, channels, title and description.
 *
 * @example
 * ```ts
 * import { presetDocument } from "jsr:@restream/cli";
 * const text = JSON.stringify(presetDocument({ name: "friday", channels: [1030301] }));
 * // {"version":1,"name":"friday","channels":[1030301]}
 * ```
 */
export function presetDocument(preset: Preset): PresetDocument {
  const document: PresetDocument = {
    version: PRESET_FORMAT_VERSION,
    name: preset.name,
    channels: [...preset.channels],
  };
  if (preset.title !== undefined) document.title = preset.title;
  if (preset.description !== undefined) document.description = preset.description;
  return document;
}

const DOCUMENT_FIELDS = new Set(["version", "name", "channels", "title", "description"]);
const STORED_FIELDS = new Set(["name", "channels", "title", "description", "updatedAt"]);

/**
 * Reads an exported preset (`preset import`): every field checked, unknown fields refused
 * (a misspelt `titel` would otherwise be dropped silently). Throws {@link PresetFormatError}
 * naming the field.
 *
 * @example
 * ```ts
 * import { parsePresetDocument } from "jsr:@restream/cli";
 * const preset = parsePresetDocument({ version: 1, name: "friday", channels: [1030301] });
 * console.log(preset.channels); // [1030301]
 * ```
 */
export function parsePresetDocument(data: unknown): Preset {
  const record = objectAt(data, "");
  if (!("version" in record)) throw new PresetFormatError("version", "missing");
  if (record.version !== PRESET_FORMAT_VERSION) {
    throw new PresetFormatError(
      "version",
      `expected ${PRESET_FORMAT_VERSION}, found ${JSON.stringify(record.version)}`,
    );
  }
  return readPreset(record, "", DOCUMENT_FIELDS);
}

/** Reads one preset as the presets file stores it; `at` is its path in the file. */
export function parseStoredPreset(data: unknown, at: string): Preset {
  const preset = readPreset(objectAt(data, at), at, STORED_FIELDS);
  const record = data as Record<string, unknown>;
  if (record.updatedAt !== undefined) {
    if (typeof record.updatedAt !== "string" || Number.isNaN(Date.parse(record.updatedAt))) {
      throw new PresetFormatError(join(at, "updatedAt"), "expected an ISO date");
    }
    preset.updatedAt = record.updatedAt;
  }
  return preset;
}

function readPreset(
  record: Record<string, unknown>,
  at: string,
  allowed: ReadonlySet<string>,
): Preset {
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) throw new PresetFormatError(join(at, key), "unknown field");
  }
  if (typeof record.name !== "string") {
    throw new PresetFormatError(join(at, "name"), "expected a string");
  }
  const nameProblem = presetNameProblem(record.name);
  if (nameProblem !== undefined) throw new PresetFormatError(join(at, "name"), nameProblem);
  if (!Array.isArray(record.channels)) {
    throw new PresetFormatError(join(at, "channels"), "expected an array of channel ids");
  }
  const channels: number[] = [];
  record.channels.forEach((id, i) => {
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
      throw new PresetFormatError(
        `${join(at, "channels")}[${i}]`,
        "expected a channel id (a positive integer)",
      );
    }
    if (!channels.includes(id)) channels.push(id);
  });
  const preset: Preset = { name: record.name, channels };
  if (record.title !== undefined) {
    if (typeof record.title !== "string") {
      throw new PresetFormatError(join(at, "title"), "expected a string");
    }
    try {
      checkChannelTitle(record.title);
    } catch (error) {
      throw new PresetFormatError(join(at, "title"), (error as Error).message);
    }
    preset.title = record.title;
  }
  if (record.description !== undefined) {
    if (typeof record.description !== "string") {
      throw new PresetFormatError(join(at, "description"), "expected a string");
    }
    preset.description = record.description;
  }
  return preset;
}

/** `data` as a JSON object; anything else is a {@link PresetFormatError} at `at`. */
export function objectAt(data: unknown, at: string): Record<string, unknown> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new PresetFormatError(at, "expected a JSON object");
  }
  return data as Record<string, unknown>;
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}
