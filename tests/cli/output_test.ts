import assert from "node:assert/strict";
import { Output } from "../../src/cli/output.ts";
import { safeWriter } from "../../src/cli/terminal_safe.ts";
import { fitLine } from "../../src/cli/width.ts";

function capture(options: { terminal?: number; color?: boolean; json?: boolean }) {
  let stdout = "";
  let stderr = "";
  const output = new Output({
    json: options.json ?? false,
    isTerminal: options.terminal !== undefined,
    color: options.color ?? true,
    columns: options.terminal,
    // As a run wires it (context.ts): the writers render the CLI's own colour codes.
    stdout: safeWriter({ write: (t) => void (stdout += t) }),
    stderr: safeWriter({ write: (t) => void (stderr += t) }),
  });
  return { output, out: () => stdout, err: () => stderr };
}

const rows = [{ id: 1, name: "日本語の名前" }, { id: 22, name: "plain" }];
const columns = [
  { header: "ID", value: (r: { id: number }) => String(r.id) },
  { header: "NAME", value: (r: { name: string }) => r.name },
];

Deno.test("terminal tables align wide characters by display width", () => {
  const { output, out } = capture({ terminal: 80, color: false });
  output.printTable(rows, columns);
  assert.equal(out(), "ID  NAME\n1   日本語の名前\n22  plain\n");
});

Deno.test("colour on a terminal only, never when piped or disabled", () => {
  const tty = capture({ terminal: 80, color: true });
  tty.output.printTable(rows, columns);
  assert.ok(tty.out().includes("\x1b[1m"), "bold header on a terminal");

  const piped = capture({ color: true });
  piped.output.printTable(rows, columns);
  assert.ok(!piped.out().includes("\x1b["));

  const noColor = capture({ terminal: 80, color: false });
  noColor.output.printBlock([["Name", "x"]]);
  assert.equal(noColor.out(), "Name: x\n");
});

Deno.test("piped tables are tab-separated; tabs and newlines inside cells are flattened", () => {
  const { output, out } = capture({});
  output.printTable([{ id: 1, name: "a\tb\nc" }], columns);
  assert.equal(out(), "ID\tNAME\n1\ta b c\n");
});

Deno.test("blocks align keys and leave out undefined values", () => {
  const { output, out } = capture({ color: false });
  output.printBlock([["ID", "7"], ["Display name", "Kick 🎮"], ["Missing", undefined]]);
  assert.equal(out(), "ID:           7\nDisplay name: Kick 🎮\n");
});

Deno.test("printList and printObject choose JSON under --json, keeping every field", () => {
  const { output, out } = capture({ json: true });
  output.printList([{ id: 1, extra: { deep: true } }], [{ header: "ID", value: () => "" }]);
  assert.deepEqual(JSON.parse(out()), [{ id: 1, extra: { deep: true } }]);
});

Deno.test("fitLine counts wide characters and never splits one", () => {
  assert.equal(fitLine("日本語の名前", 7), "日本語…");
  assert.equal(fitLine("short", 10), "short");
});

Deno.test("a table written page by page keeps the first page's layout; ids are never cut", () => {
  const { output, out } = capture({ terminal: 30, color: false });
  const table = output.table<{ id: string; title: string }>([
    { header: "ID", value: (r) => r.id, keep: true },
    { header: "TITLE", value: (r) => r.title },
  ]);
  table.push([{ id: "0123456789abcdef", title: "short" }]);
  table.push([{ id: "fedcba9876543210", title: "a title far too long for the column" }]);
  table.end();
  assert.equal(
    out(),
    "ID                TITLE\n0123456789abcdef  short\nfedcba9876543210  a ti…\n",
  );
});

Deno.test("an empty table still has its header, on a terminal and piped", () => {
  const tty = capture({ terminal: 80, color: false });
  tty.output.printTable<{ id: number; name: string }>([], columns);
  assert.equal(tty.out(), "ID  NAME\n");
  const piped = capture({});
  piped.output.table<{ id: number; name: string }>(columns).end();
  assert.equal(piped.out(), "ID\tNAME\n");
});

Deno.test("notices and block values are one terminal-safe line", () => {
  const { output, out, err } = capture({ terminal: 80, color: false });
  output.notice("warning: skipped a malformed message: a\nb\x1b[2J\u2028c\x1b]52;c;eA==\x07");
  output.printBlock([["Title", "x\r\ny\u009b2J\u202ez"]]);
  assert.equal(err(), "warning: skipped a malformed message: a b c\n");
  assert.equal(out(), "Title: x y\\u202ez\n");
});
