/**
 * Display width of text in a terminal, for aligning tables and `Key: value` blocks: how many
 * cells a string takes, counted per grapheme cluster (what the user sees as one character).
 *
 * - ASCII and most scripts: 1 cell per cluster; combining accents ride along for free.
 * - East Asian Wide and Fullwidth characters (CJK, kana, Hangul, fullwidth forms): 2.
 * - Emoji: 2 when drawn as emoji: default emoji presentation (`🎮`), any cluster with the
 *   emoji variation selector U+FE0F (`❤️`, `1️⃣`), ZWJ sequences (`👩‍💻`), skin tones, flags
 *   (regional-indicator pairs). Symbols drawn as text by default (`©`, `™`, `☺` without
 *   U+FE0F) stay 1, as terminals draw them.
 * - Zero: controls, format characters (ZWJ, zero-width space, soft hyphen), combining marks
 *   and variation selectors that start a cluster of their own.
 * - ANSI colour codes are not shown, so they count nothing.
 *
 * Small and dependency-free on purpose: it is on the start-up path of every table.
 *
 * @module
 */

import { splitOwnSequences, stripAnsi } from "./style.ts";

/** Printable ASCII only: width is the length (the common case, kept fast). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The Unicode classes of {@link clusterWidth}; see {@link unicodeClasses}. */
interface UnicodeClasses {
  /** A cluster that starts with one of these takes no cell. */
  zeroWidth: RegExp;
  /** Drawn as emoji (two cells) without a variation selector. */
  emojiPresentation: RegExp;
  /** Pictographs: emoji-capable, or reserved for future emoji (these are drawn wide). */
  pictographic: RegExp;
  unassigned: RegExp;
}

let classes: UnicodeClasses | undefined;

/**
 * Built on first use: V8 builds a `\p{…}` class from Unicode data when the literal is
 * evaluated (~0.5 ms for these four), and most runs print only ASCII.
 */
function unicodeClasses(): UnicodeClasses {
  return classes ??= {
    zeroWidth: /^[\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u,
    emojiPresentation: /^[\p{Emoji_Presentation}\p{Regional_Indicator}]/u,
    pictographic: /^\p{Extended_Pictographic}/u,
    unassigned: /^\p{Cn}/u,
  };
}
const ZWJ = "\u200d";
const VS16 = "\ufe0f";

/** East Asian Wide (W) and Fullwidth (F) ranges outside the emoji blocks (EastAsianWidth.txt). */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation (ideographic space)
  [0x3041, 0x3247], // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK
  [0x3250, 0x33ff], // enclosed CJK (after the ambiguous circled numbers), CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4], // ideographic symbols
  [0x17000, 0x18cff], // Tangut, Khitan
  [0x1aff0, 0x1b2ff], // kana supplement and extensions, Nushu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3fffd], // CJK extensions B and later (planes 2 and 3)
];

let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of text: what a reader counts as characters. */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The number of terminal cells text takes; ANSI colour codes count nothing. */
export function displayWidth(text: string): number {
  const plain = stripAnsi(text);
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  let width = 0;
  for (const cluster of graphemes(plain)) width += clusterWidth(cluster);
  return width;
}

/** The cells one grapheme cluster takes: 0, 1 or 2. */
export function clusterWidth(cluster: string): number {
  const first = cluster.codePointAt(0);
  if (first === undefined) return 0;
  if (cluster.length > 1 && (cluster.includes(VS16) || isEmojiSequence(cluster))) return 2;
  const { zeroWidth, emojiPresentation, pictographic, unassigned } = unicodeClasses();
  if (zeroWidth.test(cluster)) return 0;
  if (emojiPresentation.test(cluster)) return 2;
  if (pictographic.test(cluster) && unassigned.test(cluster)) return 2;
  return isWide(first) ? 2 : 1;
}

/**
 * The longest prefix of text, in whole units, that fits in `width` cells: a grapheme cluster
 * (a ZWJ sequence or a flag is never split) or a control shown as `\uXXXX` by terminal
 * safety (never cut in half). Text without escape codes.
 */
export function sliceToWidth(text: string, width: number): string {
  let out = "";
  let used = 0;
  for (const unit of truncationUnits(text)) {
    used += unit.length === 6 && ESCAPED_UNIT.test(unit) ? 6 : clusterWidth(unit);
    if (used > width) break;
    out += unit;
  }
  return out;
}

/**
 * A line cut to `width` cells, ending in "…" when cut. The CLI's own colour codes are kept
 * whole (closing ones after the cut too, so colour never leaks) and count nothing.
 */
export function fitLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let out = "";
  let room = Math.max(0, width - 1);
  let cut = false;
  splitOwnSequences(line).forEach((part, i) => {
    if (i % 2 === 1) out += part;
    else if (!cut) {
      const piece = sliceToWidth(part, room);
      out += piece;
      room -= displayWidth(piece);
      if (piece.length < part.length) {
        out += "…";
        cut = true;
      }
    }
  });
  return out;
}

/** `\u001b` as terminal safety shows a control: one unit for truncation. */
const ESCAPED_UNIT = /^\\u[0-9a-f]{4}$/;

function truncationUnits(text: string): string[] {
  if (!text.includes("\\u")) return graphemes(text);
  return text.split(/(\\u[0-9a-f]{4})/).flatMap((part, i) =>
    i % 2 === 1 ? [part] : graphemes(part)
  );
}

/** A ZWJ sequence that joins pictographs (`👩‍💻`), drawn as one emoji. */
function isEmojiSequence(cluster: string): boolean {
  return cluster.includes(ZWJ) && unicodeClasses().pictographic.test(cluster);
}

function isWide(codePoint: number): boolean {
  if (codePoint < WIDE_RANGES[0][0]) return false;
  for (const [from, to] of WIDE_RANGES) {
    if (codePoint < from) return false;
    if (codePoint <= to) return true;
  }
  return false;
}
