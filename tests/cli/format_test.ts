import assert from "node:assert/strict";
import { formatTableTime, formatTime } from "../../src/cli/format.ts";
import { outputWithin } from "../support/deadline.ts";

const SECONDS = 1795629592; // 2026-11-25T17:59:52Z

Deno.test("Unix seconds, milliseconds and ISO strings of one instant print alike; null prints nothing", () => {
  const printed = formatTime(SECONDS);
  assert.match(printed, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal(formatTime(SECONDS * 1000), printed);
  assert.equal(formatTime(String(SECONDS)), printed);
  assert.equal(formatTime(new Date(SECONDS * 1000).toISOString()), printed);
  assert.equal(formatTime("2026-11-25T18:59:52+01:00"), printed);
  assert.equal(formatTableTime(SECONDS), printed.slice(0, 16));
  assert.equal(formatTime(null), "");
  assert.equal(formatTime("soon"), "soon", "unreadable values are shown as sent");
});

Deno.test("times are shown in the local time zone, not UTC", async () => {
  const format = new URL("../../src/cli/format.ts", import.meta.url).href;
  const script = `const { formatTime } = await import(${JSON.stringify(format)});` +
    `console.log(formatTime(${SECONDS}));`;
  const output = await outputWithin(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { TZ: "Asia/Kathmandu" }, // UTC+05:45: no chance of matching UTC by accident
    stdout: "piped",
    stderr: "inherit",
  });
  assert.equal(new TextDecoder().decode(output.stdout), "2026-11-25 23:44:52\n");
});
