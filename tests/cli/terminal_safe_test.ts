import assert from "node:assert/strict";
import { createStyle, ownSequence } from "../../src/cli/style.ts";
import { safeWriter, singleLine, terminalSafe } from "../../src/cli/terminal_safe.ts";
import { displayWidth, fitLine } from "../../src/cli/width.ts";

/** No raw C0 but tab/LF/CR, no DEL/C1, no bidi control. */
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

Deno.test("escape sequences are removed whole: OSC 52, CSI 2J, OSC 8, DCS, APC, 8-bit CSI", () => {
  const cases: Array<[string, string]> = [
    // OSC 52 writes the clipboard; BEL-terminated and ST-terminated.
    ["hi\x1b]52;c;cm0gLXJmIH4=\x07 there", "hi there"],
    ["hi\x1b]52;c;cm0gLXJmIH4=\x1b\\ there", "hi there"],
    ["a\u009d52;c;eA==\u009cb", "ab"],
    // Clear the screen, move the cursor, colour.
    ["a\x1b[2Jb\x1b[1;1Hc\x1b[31md\x1b[0m", "abcd"],
    // An OSC 8 link: the text stays, the link does not.
    ["\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"],
    // One-byte CSI (U+009B).
    ["x\u009b2Jy", "xy"],
    // DCS, APC, PM, SOS strings.
    ["a\x1bPq#0;2;0;0;0\x1b\\b\x1b_apc\x1b\\c\x1b^pm\x1b\\d\x1bXsos\x1b\\e", "abcde"],
    // Short sequences: reset the terminal (RIS), switch charset.
    ["a\x1bcb\x1b(0c", "abc"],
  ];
  for (const [input, expected] of cases) assert.equal(terminalSafe(input), expected, input);
});

Deno.test("other controls and bidi overrides are shown as \\uXXXX; tab, LF, CR and marks stay", () => {
  assert.equal(
    terminalSafe("a\x00b\x07c\x08d\x7fe\u0085f"),
    "a\\u0000b\\u0007c\\u0008d\\u007fe\\u0085f",
  );
  assert.equal(terminalSafe("evil\u202egpj.exe"), "evil\\u202egpj.exe");
  for (
    const bidi of ["\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
  ) {
    assert.ok(!RAW_CONTROL.test(terminalSafe(`x${bidi}y`)), bidi.codePointAt(0)!.toString(16));
  }
  // Left-to-right, right-to-left and Arabic letter marks are ordinary text.
  assert.equal(terminalSafe("a\u200eb\u200fc\u061cd"), "a\u200eb\u200fc\u061cd");
  assert.equal(terminalSafe("tab\there\nline\r\n"), "tab\there\nline\r\n");
  assert.equal(terminalSafe("日本語 🎮 café"), "日本語 🎮 café");
});

Deno.test("every C0, DEL and C1 control is neutralised, alone or at the end", () => {
  for (let code = 0; code <= 0x9f; code++) {
    if ((code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    const char = String.fromCharCode(code);
    for (const text of [`a${char}b`, `a${char}`, char]) {
      const safe = terminalSafe(text);
      assert.ok(!RAW_CONTROL.test(safe), `U+${code.toString(16)} in ${JSON.stringify(text)}`);
    }
  }
});

Deno.test("a sequence that never ends is shown escaped, and the text after it stays", () => {
  assert.equal(terminalSafe("a\x1b]52;c;eA== rest"), "a\\u001b]52;c;eA== rest");
  assert.equal(terminalSafe("a\x1bPdata"), "a\\u001bPdata");
  assert.equal(terminalSafe("end\x1b"), "end\\u001b");
  // A CSI cut short: what was read is dropped, nothing is left to start a sequence.
  assert.equal(terminalSafe("a\x1b[12"), "a");
  // Cancelled by CAN: the string ends there, CAN itself is shown.
  assert.equal(terminalSafe("a\x1b]0;t\x18b"), "a\\u0018b");
});

Deno.test("single-line places: tab, CR, LF, NEL, LS and PS become one space", () => {
  for (const breaker of ["\t", "\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029"]) {
    assert.equal(
      terminalSafe(`a${breaker}b`, { singleLine: true }),
      "a b",
      JSON.stringify(breaker),
    );
    assert.equal(singleLine(`a${breaker}b`), "a b");
  }
});

Deno.test("truncation never splits an escape shown as \\uXXXX, a wide character or an emoji", () => {
  // The cell is made safe first, then cut: the escape is gone, the visible \u202e is whole.
  const cell = singleLine("ab\x1b]52;c;AAAA\x07cd\u202eefgh");
  assert.equal(cell, "abcd\\u202eefgh");
  for (let width = 1; width <= displayWidth(cell); width++) {
    const cut = fitLine(cell, width);
    assert.ok(displayWidth(cut) <= width, `${width}: ${cut}`);
    assert.ok(!/\\u[0-9a-f]{0,3}(…|$)/.test(cut), `escape split at ${width}: ${cut}`);
  }
  assert.equal(fitLine("日本語の名前", 5), "日本…");
  assert.equal(fitLine("👩‍💻👩‍💻👩‍💻", 5), "👩‍💻👩‍💻…");
  assert.equal(fitLine("🇫🇷🇩🇪", 3), "🇫🇷…");
});

Deno.test("fitLine (--live) keeps the CLI's colour whole and never cuts a character", () => {
  const style = createStyle(true);
  const line = `${style.bold("encoder")}  ${style.green("日本語のチャンネル")} 🎮🎮 end`;
  for (let width = 2; width < displayWidth(line); width++) {
    const fitted = fitLine(line, width);
    assert.ok(displayWidth(fitted) <= width, `${width}: ${fitted}`);
    // Every colour opened is closed: the markers after the cut are kept.
    const out = render(fitted);
    assert.equal(out.split("\x1b[1m").length, out.split("\x1b[22m").length, out);
    assert.equal(out.split("\x1b[32m").length, out.split("\x1b[39m").length, out);
  }
  assert.equal(fitLine("short", 10), "short");
});

Deno.test("the output writer keeps only the CLI's own codes: forged escapes are removed", () => {
  const style = createStyle(true);
  const hostile = "\x1b[31mred\x1b[0m\x1b]52;c;eA==\x07";
  const text = `${style.cyan("nick")}: ${hostile} ${ownSequence("[K")}`;
  assert.equal(render(text), "\x1b[36mnick\x1b[39m: red \x1b[K");
  // Something that looks like a marker but lacks this process's nonce is plain text.
  assert.equal(render("\ue000000000000000[2J\ue001"), "\ue000000000000000[2J\ue001");
  // With secrets masked first (stderr).
  let err = "";
  safeWriter({ write: (t) => void (err += t) }, (t) => t.replace("s3cret", "***"))
    .write("token s3cret\x1b[2J");
  assert.equal(err, "token ***");
});

function render(text: string): string {
  let out = "";
  safeWriter({ write: (t) => void (out += t) }).write(text);
  return out;
}

Deno.test("a run's stdout and stderr are safe whatever writes to them; stderr masks secrets", async () => {
  const { CliContext } = await import("../../src/cli/context.ts");
  const { clearSecrets, registerSecret } = await import("../../src/http/mask.ts");
  let stdout = "";
  let stderr = "";
  const ctx = new CliContext({
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t) },
    stdoutIsTerminal: true,
    stdinIsTerminal: false,
    env: () => undefined,
  });
  registerSecret("refresh-token-123");
  // Code that forgot every helper and wrote straight to the streams.
  ctx.io.stdout.write("a\x1b]52;c;eA==\x07b\u009b2J\u202ec\n");
  ctx.io.stderr.write("echo refresh-token-123 \x1b[2J\n");
  assert.equal(stdout, "ab\\u202ec\n");
  assert.equal(stderr, "echo *** \n");
  // stdout keeps what it prints on purpose (a stream key, a token): only stderr masks.
  ctx.io.stdout.write("refresh-token-123\n");
  assert.ok(stdout.endsWith("refresh-token-123\n"));
  clearSecrets();
});
