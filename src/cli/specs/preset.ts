/**
 * The specs (beyond their entries in ../tree.ts) of `status` and `preset …`, the two commands
 * of "before the show" (handlers: ../status.ts, ../preset.ts, ../preset_apply.ts).
 *
 * @module
 */

import { checkChannelTitle, MAX_TITLE_LENGTH } from "../../channel_title.ts";
import { UsageError } from "../../errors.ts";
import { checkPresetName, MAX_PRESET_NAME_LENGTH } from "../../preset/preset.ts";
import { parseChannelId } from "../args.ts";
import type { ImportFlags, SaveFlags } from "../preset.ts";
import type { ApplyFlags } from "../preset_apply.ts";
import type { ArgSpec, CommandBody, FlagSpec } from "../spec.ts";

/** A preset name, checked before anything is read or sent. */
function parsePresetName(value: string): string {
  checkPresetName(value);
  return value;
}

/** `--channels ID,ID,…`: channel ids, each a positive integer, each once. */
export function parseChannelList(value: string): number[] {
  const parts = value.split(",").map((part) => part.trim());
  if (parts.every((part) => part === "")) {
    throw new UsageError(
      `invalid --channels '${value}': expected channel ids like 1030301,1030302`,
    );
  }
  return [...new Set(parts.filter((part) => part !== "").map(parseChannelId))];
}

/** `--title`: the rule `channel meta set` enforces, checked before anything is sent. */
function parseTitle(value: string): string {
  checkChannelTitle(value);
  return value;
}

const NAME: ArgSpec = {
  name: "name",
  summary: `preset name (at most ${MAX_PRESET_NAME_LENGTH} characters)`,
  parse: parsePresetName,
};
const FORCE: FlagSpec = { long: "force", summary: "replace a preset of the same name" };
const DESCRIPTION: FlagSpec = {
  long: "description",
  type: "string",
  placeholder: "text",
  summary: "description for the preset's channels",
};

/** `status [--health]`. */
export const STATUS: CommandBody = {
  description: "The parts are requested at once; one that fails (a missing scope) leaves the " +
    "others printed, is reported on stderr and makes the exit code 1.",
  flags: [{
    long: "health",
    summary: "also each channel's stream status and bitrate (streaming WebSocket, up to 3 s)",
  }],
  examples: [
    "restream status",
    "restream status --health",
    "restream status --json | jq '.channels[] | select(.enabled) | .meta.title'",
  ],
  run: async (ctx, { flags }) =>
    (await import("../status.ts")).runStatus(ctx, { health: flags.health === true }),
};

/** `preset` and its subcommands. */
export const PRESET: CommandBody = {
  description: "Presets are kept in presets.json in the config directory (0600, beside the " +
    "token file), per API origin and per account, so a mock server's presets never mix with " +
    "the real account's. Under --mock nothing is written to disk: presets live in memory for " +
    "that one command (share one mock with 'restream mock serve' to keep them).",
  examples: [
    "restream preset save friday --title 'Friday speedruns'",
    "restream preset apply friday --dry-run",
    "restream preset apply friday",
  ],
  subcommands: [
    {
      name: "save",
      summary: "save the enabled channels (or --channels) as a preset",
      args: [NAME],
      flags: [
        {
          long: "channels",
          type: "ids",
          placeholder: "id,id,…",
          summary: "channel ids to enable instead of the enabled ones, comma-separated",
          parse: parseChannelList,
        },
        {
          long: "title",
          type: "string",
          summary: `title for the preset's channels (at most ${MAX_TITLE_LENGTH} characters)`,
          parse: parseTitle,
        },
        DESCRIPTION,
        FORCE,
      ],
      examples: [
        "restream preset save friday",
        "restream preset save weekend --channels 1030301,1030303 --title 'Weekend chill'",
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../preset.ts")).savePreset(ctx, args.name as string, flags as SaveFlags),
    },
    {
      name: "list",
      summary: "list the saved presets",
      examples: ["restream preset list"],
      run: async (ctx) => (await import("../preset.ts")).listPresets(ctx),
    },
    {
      name: "show",
      summary: "show one preset",
      args: [NAME],
      examples: ["restream preset show friday"],
      run: async (ctx, { args }) =>
        (await import("../preset.ts")).showPreset(ctx, args.name as string),
    },
    {
      name: "apply",
      summary: "switch the channels to a preset (--dry-run: show the plan, send nothing)",
      description: "Enables the preset's channels, disables the others, and gives them its " +
        "title and description; only what differs is sent, four channels at a time. The plan " +
        "and results go to stderr (stdout stays empty unless --json or --dry-run); a channel " +
        "that failed makes the exit code 1, and running it again retries what is left.",
      args: [NAME],
      flags: [
        { long: "dry-run", summary: "print what would change on stdout; change nothing" },
        {
          long: "title",
          type: "string",
          summary: "title to set instead of the preset's (this run only)",
          parse: parseTitle,
        },
        { ...DESCRIPTION, summary: "description to set instead of the preset's (this run only)" },
      ],
      examples: [
        "restream preset apply friday --dry-run",
        "restream preset apply friday",
        "restream preset apply friday --title 'Friday speedruns #43' --json",
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../preset_apply.ts")).applyPreset(
          ctx,
          args.name as string,
          flags as ApplyFlags,
        ),
    },
    {
      name: "rename",
      summary: "rename a preset",
      args: [
        { ...NAME, name: "old", summary: "its name now" },
        { ...NAME, name: "new", summary: "its new name" },
      ],
      flags: [{ ...FORCE, summary: "replace a preset of the new name" }],
      examples: ["restream preset rename friday friday-old"],
      run: async (ctx, { args, flags }) =>
        (await import("../preset.ts")).renamePreset(
          ctx,
          args.old as string,
          args.new as string,
          flags.force === true,
        ),
    },
    {
      name: "delete",
      summary: "delete a preset",
      args: [NAME],
      examples: ["restream preset delete friday-old"],
      run: async (ctx, { args }) =>
        (await import("../preset.ts")).deletePreset(ctx, args.name as string),
    },
    {
      name: "export",
      summary: "print a preset as JSON (for a repository or another machine)",
      args: [NAME],
      examples: ["restream preset export friday > friday.json"],
      run: async (ctx, { args }) =>
        (await import("../preset.ts")).exportPreset(ctx, args.name as string),
    },
    {
      name: "import",
      summary: "save a preset from a file written by 'preset export' ('-' reads stdin)",
      args: [{ name: "file", summary: "the JSON file, or '-' for stdin", file: true }],
      flags: [
        {
          long: "name",
          type: "string",
          summary: "save it under this name instead of the file's",
          parse: parsePresetName,
        },
        FORCE,
      ],
      examples: [
        "restream preset import friday.json",
        "restream preset export friday | restream preset import - --name saturday",
      ],
      run: async (ctx, { args, flags }) =>
        (await import("../preset.ts")).importPreset(
          ctx,
          args.file as string,
          flags as ImportFlags,
        ),
    },
  ],
};
