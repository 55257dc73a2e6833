import assert from "node:assert/strict";
import { formatBytes, renderProgress } from "../../src/cli/progress.ts";

Deno.test("formatBytes uses decimal units", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(999), "999 B");
  assert.equal(formatBytes(1500), "1.5 kB");
  assert.equal(formatBytes(12_500_000), "12.5 MB");
  assert.equal(formatBytes(1_200_000_000), "1.20 GB");
});

Deno.test("renderProgress fits the width and shows the percentage", () => {
  const line = renderProgress("a-very-long-label-for-a-file.mp4", 50, 200, 60);
  assert.ok(line.length <= 60, line);
  assert.match(line, / 25% {2}50 B \/ 200 B$/);
  assert.match(line, /\[#+-+\]/);
  assert.match(renderProgress("x", 2000, undefined, 60), /^x {2}2\.0 kB$/);
  assert.match(renderProgress("x", 300, 200, 60), /100%/, "never over 100%");
});
