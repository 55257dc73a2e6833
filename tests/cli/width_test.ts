import assert from "node:assert/strict";
import {
  clusterWidth,
  displayWidth,
  fitLine,
  graphemes,
  sliceToWidth,
} from "../../src/cli/width.ts";

Deno.test("ASCII counts one cell a character; controls count nothing", () => {
  assert.equal(displayWidth(""), 0);
  assert.equal(displayWidth("plain text 123"), 14);
  assert.equal(displayWidth("a\x00b\x7f"), 2);
});

Deno.test("ANSI colour codes count nothing", () => {
  assert.equal(displayWidth("\x1b[1mbold\x1b[22m"), 4);
  assert.equal(displayWidth("\x1b[36m日本\x1b[39m"), 4);
});

Deno.test("CJK, kana, Hangul and fullwidth forms count two; halfwidth kana one", () => {
  assert.equal(displayWidth("日本語の名前"), 12);
  assert.equal(displayWidth("カタカナ"), 8);
  assert.equal(displayWidth("한국어"), 6);
  // Hangul written as Jamo: one syllable, one cluster, two cells.
  assert.equal(displayWidth("\u1100\u1161\u11a8"), 2);
  assert.equal(displayWidth("ＡＢＣ"), 6);
  assert.equal(displayWidth("ｱｲｳ"), 3);
  assert.equal(displayWidth("\u3000"), 2, "ideographic space");
  assert.equal(displayWidth("𠀀"), 2, "CJK extension B (astral)");
  assert.equal(displayWidth("中a文b"), 6);
});

Deno.test("combining accents ride on their base character", () => {
  assert.equal(displayWidth("e\u0301"), 1);
  assert.equal(displayWidth("Ame\u0301lie\u0308"), 6);
  assert.equal(displayWidth("Z\u0351\u036b\u0343\u036a"), 1, "stacked marks");
  assert.equal(displayWidth("\u0301"), 0, "a mark on its own");
  assert.equal(displayWidth("Café"), 4, "precomposed");
});

Deno.test("emoji count two: presentation, VS16, ZWJ sequences, skin tones, flags, keycaps", () => {
  assert.equal(displayWidth("🎮"), 2);
  assert.equal(displayWidth("Kick 🎮"), 7);
  assert.equal(displayWidth("❤️"), 2, "text symbol made emoji by VS16");
  assert.equal(displayWidth("👍🏽"), 2, "skin tone");
  assert.equal(displayWidth("👩‍💻"), 2, "ZWJ sequence");
  assert.equal(displayWidth("👨‍👩‍👧‍👦"), 2, "family ZWJ sequence");
  assert.equal(displayWidth("🏳️‍🌈"), 2, "flag ZWJ sequence with VS16");
  assert.equal(displayWidth("🇯🇵🇺🇸"), 4, "two regional-indicator flags");
  assert.equal(displayWidth("1️⃣"), 2, "keycap");
  assert.equal(displayWidth("⌚"), 2, "BMP emoji presentation");
});

Deno.test("symbols drawn as text by default count one", () => {
  assert.equal(displayWidth("©®™"), 3);
  assert.equal(displayWidth("❤"), 1);
  assert.equal(displayWidth("☺"), 1);
  assert.equal(displayWidth("…½→"), 3);
});

Deno.test("zero-width format characters and lone variation selectors count nothing", () => {
  assert.equal(displayWidth("a\u200bb"), 2, "zero-width space");
  assert.equal(displayWidth("\u200d"), 0, "lone ZWJ");
  assert.equal(displayWidth("\ufeff"), 0, "BOM");
  assert.equal(clusterWidth("\ufe0f"), 0, "lone VS16");
  assert.equal(clusterWidth(""), 0);
});

Deno.test("graphemes keeps ZWJ sequences, flags and accents whole", () => {
  assert.deepEqual(graphemes("a👩‍💻🇯🇵e\u0301"), ["a", "👩‍💻", "🇯🇵", "e\u0301"]);
});

Deno.test("sliceToWidth and fitLine cut between whole clusters, counting cells", () => {
  assert.equal(sliceToWidth("日本語", 5), "日本");
  assert.equal(sliceToWidth("abc", 0), "");
  assert.equal(sliceToWidth("👩‍💻👩‍💻x", 3), "👩‍💻");
  assert.equal(fitLine("👩‍💻👩‍💻👩‍💻", 4), "👩‍💻…");
  assert.equal(fitLine("🇯🇵🇺🇸🇫🇷", 5), "🇯🇵🇺🇸…");
  assert.equal(fitLine("cafe\u0301 au lait", 5), "cafe\u0301…");
  assert.equal(fitLine("日本語の名前", 7), "日本語…");
  assert.equal(fitLine("short", 5), "short");
});
