/**
 * Applying a channel plan (see the preset planner): its PATCHes, a few channels at a time,
 * each channel's outcome reported. Writes follow the pipeline's rules (SPEC.md, "Requests"):
 * a PATCH is sent once, and retried only when it never reached the server or after a 401
 * and a refresh.
 *
 * @module
 */

import { RestreamError } from "../errors.ts";
import { runPool } from "../pool.ts";
import type { PlanStep, PresetPlan } from "../preset/plan.ts";
import { updateChannel, updateChannelMeta } from "./channels.ts";
import type { ApiCore } from "./core.ts";

/**
 * How many channels are changed at once by default.
 *
 * @example
 * ```ts
 * import { PLAN_CONCURRENCY, RestreamClient } from "jsr:@restream/cli";
 * const client = new RestreamClient({ token: Deno.env.get("RESTREAM_TOKEN") });
 * const plan = { steps: [], missing: [] };
 * await client.applyChannelPlan(plan, { concurrency: PLAN_CONCURRENCY / 2 });
 * ```
 */
export const PLAN_CONCURRENCY = 4;

/** The outcome for one channel of a plan. */
export interface PlanResult {
  /** Channel id. */
  channelId: number;
  /** True when every change to it was applied. */
  ok: boolean;
  /** Why it failed; a failed title change is not followed by the enable/disable. */
  error?: RestreamError;
}

/** Options of {@link applyChannelPlan}. */
export interface ApplyPlanOptions {
  /** Cancels the requests not yet answered. */
  signal?: AbortSignal;
  /** Channels changed at once; {@link PLAN_CONCURRENCY} by default. */
  concurrency?: number;
  /** Called as each channel's outcome is known. */
  onResult?: (result: PlanResult) => void;
}

/**
 * Applies every step of a plan and returns one result per step, in the plan's order. A
 * channel's title is changed before it is enabled (it goes live with the right title). A
 * failure of one channel does not stop the others; a rejected login (`auth`) or an
 * interruption does: nothing else could succeed, so it is thrown once the requests in flight
 * have ended.
 */
export async function applyChannelPlan(
  api: ApiCore,
  plan: PresetPlan,
  options: ApplyPlanOptions = {},
): Promise<PlanResult[]> {
  const { signal, onResult } = options;
  const results: PlanResult[] = new Array(plan.steps.length);
  await runPool(plan.steps, options.concurrency ?? PLAN_CONCURRENCY, async (step, index) => {
    try {
      await applyStep(api, step, signal);
      results[index] = { channelId: step.channelId, ok: true };
    } catch (error) {
      if (isFatal(error)) throw error;
      results[index] = { channelId: step.channelId, ok: false, error: error as RestreamError };
    }
    onResult?.(results[index]);
  });
  return results;
}

async function applyStep(api: ApiCore, step: PlanStep, signal?: AbortSignal): Promise<void> {
  if (step.meta !== undefined) await updateChannelMeta(api, step.channelId, step.meta, signal);
  if (step.active !== undefined) {
    await updateChannel(api, step.channelId, { active: step.active.to }, signal);
  }
}

/** Errors that end the whole plan: a login that no longer works, an interruption, a bug. */
function isFatal(error: unknown): boolean {
  if (!(error instanceof RestreamError)) return true;
  return error.kind === "auth" || error.kind === "interrupted";
}
