/**
 * End-to-end runs against the project's mock server: one mock and one fresh config
 * directory per test, the real CLI as a subprocess with `RESTREAM_API_URL` pointing at the
 * mock, and small readers for the three output shapes (JSON, tab-separated tables,
 * `Key: value` blocks).
 */

import assert from "node:assert/strict";
import type { MockServer, MockServerOptions } from "../../src/mock/types.ts";
import { type ProcessResult, runProcess, spawnProcess } from "./subprocess.ts";
import { withMock } from "./mock.ts";
import { withTempDir } from "./temp_dir.ts";

/** Options of one run. */
export interface E2eRunOptions {
  /** The access token to send; the mock's ready token (every scope) by default. */
  token?: string;
  /** Text fed to stdin. */
  stdin?: string;
}

/** A mock server and the CLI pointed at it. */
export interface E2e {
  /** The running mock. */
  mock: MockServer;
  /** The config directory of every run (empty: no stored login). */
  configDir: string;
  /** The environment every run gets. */
  env(options?: E2eRunOptions): Record<string, string>;
  /** Runs `restream <args>`. */
  run(args: string[], options?: E2eRunOptions): Promise<ProcessResult>;
  /** Starts `restream <args>` with piped output (see {@link spawnProcess}). */
  spawn(args: string[], options?: E2eRunOptions): Promise<Deno.ChildProcess>;
  /** Runs `restream <args> --json`; asserts exit 0 and a quiet stderr; the parsed stdout. */
  json(args: string[], options?: E2eRunOptions): Promise<Any>;
  /** Runs `restream <args>` piped; asserts exit 0; the tab-separated table, header first. */
  table(args: string[], options?: E2eRunOptions): Promise<string[][]>;
  /** Runs `restream <args>` piped; asserts exit 0; the `Key: value` block as an object. */
  block(args: string[], options?: E2eRunOptions): Promise<Record<string, string>>;
}

// deno-lint-ignore no-explicit-any
type Any = any;

/** Runs `fn` with a fresh mock server and config directory; both are gone afterwards. */
export function withE2e(
  fn: (e2e: E2e) => Promise<void>,
  mockOptions: MockServerOptions = {},
): Promise<void> {
  return withTempDir((configDir) =>
    withMock(mockOptions, async (mock) => {
      const env = (options: E2eRunOptions = {}): Record<string, string> => ({
        RESTREAM_API_URL: mock.apiUrl,
        RESTREAM_TOKEN: options.token ?? mock.token,
        RESTREAM_CONFIG_DIR: configDir,
        // Times are shown with their zone: one fixed zone keeps the output known.
        TZ: "America/New_York",
      });
      const run = (args: string[], options: E2eRunOptions = {}): Promise<ProcessResult> =>
        runProcess(args, { env: env(options), stdin: options.stdin });
      const succeed = async (args: string[], options?: E2eRunOptions): Promise<string> => {
        const result = await run(args, options);
        assert.equal(result.code, 0, `restream ${args.join(" ")}: ${result.stderr}`);
        return result.stdout;
      };
      await fn({
        mock,
        configDir,
        env,
        run,
        spawn: (args, options = {}) => spawnProcess(args, { env: env(options) }),
        json: async (args, options) => {
          const result = await run([...args, "--json"], options);
          assert.equal(result.code, 0, `restream ${args.join(" ")} --json: ${result.stderr}`);
          assert.equal(result.stderr, "", `restream ${args.join(" ")} --json wrote to stderr`);
          return JSON.parse(result.stdout);
        },
        table: async (args, options) => parseTable(await succeed(args, options)),
        block: async (args, options) => parseBlock(await succeed(args, options)),
      });
    })
  );
}

/** Piped table output: one line per row, cells split at tabs, header row first. */
export function parseTable(stdout: string): string[][] {
  assert.ok(stdout.endsWith("\n"), `a table ends with a newline: ${JSON.stringify(stdout)}`);
  return stdout.slice(0, -1).split("\n").map((line) => line.split("\t"));
}

/** A `Key: value` block as an object (keys as printed, indented ones trimmed). */
export function parseBlock(stdout: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of stdout.split("\n").filter((l) => l !== "")) {
    const match = /^\s*([^:]+):\s+(.*)$/.exec(line);
    assert.ok(match, `not a Key: value line: ${JSON.stringify(line)}`);
    entries[match[1]] = match[2];
  }
  return entries;
}

/** The rows of a parsed table as objects keyed by header. */
export function rowsOf(table: string[][]): Array<Record<string, string>> {
  const [header, ...rows] = table;
  return rows.map((cells) => {
    assert.equal(cells.length, header.length, `row ${cells.join("|")} has the header's width`);
    return Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  });
}
