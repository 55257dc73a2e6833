/**
 * Settings from the environment (SPEC.md, "Environment"), resolved once into a plain object.
 *
 * The environment is passed in as a lookup function so tests and library users never depend
 * on the process environment. A variable that `--allow-env` does not cover is an error naming
 * the flag, not "unset": an unread `RESTREAM_TOKEN` or `HOME` would otherwise surface later as
 * a puzzling "not logged in".
 *
 * @module
 */

import { join } from "./path.ts";
import { UsageError } from "./errors.ts";

/**
 * Reads one environment variable; returns undefined when unset.
 *
 * @example
 * ```ts
 * import { type EnvLookup, loadConfig } from "jsr:@restream/cli";
 * const fromFile: EnvLookup = (name) => ({ RESTREAM_TOKEN: "abc" } as Record<string, string>)[name];
 * console.log(loadConfig(fromFile).token); // "abc"
 * ```
 */
export type EnvLookup = (name: string) => string | undefined;

/**
 * Default origin of REST and OAuth.
 *
 * @example
 * ```ts
 * import { DEFAULT_API_URL, RestreamClient } from "jsr:@restream/cli";
 * const client = new RestreamClient({ apiUrl: Deno.env.get("RESTREAM_API_URL") ?? DEFAULT_API_URL });
 * ```
 */
export const DEFAULT_API_URL = "https://api.restream.io";
/**
 * Default streaming WebSocket URL.
 *
 * @example
 * ```ts
 * import { DEFAULT_STREAMING_WS_URL } from "jsr:@restream/cli";
 * console.log(new URL(DEFAULT_STREAMING_WS_URL).host); // "streaming.api.restream.io"
 * ```
 */
export const DEFAULT_STREAMING_WS_URL = "wss://streaming.api.restream.io/ws";
/**
 * Default chat WebSocket URL.
 *
 * @example
 * ```ts
 * import { DEFAULT_CHAT_WS_URL } from "jsr:@restream/cli";
 * console.log(new URL(DEFAULT_CHAT_WS_URL).host); // "chat.api.restream.io"
 * ```
 */
export const DEFAULT_CHAT_WS_URL = "wss://chat.api.restream.io/ws";

/** Everything the environment can set, with defaults applied. */
export interface Config {
  /** Origin of REST (`/v2`) and OAuth (`/login`, `/oauth/*`), without a trailing slash. */
  apiUrl: string;
  /** Streaming WebSocket URL. */
  streamingWsUrl: string;
  /** Chat WebSocket URL. */
  chatWsUrl: string;
  /** OAuth client id, when set. */
  clientId?: string;
  /** OAuth client secret, when set. */
  clientSecret?: string;
  /** An access token used as-is, ahead of stored tokens. */
  token?: string;
  /** Directory of tokens and settings, or undefined when no home can be found. */
  configDir?: string;
  /** True when `NO_COLOR` is set to anything non-empty. */
  noColor: boolean;
}

/**
 * Reads the process environment. A variable the permissions do not cover throws Deno's
 * `NotCapable` error (it names `--allow-env`).
 */
export function processEnv(name: string): string | undefined {
  return Deno.env.get(name);
}

/**
 * Resolves the configuration from an environment lookup.
 *
 * @example
 * ```ts
 * import { loadConfig } from "jsr:@restream/cli";
 * const config = loadConfig((name) => ({ RESTREAM_API_URL: "http://127.0.0.1:8080/" })[name]);
 * console.log(config.apiUrl); // "http://127.0.0.1:8080"
 * ```
 */
export function loadConfig(env: EnvLookup = processEnv, os: string = Deno.build.os): Config {
  const value = (name: string): string | undefined => {
    const v = env(name);
    return v === undefined || v === "" ? undefined : v;
  };
  return {
    apiUrl: stripTrailingSlash(url(value, "RESTREAM_API_URL", DEFAULT_API_URL, HTTP)),
    streamingWsUrl: url(value, "RESTREAM_STREAMING_WS_URL", DEFAULT_STREAMING_WS_URL, WS),
    chatWsUrl: url(value, "RESTREAM_CHAT_WS_URL", DEFAULT_CHAT_WS_URL, WS),
    clientId: value("RESTREAM_CLIENT_ID"),
    clientSecret: value("RESTREAM_CLIENT_SECRET"),
    token: value("RESTREAM_TOKEN"),
    configDir: resolveConfigDir(value, os),
    noColor: noColorRequested(env),
  };
}

/** True when `NO_COLOR` is set to anything non-empty (https://no-color.org). */
export function noColorRequested(env: EnvLookup): boolean {
  const value = env("NO_COLOR");
  return value !== undefined && value !== "";
}

const HTTP = ["http:", "https:"];
const WS = ["ws:", "wss:"];

/**
 * A URL variable, checked here so a typo is one clear usage error naming the variable rather
 * than a "cannot reach" or a URL parser's message from deep inside a request.
 */
function url(
  value: (name: string) => string | undefined,
  name: string,
  fallback: string,
  schemes: string[],
): string {
  const text = value(name) ?? fallback;
  const expected = `expected a URL starting with ${schemes.map((s) => `${s}//`).join(" or ")}`;
  // The command line is fine, so no "--help" hint: the variable is what to fix.
  const fail = (problem: string): never => {
    throw new UsageError(`${name} '${text}' ${problem}`, { helpHint: false });
  };
  if (!URL.canParse(text)) fail(`is not a URL: ${expected}`);
  if (!schemes.includes(new URL(text).protocol)) fail(`has the wrong scheme: ${expected}`);
  if (schemes === HTTP) {
    const origin = apiUrlWithoutV2(text);
    if (origin !== undefined) fail(`ends in /v2: set it to the origin, ${origin} (/v2 is added)`);
  }
  return text;
}

/**
 * The origin meant by an API URL that wrongly ends in `/v2` (every request would then go to
 * `/v2/v2/…` and get a 404), or undefined when it does not: `…/v2/` → `…`.
 */
export function apiUrlWithoutV2(url: string): string | undefined {
  const trimmed = url.replace(/\/+$/, "");
  return /\/v2$/i.test(trimmed) && URL.canParse(trimmed) ? trimmed.slice(0, -3) : undefined;
}

function resolveConfigDir(
  value: (name: string) => string | undefined,
  os: string,
): string | undefined {
  const explicit = value("RESTREAM_CONFIG_DIR") ?? value("RESTREAM_CONFIG_PATH");
  if (explicit) return explicit;
  if (os === "windows") {
    const appData = value("APPDATA");
    return appData ? join(appData, "restream.io") : undefined;
  }
  const xdg = value("XDG_CONFIG_HOME");
  if (xdg) return join(xdg, "restream.io");
  const home = value("HOME");
  return home ? join(home, ".config", "restream.io") : undefined;
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
