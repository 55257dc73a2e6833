/**
 * How a preset plan and its results look: one row per change (enable, disable, title,
 * description) with what it was and what it becomes, and, once applied, whether it worked;
 * and the `--json` document `{plan, missing, results}`.
 *
 * @module
 */

import type { PlanResult } from "../client/channel_plan.ts";
import type { PlanStep, PresetPlan } from "../preset/plan.ts";
import { formatOnOff } from "./format.ts";
import { errorJson } from "./parts.ts";
import type { PlatformNamer } from "./platform_names.ts";
import type { Column } from "./table.ts";

/** One change of a plan, as a table row. */
export interface PlanRow {
  /** The step it belongs to. */
  step: PlanStep;
  /** `enable`, `disable`, `title` or `description`. */
  change: string;
  /** Before. */
  from: string;
  /** After. */
  to: string;
  /** The channel's outcome, once applied. */
  result?: PlanResult;
}

/** The rows of a plan: a channel's title and description first, as they are sent first. */
export function planRows(plan: PresetPlan, results: readonly PlanResult[] = []): PlanRow[] {
  const byChannel = new Map(results.map((result) => [result.channelId, result]));
  return plan.steps.flatMap((step) => {
    const result = byChannel.get(step.channelId);
    const rows: PlanRow[] = [];
    if (step.title) rows.push({ step, change: "title", ...step.title, result });
    if (step.description) {
      const { from, to } = step.description;
      rows.push({ step, change: "description", from: from ?? "", to: to ?? "", result });
    }
    if (step.active) {
      rows.push({
        step,
        change: step.active.to ? "enable" : "disable",
        from: formatOnOff(step.active.from) || "unknown",
        to: formatOnOff(step.active.to),
        result,
      });
    }
    return rows;
  });
}

/** The columns of the plan table; with `withResult`, the outcome too. */
export function planColumns(
  platformName: PlatformNamer,
  withResult: boolean,
): Column<PlanRow>[] {
  const columns: Column<PlanRow>[] = [
    { header: "CHANNEL", value: (r) => String(r.step.channelId), keep: true },
    { header: "PLATFORM", value: (r) => platformName(r.step.platform), priority: 1 },
    { header: "NAME", value: (r) => r.step.displayName ?? "", priority: 2 },
    { header: "CHANGE", value: (r) => r.change, keep: true },
    { header: "FROM", value: (r) => r.from },
    { header: "TO", value: (r) => r.to },
  ];
  if (withResult) {
    columns.push({
      header: "RESULT",
      keep: true,
      value: (r) => r.result === undefined ? "" : r.result.ok ? "ok" : "failed",
      color: (text, _r, style) => text === "ok" ? style.green(text) : style.red(text),
    });
  }
  return columns;
}

/** A plan step as JSON: what changes, without the request body. */
function stepJson(step: PlanStep): Record<string, unknown> {
  const json: Record<string, unknown> = {
    channelId: step.channelId,
    platform: step.platform,
    displayName: step.displayName,
  };
  if (step.active) json.active = step.active;
  if (step.title) json.title = step.title;
  if (step.description) json.description = step.description;
  return json;
}

/** `{"plan":[…],"missing":[…],"results":[…]}` (`dryRun` true when nothing was sent). */
export function planDocument(
  plan: PresetPlan,
  results: readonly PlanResult[],
  dryRun: boolean,
): Record<string, unknown> {
  return {
    plan: plan.steps.map(stepJson),
    missing: plan.missing,
    results: results.map((result) =>
      result.ok || result.error === undefined
        ? { channelId: result.channelId, ok: result.ok }
        : { channelId: result.channelId, ok: false, ...errorJson(result.error) }
    ),
    dryRun,
  };
}
