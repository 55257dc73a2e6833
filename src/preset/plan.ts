/**
 * Planning a preset: what must change, channel by channel, to get from the current setup to
 * the preset's. A pure function: the caller reads the channels (and their titles), this
 * decides, and {@link RestreamClient.applyChannelPlan} sends.
 *
 * @module
 */

import type { ChannelMetaUpdate } from "../client/channels.ts";

/** What a preset asks for, with any `--title` / `--description` of the run applied. */
export interface PresetTarget {
  /** The channels to have enabled; every other channel is disabled. */
  channels: readonly number[];
  /** The title to give the enabled channels; their own is kept when absent. */
  title?: string;
  /** The description to give the enabled channels; their own is kept when absent. */
  description?: string;
}

/** A channel as it is now. */
export interface CurrentChannel {
  /** Channel id. */
  id: number;
  /** Platform id. */
  streamingPlatformId?: number | null;
  /** Name shown in Restream. */
  displayName?: string | null;
  /** Whether it is enabled now (`null`/absent: unknown, so it is set either way). */
  enabled?: boolean | null;
  /**
   * Its title and description, read when the target sets either. Absent: not read (or the
   * read failed), and the channel is then not retitled; the caller says why.
   */
  meta?: { title: string; description?: string | null };
}

/** A value before and after. */
export interface Change<From, To = From> {
  /** Now (`null`: unknown or unset). */
  from: From;
  /** After the plan is applied. */
  to: To;
}

/** The changes to one channel. */
export interface PlanStep {
  /** Channel id. */
  channelId: number;
  /** Platform id, when known. */
  platform: number | null;
  /** Name shown in Restream, when known. */
  displayName: string | null;
  /** Enable or disable it (PATCH /v2/user/channel/{id}). */
  active?: Change<boolean | null, boolean>;
  /** Its title changes. */
  title?: Change<string>;
  /** Its description changes. */
  description?: Change<string | null>;
  /** The body of PATCH /v2/user/channel-meta/{id}, when the title or description changes. */
  meta?: ChannelMetaUpdate;
}

/** What applying a preset would do. */
export interface PresetPlan {
  /** The channels that change, in the order of the current channel list. */
  steps: PlanStep[];
  /** Channels of the preset that no longer exist, in the preset's order. */
  missing: number[];
}

/**
 * Plans a preset: enable its channels, disable the others, and retitle an enabled channel
 * whose title differs from the target's, or whose description differs when the target sets
 * one. The title PATCH sends the target's title (or the channel's own) plus the target's
 * description (or the channel's own), because the API needs a title in every such PATCH. A
 * channel already as the target wants it gets no step: planning an applied preset gives no
 * steps at all.
 *
 * @example
 * ```ts
 * import { planPreset } from "jsr:@restream/cli";
 *
 * const plan = planPreset([
 *   { id: 1, streamingPlatformId: 2, enabled: true, meta: { title: "Old" } },
 *   { id: 2, streamingPlatformId: 5, enabled: false },
 *   { id: 3, streamingPlatformId: 37, enabled: true },
 * ], { channels: [1, 2, 4], title: "Friday show" });
 * // plan.steps: 1 retitled "Old" → "Friday show", 2 enabled (not retitled: its title was
 * // not read), 3 disabled; plan.missing: [4]
 * ```
 */
export function planPreset(current: readonly CurrentChannel[], target: PresetTarget): PresetPlan {
  const wanted = new Set(target.channels);
  const steps: PlanStep[] = [];
  for (const channel of current) {
    const enable = wanted.has(channel.id);
    const step: PlanStep = {
      channelId: channel.id,
      platform: channel.streamingPlatformId ?? null,
      displayName: channel.displayName ?? null,
    };
    if (channel.enabled !== enable) step.active = { from: channel.enabled ?? null, to: enable };
    if (enable && channel.meta !== undefined) retitle(step, channel.meta, target);
    if (step.active !== undefined || step.meta !== undefined) steps.push(step);
  }
  const existing = new Set(current.map((channel) => channel.id));
  const missing = [...wanted].filter((id) => !existing.has(id));
  return { steps, missing };
}

function retitle(
  step: PlanStep,
  meta: { title: string; description?: string | null },
  target: PresetTarget,
): void {
  const currentDescription = meta.description ?? null;
  const title = target.title ?? meta.title;
  const description = target.description ?? currentDescription;
  if (title !== meta.title) step.title = { from: meta.title, to: title };
  if (description !== currentDescription) {
    step.description = { from: currentDescription, to: description };
  }
  if (step.title === undefined && step.description === undefined) return;
  step.meta = description === null ? { title } : { title, description };
}
