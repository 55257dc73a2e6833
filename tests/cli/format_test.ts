import assert from "node:assert/strict";
import { formatTableTime, formatTime } from "../../src/cli/format.ts";
import { outputWithin } from "../support/deadline.ts";

const SECONDS = 1795629592; // 2026-11-25T17:59:52Z

Deno.test("Unix seconds, milliseconds and ISO strings of one instant print alike; null prints nothing", () => {
  const printed = formatTime(SECONDS);
  assert.match(printed, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+$/);
  assert.equal(formatTime(SECONDS * 1000), printed);
  assert.equal(formatTime(String(SECONDS)), printed);
  assert.equal(formatTime(new Date(SECONDS * 1000).toISOString()), printed);
  assert.equal(formatTime("2026-11-25T18:59:52+01:00"), printed);
  assert.equal(formatTableTime(SECONDS), `${printed.slice(0, 16)}${printed.slice(19)}`);
  assert.equal(formatTime(null), "");
  assert.equal(formatTime("soon"), "soon", "unreadable values are shown as sent");
});

/** Formats in a child process whose TZ is `zone` (the zone is fixed when a process starts). */
async function inZone(zone: string, calls: string[]): Promise<string[]> {
  const format = new URL("../../src/cli/format.ts", import.meta.url).href;
  const script = `const f = await import(${JSON.stringify(format)});` +
    calls.map((call) => `console.log(f.${call});`).join("");
  const output = await outputWithin(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { TZ: zone },
    stdout: "piped",
    stderr: "inherit",
  });
  return new TextDecoder().decode(output.stdout).trimEnd().split("\n");
}

Deno.test("times are shown in the local time zone, not UTC, and say which zone", async () => {
  // UTC+05:45: no chance of matching UTC by accident; no abbreviation, so the offset.
  assert.deepEqual(await inZone("Asia/Kathmandu", [`formatTime(${SECONDS})`]), [
    "2026-11-25 23:44:52 +05:45",
  ]);
});

Deno.test("a zone's abbreviation where it has one, daylight saving time included; tables to the minute", async () => {
  const JULY = 1783000000; // 2026-07-02T13:46:40Z
  assert.deepEqual(
    await inZone("America/New_York", [
      `formatTime(${SECONDS})`,
      `formatTableTime(${SECONDS})`,
      `formatTableTime(${JULY})`,
      `formatClock(${SECONDS})`,
    ]),
    ["2026-11-25 12:59:52 EST", "2026-11-25 12:59 EST", "2026-07-02 09:46 EDT", "12:59:52"],
  );
  assert.deepEqual(await inZone("UTC", [`formatTableTime(${SECONDS})`]), ["2026-11-25 17:59 UTC"]);
  assert.deepEqual(await inZone("Europe/Berlin", [`formatTableTime(${SECONDS})`]), [
    "2026-11-25 18:59 +01:00",
  ]);
});
