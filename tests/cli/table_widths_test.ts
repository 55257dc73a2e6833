/**
 * What a user sees in terminals 200, 120, 80 and 40 columns wide: the commands run against
 * the project's mock (its seed data: 36-character UUIDs, titles, units), in a fixed time
 * zone so that time columns have a known width.
 */

import assert from "node:assert/strict";
import { displayWidth } from "../../src/cli/width.ts";
import { runCapture } from "../support/cli.ts";
import { withMock } from "../support/mock.ts";
import type { MockServer } from "../../src/mock/types.ts";

const LIVE_EVENT = "9b4fb93c-bb15-47dc-8c06-b4ba5483403c";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}( {2}|$)/;

/** Runs one command line at each width, in New York time, and returns the lines. */
async function atWidths(
  mock: MockServer,
  argv: string[],
): Promise<Map<number, { lines: string[]; stderr: string }>> {
  const env = { RESTREAM_API_URL: mock.apiUrl, RESTREAM_TOKEN: mock.token };
  const seen = new Map<number, { lines: string[]; stderr: string }>();
  for (const width of [200, 120, 80, 40]) {
    const result = await runCapture(["--no-color", ...argv], {
      env,
      fetch: (request) => fetch(request),
      terminal: width,
    });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    for (const line of lines) {
      assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
    }
    seen.set(width, { lines, stderr: result.stderr });
  }
  return seen;
}

function inZone(zone: string, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    const before = Deno.env.get("TZ");
    Deno.env.set("TZ", zone);
    try {
      await fn();
    } finally {
      if (before === undefined) Deno.env.delete("TZ");
      else Deno.env.set("TZ", before);
    }
  };
}

const header = (lines: string[]): string[] => lines[0].split(/ {2,}/);

Deno.test(
  "event list at 200/120/80/40: DESTS and START go before the title is cut; ids stay whole",
  inZone("America/New_York", () =>
    withMock({}, async (mock) => {
      const seen = await atWidths(mock, ["event", "list"]);
      assert.deepEqual(header(seen.get(200)!.lines), ["ID", "STATUS", "TITLE", "START", "DESTS"]);
      assert.deepEqual(header(seen.get(120)!.lines), ["ID", "STATUS", "TITLE", "START", "DESTS"]);
      assert.match(seen.get(120)!.lines[1], / \d{4}-\d\d-\d\d \d\d:\d\d E[SD]T {2}\d$/);
      // 80: the title is whole (the mock's longest, 25 characters) and the UUID too.
      assert.deepEqual(header(seen.get(80)!.lines), ["ID", "STATUS", "TITLE"]);
      assert.ok(seen.get(80)!.lines.some((l) => l.endsWith("  Hardware review (encoder)")));
      // 40: a whole UUID leaves no room for a readable title; it is left out, nothing wraps.
      assert.deepEqual(header(seen.get(40)!.lines), ["ID"]);
      for (const [width, { lines }] of seen) {
        for (const line of lines.slice(1)) assert.match(line, UUID, `${width}: ${line}`);
        if (width >= 80) assert.ok(!lines.join("\n").includes("…"), `${width}: nothing cut`);
      }
    })),
);

Deno.test(
  "storage list at 200/120/80/40: units never cut, the title kept at 20 while STATUS and SIZE show",
  inZone("America/New_York", () =>
    withMock({}, async (mock) => {
      const seen = await atWidths(mock, ["storage", "list"]);
      const wide = seen.get(200)!.lines;
      assert.deepEqual(header(wide), ["ID", "TITLE", "STATUS", "SIZE", "DURATION", "CREATED"]);
      // Still processing or failed: no duration (not `0:00`).
      assert.match(
        wide.find((l) => l.includes("Processing"))!,
        /Processing {2}52\.4 MB +\d{4}-/,
      );
      assert.match(wide.find((l) => l.includes("Failed"))!, /Failed +1\.0 kB +\d{4}-/);
      assert.ok(wide.some((l) => / 2:01:00 /.test(l)));
      assert.deepEqual(header(seen.get(80)!.lines), ["ID", "TITLE", "STATUS", "SIZE"]);
      for (const [width, { lines }] of seen) {
        const text = lines.join("\n");
        assert.doesNotMatch(text, /\d\.\d*…|\d [kMG]?B?…/, `${width}: a unit was cut`);
        for (const line of lines.slice(1)) assert.match(line, UUID);
        const title = lines[1].slice(38).split(/ {2,}/)[0];
        if (header(lines).length > 2) assert.ok(displayWidth(title) >= 20, `${width}: ${title}`);
      }
    })),
);

Deno.test(
  "event chat at 200/120/80/40: the message text is what stays; a page hint after the table",
  inZone("America/New_York", () =>
    withMock({}, async (mock) => {
      const seen = await atWidths(mock, ["event", "chat", LIVE_EVENT, "--page-size", "3"]);
      assert.deepEqual(header(seen.get(200)!.lines), [
        "TIME",
        "PLATFORM",
        "CHANNEL",
        "AUTHOR",
        "TEXT",
      ]);
      assert.deepEqual(header(seen.get(80)!.lines), ["TIME", "PLATFORM", "AUTHOR", "TEXT"]);
      assert.ok(seen.get(80)!.lines.some((l) => l.endsWith("  first time here, love the stream")));
      assert.deepEqual(header(seen.get(40)!.lines), ["TIME", "TEXT"]);
      for (const { lines, stderr } of seen.values()) {
        assert.match(lines[1], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T {2}/);
        assert.equal(stderr, "more messages: use --all for every page\n");
      }
    })),
);

Deno.test(
  "servers fits 80 columns with every RTMP URL whole",
  inZone("America/New_York", () =>
    withMock({}, async (mock) => {
      const seen = await atWidths(mock, ["servers"]);
      for (const width of [80, 40]) {
        const { lines } = seen.get(width)!;
        for (const line of lines) assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
        assert.ok(lines.some((l) => l.includes("  rtmp://live.restream.io/live")), `${width}`);
      }
      assert.deepEqual(header(seen.get(80)!.lines), ["ID", "NAME", "RTMP URL", "LOCATION"]);
    })),
);
