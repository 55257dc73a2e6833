/**
 * `preset save|list|show|delete|rename|apply|export|import`: named channel setups. Only the
 * command definitions live here; the work is loaded when a preset command runs
 * (preset_run.ts, preset_apply.ts).
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { checkChannelTitle, MAX_TITLE_LENGTH } from "../channel_title.ts";
import { UsageError } from "../errors.ts";
import { checkPresetName, MAX_PRESET_NAME_LENGTH } from "../preset/preset.ts";
import { parseChannelId } from "./args.ts";
import type { CliContext } from "./context.ts";

/** A preset name argument, checked before anything is read or sent. */
function parsePresetName(value: string): string {
  checkPresetName(value);
  return value;
}

/** `--channels ID,ID,…`: channel ids, each a positive integer. */
export function parseChannelList(value: string): number[] {
  const parts = value.split(",").map((part) => part.trim());
  if (parts.every((part) => part === "")) {
    throw new UsageError(
      `invalid --channels '${value}': expected channel ids like 1030301,1030302`,
    );
  }
  const ids = parts.filter((part) => part !== "").map(parseChannelId);
  return [...new Set(ids)];
}

/** `--title`: the rule `channel meta set` enforces, checked before anything is sent. */
function parseTitle(value: string): string {
  checkChannelTitle(value);
  return value;
}

const NAME = `preset name (at most ${MAX_PRESET_NAME_LENGTH} characters)`;
const TITLE = `title for the preset's channels (at most ${MAX_TITLE_LENGTH} characters)`;

/** Registers `preset` and its subcommands. */
export function registerPresetCommands(program: Command, ctx: CliContext): void {
  const preset = program.command("preset").description(
    "named channel setups: which channels are on, their title and description " +
      "(kept in presets.json in the config directory, per API origin and account)",
  );
  const run = (): Promise<typeof import("./preset_run.ts")> => import("./preset_run.ts");

  preset
    .command("save")
    .description("save the enabled channels (or --channels) as a preset")
    .argument("<name>", NAME, parsePresetName)
    .option("--channels <ids>", "channel ids to enable, comma-separated", parseChannelList)
    .option("--title <title>", TITLE, parseTitle)
    .option("--description <text>", "description for the preset's channels")
    .option("--force", "replace a preset of the same name")
    .action(async (name, options) => (await run()).savePreset(ctx, name, options));

  preset
    .command("list")
    .description("list the saved presets")
    .action(async () => (await run()).listPresets(ctx));

  preset
    .command("show")
    .description("show one preset")
    .argument("<name>", NAME, parsePresetName)
    .action(async (name) => (await run()).showPreset(ctx, name));

  preset
    .command("delete")
    .description("delete a preset")
    .argument("<name>", NAME, parsePresetName)
    .action(async (name) => (await run()).deletePreset(ctx, name));

  preset
    .command("rename")
    .description("rename a preset")
    .argument("<old>", "its name now", parsePresetName)
    .argument("<new>", "its new name", parsePresetName)
    .option("--force", "replace a preset of the new name")
    .action(async (from, to, options) =>
      (await run()).renamePreset(ctx, from, to, options.force === true)
    );

  preset
    .command("apply")
    .description(
      "switch the channels to a preset: enable its channels, disable the others, set the " +
        "title and description it gives (--dry-run shows the plan and sends nothing)",
    )
    .argument("<name>", NAME, parsePresetName)
    .option("--dry-run", "print what would change, change nothing")
    .option("--title <title>", "title to set instead of the preset's", parseTitle)
    .option("--description <text>", "description to set instead of the preset's")
    .action(async (name, options) =>
      (await import("./preset_apply.ts")).applyPreset(ctx, name, options)
    );

  preset
    .command("export")
    .description("print a preset as JSON (for a repository or another machine)")
    .argument("<name>", NAME, parsePresetName)
    .action(async (name) => (await run()).exportPreset(ctx, name));

  preset
    .command("import")
    .description("save a preset from a file written by 'preset export' ('-' reads stdin)")
    .argument("<file>", "the JSON file, or '-' for stdin")
    .option("--name <name>", "save it under this name instead of the file's", parsePresetName)
    .option("--force", "replace a preset of the same name")
    .action(async (file, options) => (await run()).importPreset(ctx, file, options));
}
