/**
 * Download file names from untrusted servers and titles (SPEC.md, "Hostile input", "Files").
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { downloadToFile } from "../src/download.ts";
import { safeName, suggestedFileName } from "../src/file_names.ts";

const bytes = (text: string): number => new TextEncoder().encode(text).length;
const graphemes = (text: string): string[] =>
  [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) =>
    s.segment
  );

Deno.test("safeName: a 200-character CJK name is cut to 255 bytes between characters, extension kept", () => {
  const name = safeName(`${"字".repeat(200)}.mp4`)!;
  assert.equal(name, `${"字".repeat(83)}.mp4`);
  assert.ok(bytes(name) <= 255);
  assert.equal(safeName(name), name, "idempotent");
});

Deno.test("safeName: emoji are never cut in half, not even a family of joined code points", () => {
  const family = "👨‍👩‍👧‍👦"; // 7 code points, 25 bytes, one grapheme
  const name = safeName(`${family.repeat(20)}.mov`)!;
  assert.ok(bytes(name) <= 255, String(bytes(name)));
  assert.ok(name.endsWith(".mov"));
  const stem = graphemes(name.slice(0, -4));
  assert.equal(stem.length, 10);
  assert.ok(stem.every((g) => g === family));
  // A combining accent stays with its letter.
  const accented = safeName(`${"e\u0301".repeat(200)}.txt`)!;
  assert.ok(graphemes(accented.slice(0, -4)).every((g) => g === "e\u0301"));
  assert.ok(bytes(accented) <= 255);
});

Deno.test("safeName: an extension over 16 bytes is not kept whole; the name still fits", () => {
  const name = safeName(`${"a".repeat(300)}.${"x".repeat(20)}`)!;
  assert.equal(bytes(name), 255);
  assert.equal(name, "a".repeat(255));
  assert.equal(safeName(`${"a".repeat(300)}.tar.gz`), `${"a".repeat(252)}.gz`);
});

Deno.test("safeName: C0, C1 and bidi controls become '_'", () => {
  assert.equal(safeName("evil\u202Egpj.exe"), "evil_gpj.exe");
  assert.equal(safeName("a\u2066b\u2069c\u200fd"), "a_b_c_d");
  assert.equal(safeName("clear\u009b2Jscreen.txt"), "clear_2Jscreen.txt");
  assert.equal(safeName("osc\u001b]52;c;eA==\u0007.txt"), "osc_]52;c;eA==_.txt");
  assert.equal(safeName("line\u2028break\u0085.txt"), "line_break_.txt");
  assert.equal(safeName("tab\there"), "tab_here");
});

Deno.test("safeName: Windows device names get a leading '_', any case, with or without extension", () => {
  for (const name of ["CON", "prn", "Aux", "nul", "COM1", "com9", "LPT1", "lpt9"]) {
    assert.equal(safeName(name), `_${name}`);
    assert.equal(safeName(`${name}.txt`), `_${name}.txt`);
    assert.equal(safeName(`${name}.tar.gz`), `_${name}.tar.gz`);
  }
  for (const name of ["COM0", "LPT10", "CONSOLE.txt", "nullable", "auxiliary.mp4", "my con.txt"]) {
    assert.equal(safeName(name), name);
  }
});

Deno.test("suggestedFileName: a long title plus the server's extension still fits 255 bytes", () => {
  const response = new Response(null, { headers: { "content-type": "video/mp4" } });
  const name = suggestedFileName(response, "題".repeat(120), { url: "https://h/export" });
  assert.ok(bytes(name) <= 255);
  assert.ok(name.endsWith(".mp4"));
  assert.equal(
    suggestedFileName(response, "x", { url: "https://h/a/nul.mp4" }),
    "_nul.mp4",
  );
});

Deno.test("downloadToFile: a 200-character CJK name from Content-Disposition is written", async () => {
  const title = `${"字".repeat(200)}.mp4`;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () =>
      new Response("video", {
        headers: {
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(title)}`,
        },
      }),
  );
  const dir = await Deno.makeTempDir();
  try {
    const result = await downloadToFile(
      `http://127.0.0.1:${server.addr.port}/file`,
      (response, url) => join(dir, suggestedFileName(response, "video", { url })),
    );
    assert.equal(result.path, join(dir, `${"字".repeat(83)}.mp4`));
    assert.equal(await Deno.readTextFile(result.path), "video");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [`${"字".repeat(83)}.mp4`]);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
