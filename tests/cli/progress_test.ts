import assert from "node:assert/strict";
import { formatBytes, formatDuration, renderProgress } from "../../src/cli/progress.ts";
import { displayWidth } from "../../src/cli/width.ts";

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

Deno.test("renderProgress shows the file name, the speed and the time left", () => {
  // 2 MB of 10 MB in 2 s: 1 MB/s, 8 s left.
  const line = renderProgress("Speedrun Friday #41.mp4", 2_000_000, 10_000_000, 100, 2000);
  assert.ok(displayWidth(line) <= 100, line);
  assert.match(
    line,
    /^Speedrun Friday #41\.mp4 \[#+-+\] {2}20% {2}2\.0 MB \/ 10\.0 MB {2}1\.0 MB\/s {2}0:08 left$/,
  );
  // Unknown total: the speed, no time left.
  assert.equal(
    renderProgress("chat.csv", 3_000_000, undefined, 80, 1000),
    "chat.csv  3.0 MB  3.0 MB/s",
  );
  // Too early to say: neither.
  assert.doesNotMatch(renderProgress("a.mp4", 10, 100, 80, 100), /\/s|left/);
  // A wide name is cut by display width, not by code units.
  const wide = renderProgress("カフェ・ルミエール第十二話の録画ファイル.mp4", 1, 2, 60, 1000);
  assert.ok(displayWidth(wide) <= 60, wide);
});

Deno.test("formatDuration: m:ss, then h:mm:ss", () => {
  assert.equal(formatDuration(5), "0:05");
  assert.equal(formatDuration(754), "12:34");
  assert.equal(formatDuration(3723), "1:02:03");
});
