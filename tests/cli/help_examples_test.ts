/**
 * Every EXAMPLES line of the help (issue 13) is a real invocation: run against the mock
 * server, in a scratch directory, each one succeeds. Monitors get a short `--duration` so the
 * test stays fast; the mock names recordings after the event's date, so that date is put into
 * the recording example; the few that cannot run unattended are listed with the reason.
 */

import assert from "node:assert/strict";
import { examplesOf } from "../../src/cli/help.ts";
import type { CommandSpec } from "../../src/cli/spec.ts";
import { ROOT } from "../../src/cli/tree.ts";
import { runCapture } from "../support/cli.ts";
import { withMock } from "../support/mock.ts";

/** The finished event of the mock that has recordings. */
const PAST = "f2156c8b-d3ba-4a54-b606-c77a78d335cc";

/** Examples that cannot run unattended, and why. */
const NOT_RUN: Record<string, string> = {
  "restream login": "opens a browser and waits for the user",
  "restream login --no-browser --port 0": "waits for the user to paste the address",
  "restream logout": "revokes the token the other examples use (run last below)",
  "restream auth refresh": "needs a stored login, not RESTREAM_TOKEN",
  "restream mock serve": "serves until stopped",
  "restream mock serve --port 0 > mock.env": "serves until stopped",
  "source mock.env && restream channel list": "a shell line",
};

/** Shell words of a simple command line: single quotes, `echo X |` as stdin. */
function words(line: string): { argv: string[]; stdin?: string } {
  let stdin: string | undefined;
  const piped = /^echo (\S+) \| (.*)$/.exec(line);
  if (piped) [stdin, line] = [`${piped[1]}\n`, piped[2]];
  const argv = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2].replace(/'/g, ""));
  return { argv: argv.slice(1), stdin };
}

function allExamples(): string[] {
  const out: string[] = [];
  const walk = (command: CommandSpec): void => {
    out.push(...examplesOf(command).filter((e) => !e.startsWith("#")));
    (command.subcommands ?? []).forEach(walk);
  };
  walk(ROOT);
  return [...new Set(out)];
}

Deno.test("every example in the help runs against the mock server", async () => {
  const dir = await Deno.makeTempDir();
  const cwd = Deno.cwd();
  Deno.chdir(dir);
  try {
    await withMock({ chatRatePerSecond: 20, streamingIntervalMs: 50 }, async (mock) => {
      const env = {
        RESTREAM_API_URL: mock.apiUrl,
        RESTREAM_STREAMING_WS_URL: mock.streamingWsUrl,
        RESTREAM_CHAT_WS_URL: mock.chatWsUrl,
        RESTREAM_TOKEN: mock.token,
        RESTREAM_CONFIG_DIR: `${dir}/config`,
      };
      const examples = allExamples();
      assert.ok(examples.length > 60, `${examples.length} examples`);
      const failed: string[] = [];
      const listed = await runCapture(["event", "recordings", PAST, "--json"], {
        env,
        fetch: (r) => fetch(r),
      });
      const recording: string = JSON.parse(listed.stdout).primaryVideos[0].fileName;
      for (const line of [...examples.filter((e) => e !== "restream logout"), "restream logout"]) {
        if (NOT_RUN[line] && line !== "restream logout") continue;
        let { argv, stdin } = words(line);
        argv = argv.map((word) => word.endsWith("_speedrun-41.mp4") ? recording : word);
        if (argv[0] === "monitor") {
          argv = [...argv.filter((_, i) => argv[i - 1] !== "--duration" && _ !== "--duration")];
          argv.push("--duration", "0.3");
        }
        const started = Date.now();
        const result = await runCapture(argv, { env, stdin, fetch: (r) => fetch(r) });
        if (Deno.env.get("DEBUG_EXAMPLES")) console.log(Date.now() - started, line);
        if (result.code !== 0) failed.push(`${line}: exit ${result.code}: ${result.stderr.trim()}`);
      }
      assert.deepEqual(failed, []);
    });
  } finally {
    Deno.chdir(cwd);
    await Deno.remove(dir, { recursive: true });
  }
});
