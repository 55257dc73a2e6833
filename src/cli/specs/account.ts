/**
 * The specs (beyond their entries in ../tree.ts) of the account commands: `login`, `logout`,
 * `auth …`, `profile`, `ingest get`, `chat url` and `stream-key get` (handlers: ../auth.ts,
 * ../login.ts, ../auth_run.ts, ../profile.ts, ../account.ts, ../stream_key.ts).
 *
 * @module
 */

import { parsePort, parsePositiveSeconds } from "../args.ts";
import type { LoginFlags } from "../login.ts";
import type { CommandBody } from "../spec.ts";

/** `restream login`. */
export const LOGIN: CommandBody = {
  description: "The client secret comes from RESTREAM_CLIENT_SECRET or a prompt, never a flag.",
  flags: [
    {
      long: "port",
      type: "int",
      summary: "port of the redirect URI http://localhost:<port>/callback (0: any free port)",
      parse: (v) => parsePort(v, true),
      default: 12000,
    },
    { long: "browser", negated: true, summary: "print the URL only; do not open a browser" },
    {
      long: "timeout",
      type: "seconds",
      summary: "give up waiting for the browser after this long",
      parse: (v) => parsePositiveSeconds(v, "--timeout"),
      default: 300,
    },
    {
      long: "client-id",
      type: "string",
      summary: "OAuth client id (default: RESTREAM_CLIENT_ID)",
    },
  ],
  examples: [
    "restream login",
    "# on a machine without a browser: open the printed URL elsewhere",
    "restream login --no-browser",
  ],
  run: async (ctx, { flags }) =>
    (await import("../login.ts")).runLogin(ctx, flags as unknown as LoginFlags),
};

/** `restream logout`. */
export const LOGOUT: CommandBody = {
  examples: ["restream logout"],
  run: async (ctx) => (await import("../auth_run.ts")).logout(ctx),
};

/** `restream auth`. */
export const AUTH: CommandBody = {
  subcommands: [
    {
      name: "status",
      summary: "who is logged in, token source, expiry, scopes",
      examples: ["restream auth status", "restream auth status --json"],
      run: async (ctx) => (await import("../auth_run.ts")).status(ctx),
    },
    {
      name: "token",
      summary: "print a valid access token (refreshed if needed)",
      examples: [
        "restream auth token",
        '# in a script: curl -H "Authorization: Bearer $(restream auth token)" <url>',
      ],
      run: async (ctx) => (await import("../auth.ts")).printToken(ctx),
    },
    {
      name: "refresh",
      summary: "refresh the stored tokens now",
      examples: ["restream auth refresh"],
      run: async (ctx) => (await import("../auth_run.ts")).refresh(ctx),
    },
  ],
};

/** `restream profile`. */
export const PROFILE: CommandBody = {
  examples: ["restream profile", "restream profile --json"],
  run: async (ctx) => (await import("../profile.ts")).showProfile(ctx),
};

/** `restream ingest`. */
export const INGEST: CommandBody = {
  subcommands: [{
    name: "get",
    summary: "the account's ingest server, with its name and RTMP URL",
    examples: ["restream ingest get", "restream ingest get --json"],
    run: async (ctx) => (await import("../account.ts")).showIngest(ctx),
  }],
};

/** `restream chat`. */
export const CHAT: CommandBody = {
  subcommands: [{
    name: "url",
    summary: "the URL of the embeddable web chat",
    examples: ["restream chat url"],
    run: async (ctx) => (await import("../account.ts")).showWebchatUrl(ctx),
  }],
};

/** `restream stream-key`. */
export const STREAM_KEY: CommandBody = {
  subcommands: [{
    name: "get",
    summary: "show the default stream key and SRT URL (secrets: shown in full)",
    examples: ["restream stream-key get", "restream stream-key get --json"],
    run: async (ctx) => (await import("../stream_key.ts")).showStreamKey(ctx),
  }],
};
