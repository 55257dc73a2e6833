/**
 * RestreamClient.applyChannelPlan: titles before enabling, one result per channel, a failed
 * channel does not stop the others, PATCHes are sent once, at most four channels at a time,
 * and a rejected login ends it.
 */

import assert from "node:assert/strict";
import { RestreamClient } from "../../src/client.ts";
import type { PresetPlan } from "../../src/preset/plan.ts";
import { FakeFetch } from "../support/fake_fetch.ts";
import { rejects } from "../support/rejects.ts";

function client(fake: FakeFetch): RestreamClient {
  return new RestreamClient({
    apiUrl: "https://api.test",
    token: "token-123456",
    fetch: fake.fetch,
    sleep: () => Promise.resolve(),
  });
}

const PLAN: PresetPlan = {
  steps: [
    {
      channelId: 1,
      platform: 2,
      displayName: "A",
      title: { from: "Old", to: "New" },
      meta: { title: "New", description: "Kept" },
      active: { from: false, to: true },
    },
    { channelId: 2, platform: 5, displayName: "B", active: { from: true, to: false } },
    {
      channelId: 3,
      platform: 5,
      displayName: "C",
      title: { from: "Old", to: "New" },
      meta: { title: "New" },
    },
  ],
  missing: [],
};

Deno.test("applyChannelPlan sends each channel's title, then its state, and reports each", async () => {
  const fake = new FakeFetch()
    .on("PATCH", "/v2/user/channel-meta/1", { status: 200 })
    .on("PATCH", "/v2/user/channel/1", { status: 200 })
    .on("PATCH", "/v2/user/channel/2", { status: 200 })
    .on("PATCH", "/v2/user/channel-meta/3", { status: 200 });
  const seen: number[] = [];
  const results = await client(fake).applyChannelPlan(PLAN, {
    onResult: (result) => seen.push(result.channelId),
  });
  assert.deepEqual(results, [
    { channelId: 1, ok: true },
    { channelId: 2, ok: true },
    { channelId: 3, ok: true },
  ]);
  assert.deepEqual(seen.sort(), [1, 2, 3]);
  const sent = fake.requests.map((r) => `${r.url.pathname} ${r.body}`);
  assert.ok(
    sent.indexOf('/v2/user/channel-meta/1 {"title":"New","description":"Kept"}') <
      sent.indexOf('/v2/user/channel/1 {"active":true}'),
    sent.join("\n"),
  );
  assert.ok(sent.includes('/v2/user/channel/2 {"active":false}'));
  assert.ok(sent.includes('/v2/user/channel-meta/3 {"title":"New"}'));
  fake.assertDone();
});

Deno.test("applyChannelPlan: a failing channel is reported, sent once, and the others go on", async () => {
  const fake = new FakeFetch()
    // A failed title is not followed by enabling the channel.
    .on("PATCH", "/v2/user/channel-meta/1", { status: 503, body: { message: "busy" } })
    .on("PATCH", "/v2/user/channel/2", { status: 200 })
    .on("PATCH", "/v2/user/channel-meta/3", { status: 200 });
  const results = await client(fake).applyChannelPlan(PLAN);
  assert.deepEqual(results.map((r) => [r.channelId, r.ok, r.error?.kind, r.error?.status]), [
    [1, false, "server", 503],
    [2, true, undefined, undefined],
    [3, true, undefined, undefined],
  ]);
  // PATCH is not idempotent: a 503 is not retried (SPEC.md, "Requests").
  assert.equal(fake.requests.filter((r) => r.url.pathname.endsWith("/1")).length, 1);
  fake.assertDone();
});

Deno.test("applyChannelPlan changes at most four channels at once", async () => {
  const steps = Array.from({ length: 10 }, (_, i) => ({
    channelId: i + 1,
    platform: 1,
    displayName: null,
    active: { from: false, to: true },
  }));
  let running = 0;
  let most = 0;
  const fake = new FakeFetch();
  for (const step of steps) {
    fake.on("PATCH", `/v2/user/channel/${step.channelId}`, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return new Response(null, { status: 200 });
    });
  }
  const results = await client(fake).applyChannelPlan({ steps, missing: [] });
  assert.equal(results.filter((r) => r.ok).length, 10);
  assert.equal(most, 4);
  fake.assertDone();
});

Deno.test("applyChannelPlan: a rejected token ends the whole plan with an auth error", async () => {
  const fake = new FakeFetch()
    .on("PATCH", "/v2/user/channel-meta/1", { status: 401, body: { message: "Invalid token" } });
  const error = await rejects(client(fake).applyChannelPlan(PLAN, { concurrency: 1 }));
  assert.equal(error.kind, "auth");
  assert.equal(fake.requests.length, 1, "nothing else was sent");
});
