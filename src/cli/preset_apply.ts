/**
 * `preset apply <name> [--dry-run] [--title T] [--description D]`: read the channels (and
 * their titles when the preset sets one), plan, then apply the plan through the client, four
 * channels at a time. `--dry-run` prints the plan on stdout and sends nothing; otherwise the
 * plan and its results go to stderr (stdout stays empty, except the `--json` document). A
 * channel that failed makes the exit code 1 (SPEC.md, per-part results); re-running applies
 * only what is still different.
 *
 * @module
 */

import { checkChannelTitle } from "../channel_title.ts";
import type { PlanResult } from "../client/channel_plan.ts";
import { RestreamError } from "../errors.ts";
import { type CurrentChannel, planPreset, type PresetPlan } from "../preset/plan.ts";
import { runPool } from "../pool.ts";
import type { ChannelMeta, ChannelSummary } from "../schemas/channel.ts";
import type { CliContext } from "./context.ts";
import { shellQuote } from "./mock.ts";
import { reportFailures, settle } from "./parts.ts";
import { loadPlatformNames, type PlatformNamer } from "./platform_names.ts";
import { findPreset, plural } from "./preset.ts";
import { presetAccount } from "./preset_account.ts";
import { planColumns, planDocument, planRows } from "./preset_render.ts";
import { createStyle } from "./style.ts";
import { TableWriter } from "./table.ts";
import type { RestreamClient } from "../client.ts";

/** The flags of `preset apply`. */
export interface ApplyFlags {
  /** `--dry-run`. */
  dryRun?: boolean;
  /** `--title`: instead of the preset's. */
  title?: string;
  /** `--description`: instead of the preset's. */
  description?: string;
}

/** A channel whose title could not be read (so it is not changed). */
interface ReadFailure {
  channelId: number;
  error: RestreamError;
}

/** Titles are read this many at a time (the same bound as the writes). */
const READ_CONCURRENCY = 4;

/** Runs `preset apply`. */
export async function applyPreset(ctx: CliContext, name: string, flags: ApplyFlags): Promise<void> {
  const preset = await findPreset(ctx, await presetAccount(ctx), name);
  const target = {
    channels: preset.channels,
    title: flags.title ?? preset.title,
    description: flags.description ?? preset.description,
  };
  if (target.title !== undefined) checkChannelTitle(target.title);
  const client = ctx.authenticatedClient();
  const signal = ctx.io.signal;
  const channels = await client.listChannels(signal);
  const wantsMeta = target.title !== undefined || target.description !== undefined;
  const { metas, failures } = wantsMeta
    ? await readMetas(client, channels.filter((c) => target.channels.includes(c.id)), signal)
    : { metas: new Map<number, ChannelMeta>(), failures: [] };
  const current: CurrentChannel[] = channels.map((channel) => ({
    id: channel.id,
    streamingPlatformId: channel.streamingPlatformId,
    displayName: channel.displayName,
    enabled: channel.enabled,
    meta: metas.get(channel.id),
  }));
  const plan = planPreset(current, target);
  for (const id of plan.missing) {
    ctx.output.notice(`warning: channel ${id} of preset '${name}' no longer exists; skipped`);
  }
  // Names only for the human table, which a plan without steps does not print.
  const names = await loadPlatformNames(ctx, client, !ctx.output.json && plan.steps.length > 0);

  let results: PlanResult[] = [];
  if (!flags.dryRun && plan.steps.length > 0) {
    results = await client.applyChannelPlan(plan, { signal });
  }
  const merged = mergeReadFailures(results, failures);
  if (ctx.output.json) ctx.output.printJson(planDocument(plan, merged, flags.dryRun === true));
  else render(ctx, name, plan, merged, flags.dryRun === true, names);
  reportFailures(
    ctx,
    merged.filter((r) => !r.ok && r.error !== undefined).map((r) => ({
      part: `channel ${r.channelId}`,
      error: r.error!,
    })),
  );
}

/** Reads the titles of the channels the preset enables; a failed read is that channel's. */
async function readMetas(
  client: RestreamClient,
  channels: readonly ChannelSummary[],
  signal?: AbortSignal,
): Promise<{ metas: Map<number, ChannelMeta>; failures: ReadFailure[] }> {
  const metas = new Map<number, ChannelMeta>();
  const failures: ReadFailure[] = [];
  await runPool(channels, READ_CONCURRENCY, async (channel) => {
    const part = await settle(client.getChannelMeta(channel.id, signal));
    if (part.ok) metas.set(channel.id, part.value);
    else {
      failures.push({
        channelId: channel.id,
        error: new RestreamError(
          part.error.kind,
          `its title could not be read, so it was not changed: ${part.error.message}`,
          { status: part.error.status, code: part.error.code, cause: part.error },
        ),
      });
    }
  });
  return { metas, failures };
}

/** A channel whose title could not be read failed, whatever else was done to it. */
function mergeReadFailures(results: PlanResult[], failures: ReadFailure[]): PlanResult[] {
  const merged = [...results];
  for (const { channelId, error } of failures) {
    const index = merged.findIndex((result) => result.channelId === channelId);
    if (index < 0) merged.push({ channelId, ok: false, error });
    else if (merged[index].ok) merged[index] = { channelId, ok: false, error };
  }
  return merged;
}

/** Human output: the plan (stdout for a dry run, stderr otherwise) and a summary line. */
function render(
  ctx: CliContext,
  name: string,
  plan: PresetPlan,
  results: readonly PlanResult[],
  dryRun: boolean,
  names: PlatformNamer,
): void {
  const { output, io } = ctx;
  const rows = planRows(plan);
  const changes = rows.length;
  if (plan.steps.length === 0) {
    output.notice(`preset '${name}' is already applied: nothing to change`);
    return;
  }
  if (dryRun) {
    output.printTable(rows, planColumns(names, false));
    output.notice(
      `dry run: ${plural(changes, "change")} to ${
        plural(plan.steps.length, "channel")
      }; nothing was sent`,
    );
    return;
  }
  // Applying, stdout stays empty: the table goes to stderr, aligned when that is a terminal.
  const terminal = io.stderrIsTerminal ?? io.stdoutIsTerminal;
  const table = new TableWriter({
    isTerminal: terminal,
    columns: io.columns,
    style: terminal ? output.errStyle : createStyle(false),
    // Straight to stderr: a notice is flattened to one line, which would undo the tabs.
    printLine: (text) => io.stderr.write(`${text}\n`),
  }, planColumns(names, true));
  table.push(planRows(plan, results));
  table.end();
  const failed = results.filter((result) => !result.ok).length;
  if (failed === 0) {
    output.notice(
      `applied preset '${name}': ${plural(changes, "change")} to ${
        plural(plan.steps.length, "channel")
      }`,
    );
  } else {
    output.notice(
      `preset '${name}': ${failed} of ${plural(results.length, "channel")} failed; ` +
        `to retry them, run again: restream preset apply ${shellQuote(name)}`,
    );
  }
}
