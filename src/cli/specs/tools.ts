/**
 * The specs (beyond their entries in ../tree.ts) of the tools: `api`, `mock serve`,
 * `completions` and `version` (handlers: ../api.ts, ../mock.ts, ../completions.ts,
 * ../version.ts; `help` is all in ../tree.ts, answered by ../help_command.ts).
 *
 * @module
 */

import { parseNonNegative, parsePort, positiveInteger } from "../args.ts";
import type { ApiOptions, RawField } from "../api.ts";
import type { MockServeFlags } from "../mock.ts";
import { MOCK_TRAFFIC } from "../mock_mode.ts";
import type { CommandBody } from "../spec.ts";

/** The shells `completions` writes scripts for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** The port `mock serve` listens on unless `--port` says otherwise. */
export const DEFAULT_MOCK_PORT = 12080;

/** `restream api`. */
export const API: CommandBody = {
  description: "Fields go to the query string of a GET and into a JSON body otherwise; " +
    "'a[b]=1' nests and 'a[]=1' appends in a body. Errors exit like every command.",
  args: [{
    name: "path",
    summary: "path under /v2 (e.g. user/profile), or one starting /v2/ or /oauth/",
  }],
  flags: [
    {
      long: "method",
      short: "X",
      type: "string",
      summary: "HTTP method (default: GET; POST with fields or --input)",
    },
    {
      long: "raw-field",
      short: "f",
      type: "key=value",
      summary: "add a string parameter",
      repeatable: true,
    },
    {
      long: "field",
      short: "F",
      type: "key=value",
      summary: "add a typed parameter: number, true, false, null, or @file contents",
      repeatable: true,
    },
    {
      long: "input",
      type: "path",
      summary: "send the file as the request body, as is ('-' reads stdin)",
      file: true,
    },
    {
      long: "paginate",
      summary: "follow every page (GET only) and print all items as one JSON array",
    },
    {
      long: "include",
      short: "i",
      summary: "print the status line and response headers to stderr",
    },
    {
      long: "allow-oauth",
      summary: "allow a path under /oauth/ (it can rotate the stored tokens)",
    },
  ],
  examples: [
    "restream api user/profile",
    "restream api user/channel-meta/1030301 -X PATCH -f 'title=New title'",
    "restream api 'user/events/history?limit=5' --paginate",
  ],
  run: async (ctx, { args, flags, given }) => {
    const fields: RawField[] = given
      .filter((g) => g.flag.long === "raw-field" || g.flag.long === "field")
      .map((g) => ({ flag: g.flag.long === "field" ? "-F" : "-f", raw: g.value as string }));
    await (await import("../api.ts")).runApi(
      ctx,
      args.path as string,
      flags as ApiOptions,
      fields,
    );
  },
};

/** `restream mock`. */
export const MOCK: CommandBody = {
  subcommands: [{
    name: "serve",
    summary:
      "serve a mock Restream API, OAuth server and WebSockets; prints export lines to point the CLI at it",
    flags: [
      {
        long: "port",
        type: "int",
        summary: "port to listen on (0: any free port)",
        parse: (v) => parsePort(v, true),
        default: DEFAULT_MOCK_PORT,
      },
      {
        long: "host",
        type: "address",
        summary: "address to listen on (warns unless loopback)",
        default: "127.0.0.1",
      },
      {
        long: "token-lifetime",
        type: "seconds",
        summary: "lifetime of access tokens from /oauth/token",
        parse: (v) => positiveInteger(v, "--token-lifetime"),
        default: 3600,
      },
      { long: "auto-approve", summary: "the login page approves at once, without a click" },
      {
        long: "chat-rate",
        type: "number",
        summary: "generated chat messages per second (0: none)",
        parse: (v) => parseNonNegative(v, "--chat-rate"),
        default: MOCK_TRAFFIC.chatRatePerSecond,
      },
      {
        long: "heartbeat",
        type: "seconds",
        summary: "chat heartbeat period (0: none)",
        parse: (v) => parseNonNegative(v, "--heartbeat"),
        default: MOCK_TRAFFIC.heartbeatSeconds,
      },
      {
        long: "streaming-interval",
        type: "ms",
        summary: "period of live streaming updates (0: none)",
        parse: (v) => parseNonNegative(v, "--streaming-interval"),
        default: MOCK_TRAFFIC.streamingIntervalMs,
      },
      {
        long: "fail",
        type: "route=status",
        summary: 'fail requests, e.g. "GET /v2/user/profile=503x2,retry-after=1,body=html"',
        repeatable: true,
      },
      {
        long: "latency",
        type: "ms",
        summary: "delay every request",
        parse: (v) => parseNonNegative(v, "--latency"),
        default: 0,
      },
      {
        long: "drop-after",
        type: "int",
        summary: "close each WebSocket after K messages",
        parse: (v) => positiveInteger(v, "--drop-after"),
      },
    ],
    examples: [
      "# in one shell:",
      "restream mock serve --port 0 > mock.env",
      "# in another: point the CLI at it",
      "source mock.env && restream channel list",
    ],
    // It starts a server of its own: no client, and not the in-process mock of --mock.
    offline: true,
    run: async (ctx, { flags }) =>
      (await import("../mock.ts")).serveMock(ctx, flags as unknown as MockServeFlags),
  }],
};

/** `restream completions`. */
export const COMPLETIONS: CommandBody = {
  args: [{ name: "shell", summary: "the shell", choices: SHELLS }],
  notes: [
    "Install:",
    "  bash        echo 'source <(restream completions bash)' >> ~/.bashrc",
    "  zsh         echo 'source <(restream completions zsh)' >> ~/.zshrc   (after compinit)",
    "  fish        restream completions fish > ~/.config/fish/completions/restream.fish",
    "  powershell  restream completions powershell >> $PROFILE",
  ].join("\n"),
  offline: true,
  examples: ["restream completions bash", "restream completions powershell"],
  run: async (ctx, { args }) =>
    (await import("../completions.ts")).printCompletions(
      ctx,
      args.shell as typeof SHELLS[number],
    ),
};

/** `restream version`. */
export const VERSION: CommandBody = {
  offline: true,
  examples: ["restream version", "restream version --json"],
  run: async (ctx) => (await import("../version.ts")).showVersion(ctx),
};
