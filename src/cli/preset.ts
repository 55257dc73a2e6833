/**
 * The preset commands other than `apply`: save, list, show, delete, rename, export, import.
 * Loaded only when one of them runs (src/cli/preset.ts defines them).
 *
 * @module
 */

import { RestreamError, UsageError } from "../errors.ts";
import {
  parsePresetDocument,
  type Preset,
  presetDocument,
  PresetFormatError,
} from "../preset/preset.ts";
import type { PresetAccount } from "../preset/store.ts";
import { readFileArg } from "./args.ts";
import type { CliContext } from "./context.ts";
import { formatTableTime, formatTime } from "./format.ts";
import { presetAccount } from "./preset_account.ts";

/** The flags of `preset save`. */
export interface SaveFlags {
  /** `--channels`: the channels to enable instead of the enabled ones. */
  channels?: number[];
  /** `--title`. */
  title?: string;
  /** `--description`. */
  description?: string;
  /** `--force`. */
  force?: boolean;
}

/** `preset save <name>`: the enabled channels (or `--channels`), stored under a name. */
export async function savePreset(ctx: CliContext, name: string, flags: SaveFlags): Promise<void> {
  const account = await presetAccount(ctx);
  const store = await ctx.presetStore();
  // Fail on an existing name before reading the channels; the save itself checks again
  // under the lock.
  if (!flags.force && await store.get(account, name) !== undefined) throw exists(name);
  const channels = await ctx.authenticatedClient().listChannels(ctx.io.signal);
  let ids: number[];
  if (flags.channels === undefined) {
    ids = channels.filter((channel) => channel.enabled === true).map((channel) => channel.id);
  } else {
    const known = new Set(channels.map((channel) => channel.id));
    const unknown = flags.channels.find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw new RestreamError(
        "not_found",
        `channel ${unknown} not found (see 'restream channel list')`,
      );
    }
    ids = flags.channels;
  }
  const preset: Preset = { name, channels: ids };
  if (flags.title !== undefined) preset.title = flags.title;
  if (flags.description !== undefined) preset.description = flags.description;
  const outcome = await store.save(account, preset, flags.force === true);
  if (outcome === "exists") throw exists(name);
  if (ctx.output.json) return ctx.output.printJson(presetDocument(preset));
  const names = ids.map((id) => channels.find((channel) => channel.id === id)?.displayName ?? id);
  const what = ids.length === 0
    ? "no channels (applying it disables every channel)"
    : `${plural(ids.length, "channel")}: ${names.join(", ")}`;
  ctx.output.notice(`${outcome === "replaced" ? "replaced" : "saved"} preset '${name}' (${what})`);
}

/** `preset list`. */
export async function listPresets(ctx: CliContext): Promise<void> {
  const store = await ctx.presetStore();
  const presets = await store.list(await presetAccount(ctx));
  ctx.output.printList(presets, [
    { header: "NAME", value: (p) => p.name, keep: true },
    { header: "CHANNELS", value: (p) => p.channels.join(",") },
    { header: "TITLE", value: (p) => p.title ?? "" },
    { header: "UPDATED", value: (p) => formatTableTime(p.updatedAt), keep: true, priority: 1 },
  ]);
}

/** `preset show <name>`. */
export async function showPreset(ctx: CliContext, name: string): Promise<void> {
  const preset = await findPreset(ctx, await presetAccount(ctx), name);
  ctx.output.printObject(preset, () => [
    ["Name", preset.name],
    ["Channels", preset.channels.length === 0 ? "none" : preset.channels.join(", ")],
    ["Title", preset.title],
    ["Description", preset.description],
    ["Updated", preset.updatedAt === undefined ? undefined : formatTime(preset.updatedAt)],
  ]);
}

/** `preset delete <name>`. */
export async function deletePreset(ctx: CliContext, name: string): Promise<void> {
  const store = await ctx.presetStore();
  const deleted = await store.delete(await presetAccount(ctx), name);
  if (!deleted) throw notFound(name);
  if (ctx.output.json) ctx.output.printJson({ name, deleted: true });
  else ctx.output.notice(`deleted preset '${name}'`);
}

/** `preset rename <old> <new>`. */
export async function renamePreset(
  ctx: CliContext,
  from: string,
  to: string,
  force: boolean,
): Promise<void> {
  const store = await ctx.presetStore();
  const outcome = await store.rename(await presetAccount(ctx), from, to, force);
  if (outcome === "missing") throw notFound(from);
  if (outcome === "exists") throw exists(to);
  if (ctx.output.json) ctx.output.printJson({ name: to, from });
  else ctx.output.notice(`renamed preset '${from}' to '${to}'`);
}

/** `preset export <name>`: the preset as a JSON document `preset import` reads. */
export async function exportPreset(ctx: CliContext, name: string): Promise<void> {
  const preset = await findPreset(ctx, await presetAccount(ctx), name);
  ctx.output.printJson(presetDocument(preset));
}

/** The flags of `preset import`. */
export interface ImportFlags {
  /** `--name`: save under this name instead of the document's. */
  name?: string;
  /** `--force`. */
  force?: boolean;
}

/** `preset import <file|->`: a document written by `preset export`, checked, then saved. */
export async function importPreset(
  ctx: CliContext,
  file: string,
  flags: ImportFlags,
): Promise<void> {
  const source = file === "-" ? "stdin" : file;
  const stdin = (): ReadableStream<Uint8Array> => {
    if (!ctx.io.stdin) throw new UsageError("'-' needs the preset on stdin");
    return ctx.io.stdin;
  };
  const text = new TextDecoder().decode(await readFileArg(file, stdin, "preset import"));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`invalid preset in ${source}: not valid JSON`);
  }
  let preset: Preset;
  try {
    preset = parsePresetDocument(data);
  } catch (error) {
    if (!(error instanceof PresetFormatError)) throw error;
    throw new UsageError(`invalid preset in ${source}: ${error.message}`);
  }
  if (flags.name !== undefined) preset.name = flags.name;
  const store = await ctx.presetStore();
  const outcome = await store.save(
    await presetAccount(ctx),
    preset,
    flags.force === true,
  );
  if (outcome === "exists") throw exists(preset.name);
  if (ctx.output.json) return ctx.output.printJson(presetDocument(preset));
  ctx.output.notice(
    `${outcome === "replaced" ? "replaced" : "imported"} preset '${preset.name}' ` +
      `(${plural(preset.channels.length, "channel")})`,
  );
}

/** A preset by name, or a not-found error (exit 4). */
export async function findPreset(
  ctx: CliContext,
  account: PresetAccount,
  name: string,
): Promise<Preset> {
  const store = await ctx.presetStore();
  const preset = await store.get(account, name);
  if (preset === undefined) throw notFound(name);
  return preset;
}

function notFound(name: string): RestreamError {
  return new RestreamError(
    "not_found",
    `preset '${name}' not found (see 'restream preset list')`,
  );
}

function exists(name: string): UsageError {
  return new UsageError(`preset '${name}' already exists (use --force to replace it)`, {
    helpHint: false,
  });
}

/** "1 channel", "3 channels". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
