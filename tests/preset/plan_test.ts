/** planPreset: every combination of enable, disable, retitle, description, missing, nothing. */

import assert from "node:assert/strict";
import { type CurrentChannel, planPreset } from "../../src/preset/plan.ts";

const TWITCH: CurrentChannel = {
  id: 1,
  streamingPlatformId: 2,
  displayName: "Twitch",
  enabled: true,
  meta: { title: "Old title", description: "Old description" },
};
const YOUTUBE: CurrentChannel = {
  id: 2,
  streamingPlatformId: 5,
  displayName: "YouTube",
  enabled: false,
  meta: { title: "Other title" },
};
const KICK: CurrentChannel = { id: 3, streamingPlatformId: 96, displayName: "Kick", enabled: true };

Deno.test("planPreset enables the preset's channels and disables the others", () => {
  const plan = planPreset([TWITCH, YOUTUBE, KICK], { channels: [1, 2] });
  assert.deepEqual(plan, {
    steps: [
      {
        channelId: 2,
        platform: 5,
        displayName: "YouTube",
        active: { from: false, to: true },
      },
      { channelId: 3, platform: 96, displayName: "Kick", active: { from: true, to: false } },
    ],
    missing: [],
  });
});

Deno.test("planPreset gives no steps when everything is as the preset wants", () => {
  assert.deepEqual(planPreset([TWITCH, YOUTUBE, KICK], { channels: [1, 3] }), {
    steps: [],
    missing: [],
  });
  const titled = planPreset([TWITCH], {
    channels: [1],
    title: "Old title",
    description: "Old description",
  });
  assert.deepEqual(titled.steps, []);
});

Deno.test("planPreset retitles enabled channels whose title differs, keeping their description", () => {
  const plan = planPreset([TWITCH, YOUTUBE, KICK], { channels: [1, 2], title: "Friday" });
  assert.deepEqual(plan.steps.map((s) => [s.channelId, s.title, s.meta, s.active]), [
    [
      1,
      { from: "Old title", to: "Friday" },
      { title: "Friday", description: "Old description" },
      undefined,
    ],
    [2, { from: "Other title", to: "Friday" }, { title: "Friday" }, { from: false, to: true }],
    [3, undefined, undefined, { from: true, to: false }],
  ]);
  // A channel being disabled is not retitled, even with a different title.
  assert.equal(plan.steps[2].meta, undefined);
});

Deno.test("planPreset changes a description only when the preset sets one", () => {
  const same = planPreset([TWITCH], { channels: [1], title: "Old title" });
  assert.deepEqual(same.steps, []);
  const plan = planPreset([TWITCH], { channels: [1], description: "New description" });
  assert.deepEqual(plan.steps, [{
    channelId: 1,
    platform: 2,
    displayName: "Twitch",
    description: { from: "Old description", to: "New description" },
    // The API needs a title in every such PATCH: the channel's own is sent.
    meta: { title: "Old title", description: "New description" },
  }]);
  const fromNone = planPreset([YOUTUBE], { channels: [2], description: "Set" });
  assert.deepEqual(fromNone.steps[0].description, { from: null, to: "Set" });
  assert.deepEqual(fromNone.steps[0].meta, { title: "Other title", description: "Set" });
});

Deno.test("planPreset reports preset channels that no longer exist as missing", () => {
  const plan = planPreset([TWITCH, KICK], { channels: [9, 1, 3, 7] });
  assert.deepEqual(plan.missing, [9, 7]);
  assert.deepEqual(plan.steps, []);
});

Deno.test("planPreset does not retitle a channel whose title was not read", () => {
  const plan = planPreset([KICK], { channels: [3], title: "Friday" });
  assert.deepEqual(plan.steps, []);
});

Deno.test("planPreset sets a channel whose state is unknown either way", () => {
  const unknown: CurrentChannel = { id: 4, enabled: null };
  assert.deepEqual(planPreset([unknown], { channels: [4] }).steps, [
    { channelId: 4, platform: null, displayName: null, active: { from: null, to: true } },
  ]);
  assert.deepEqual(planPreset([{ id: 4 }], { channels: [] }).steps[0].active, {
    from: null,
    to: false,
  });
});

Deno.test("planPreset with an empty preset disables every enabled channel", () => {
  const plan = planPreset([TWITCH, YOUTUBE, KICK], { channels: [] });
  assert.deepEqual(plan.steps.map((s) => [s.channelId, s.active]), [
    [1, { from: true, to: false }],
    [3, { from: true, to: false }],
  ]);
});
