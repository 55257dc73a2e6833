/**
 * End to end with a hostile API (SPEC.md, "Hostile input"): strings planted in the mock's
 * data, error bodies and chat carry OSC 52 (clipboard write), ESC [2J (clear screen), OSC 8
 * links, the one-byte CSI U+009B, U+202E and line breaks. Human output, piped and in a real
 * pseudo-terminal, shows the printable text and no escape but the CLI's own colours; `--json`
 * gives back exactly what the API sent, with no raw C1, U+2028/2029 or bidi control.
 */

import assert from "node:assert/strict";
import type { MockServer } from "../../src/mock/types.ts";
import { call } from "../support/mock.ts";
import { withE2e } from "../support/e2e.ts";
import { runProcess } from "../support/subprocess.ts";
import { runInTerminal } from "../support/pty.ts";
import { waitUntil } from "../support/deadline.ts";

/** Every trick at once; "Evil", "txt.exe", "link" and "next" are the printable parts. */
const HOSTILE = "Evil\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J\u009b31m\u202etxt.exe " +
  "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\r\nnext\u2028\u0085\x1bc";

/** What must never reach output: ESC, C1, bidi controls; raw U+2028/2029 too in JSON. */
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const RAW_IN_JSON = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** The CLI's own codes: colours, the progress bar's clear-line, the live view's redraw. */
// deno-lint-ignore no-control-regex
const OWN_CODES = /\x1b\[(?:[0-9;]*m|K|J|\d+F)/g;

/** Asserts text has no control but the CLI's own codes (`own` allowed on a terminal). */
function assertSafe(text: string, what: string, own = false): void {
  const rest = own ? text.replace(OWN_CODES, "") : text;
  const found = RAW_CONTROL.exec(rest);
  assert.equal(
    found,
    null,
    `${what}: raw U+${found?.[0].charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`,
  );
}

async function plant(mock: MockServer): Promise<void> {
  mock.control.setData("channels.0.displayName", HOSTILE);
  mock.control.setData("profile.username", HOSTILE);
  mock.control.setData("platforms.0.name", HOSTILE);
  // Over HTTP too, as a script would.
  const response = await fetch(`${mock.apiUrl}/__mock/data`, {
    method: "POST",
    body: JSON.stringify({ path: "events.0.event.title", value: HOSTILE }),
  });
  assert.equal(response.status, 200, await response.text());
}

Deno.test("e2e: hostile strings in tables and blocks are shown safe when piped; --json round-trips", async () => {
  await withE2e(async ({ mock, run }) => {
    await plant(mock);
    const channelId = (await call(mock, "/v2/user/channel/all")).json[0].id;
    for (
      const args of [["channel", "list"], ["channel", "get", String(channelId)], ["profile"], [
        "platforms",
      ], ["event", "list"]]
    ) {
      const result = await run(args);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assertSafe(result.stdout, args.join(" "));
      assertSafe(result.stderr, args.join(" "));
      assert.match(result.stdout, /Evil.*txt\.exe.*link next/, args.join(" "));
      // One line per row or key: the planted CR LF did not start a line of its own.
      assert.ok(!/^next/m.test(result.stdout), result.stdout);

      const json = await run([...args, "--json"]);
      assert.equal(json.code, 0, json.stderr);
      assert.ok(!RAW_IN_JSON.test(json.stdout), json.stdout);
      assert.ok(!json.stdout.includes("\x1b"), "ESC is escaped in JSON");
      assert.ok(JSON.stringify(JSON.parse(json.stdout)).includes(JSON.stringify(HOSTILE)));
    }
    const channels = await run(["channel", "list", "--json"]);
    assert.equal(JSON.parse(channels.stdout)[0].displayName, HOSTILE, "data kept exactly");
  });
});

Deno.test("e2e: a hostile error body is one safe line; the --json error round-trips", async () => {
  await withE2e(async ({ mock, run }) => {
    for (const json of [false, true]) {
      mock.control.failNext("GET /v2/user/profile", {
        status: 409,
        json: { message: HOSTILE },
      });
      const result = await run(["profile", ...(json ? ["--json"] : [])]);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /409/);
      assert.equal(result.stdout, "");
      if (json) {
        assert.ok(!RAW_IN_JSON.test(result.stderr), result.stderr);
        const message: string = JSON.parse(result.stderr).error.message;
        assert.ok(message.includes("\u009b31m\u202etxt.exe"), "the data is kept in --json");
      } else {
        assertSafe(result.stderr, "error");
        assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
        assert.match(result.stderr, /^error: Evil.*txt\.exe/);
      }
    }
  });
});

Deno.test({
  name:
    "e2e: in a real terminal, a hostile chat message cannot write the clipboard or clear the screen",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    await withE2e(async ({ mock, env }) => {
      await plant(mock);
      // `script` gives the CLI a pseudo-terminal: stdout.isTerminal() is true, colour is on.
      const chatEnv = { ...env(), RESTREAM_CHAT_WS_URL: mock.chatWsUrl };
      const chat = pty(["monitor", "chat", "--duration", "4"], chatEnv);
      // And piped with --json at the same time: NDJSON keeps the message exactly.
      const ndjson = runProcess(["monitor", "chat", "--duration", "4", "--json"], { env: chatEnv });
      await waitUntil(
        "chat connections",
        () => mock.control.counters().connections.chat >= 2,
        15_000,
      );
      const message = {
        action: "event",
        timestamp: Math.floor(Date.now() / 1000),
        payload: {
          eventSourceId: 2,
          eventTypeId: 4,
          eventPayload: { author: { displayName: HOSTILE, name: "x" }, text: `say ${HOSTILE}` },
        },
      };
      mock.control.pushChat(message);
      const [out, lines] = await Promise.all([chat, ndjson]);
      assert.equal(lines.code, 0, lines.stderr);
      assert.ok(!RAW_IN_JSON.test(lines.stdout), lines.stdout);
      const parsed = lines.stdout.trim().split("\n").map((line) => JSON.parse(line));
      assert.deepEqual(parsed.find((m) => m.action === "event"), message);
      assert.equal(out.code, 0, out.text);
      assertSafe(out.text, "monitor chat in a pty", true);
      // deno-lint-ignore no-control-regex
      assert.match(out.text, /\x1b\[36mEvil.*txt\.exe.*link next\x1b\[39m: say Evil/);

      const table = await pty(["channel", "list"], env());
      assert.equal(table.code, 0, table.text);
      assertSafe(table.text, "channel list in a pty", true);
      assert.match(table.text, /Evil/);
    });
  },
});

/** Runs the CLI on a 120-column terminal, in colour; everything it printed, and its code. */
async function pty(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; text: string }> {
  const terminal = { ...env, NO_COLOR: "", TERM: "xterm-256color" };
  const result = await runInTerminal(args, terminal, { columns: 120 });
  return { code: result.code, text: result.stdout + result.stderr };
}
