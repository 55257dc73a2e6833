/**
 * The end-to-end login setting: a mock server, a config directory of its own, the CLI's
 * environment pointing at both, and `login --no-browser --port 0` running as a subprocess
 * with its authorization URL read from stderr. Shared by the fetch-driven and the
 * browser-driven login tests.
 */

import { join } from "node:path";
import type { MockServer, MockServerOptions } from "../../src/mock/types.ts";
import { withMock } from "./mock.ts";
import { type RunningCli, spawnCli } from "./subprocess.ts";
import { withTempDir } from "./temp_dir.ts";

/** The authorization URL as the CLI prints it on stderr (the mock's origin is 127.0.0.1). */
export const AUTHORIZE_URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+\/login\?\S+)/;

/** What a test against the mock gets. */
export interface AuthSetting {
  mock: MockServer;
  /** The config directory (not created: the CLI creates it). */
  configDir: string;
  /** `<configDir>/tokens.json`. */
  tokensPath: string;
  /** The CLI's whole environment: the mock's API and client, the config directory. */
  env: Record<string, string>;
}

/** Runs `fn` with a fresh mock and config directory; closes and removes both. */
export function withAuthSetting(
  options: MockServerOptions,
  fn: (setting: AuthSetting) => Promise<void>,
): Promise<void> {
  return withTempDir((root) =>
    withMock(options, (mock) => {
      const configDir = join(root, "config");
      return fn({
        mock,
        configDir,
        tokensPath: join(configDir, "tokens.json"),
        env: {
          RESTREAM_API_URL: mock.apiUrl,
          RESTREAM_CLIENT_ID: mock.clientId,
          RESTREAM_CLIENT_SECRET: mock.clientSecret,
          RESTREAM_CONFIG_DIR: configDir,
        },
      });
    })
  );
}

/** A `login` that has printed its authorization URL and now waits for the callback. */
export interface WaitingLogin {
  cli: RunningCli;
  /** The URL the user is asked to open. */
  authorizeUrl: URL;
  /** Its `redirect_uri`: `http://localhost:<port>/callback`. */
  redirectUri: URL;
}

/**
 * Starts `login --no-browser --port 0 <extra>` and waits for the authorization URL. The
 * caller closes `cli` in a `finally`.
 */
export async function startLogin(
  setting: AuthSetting,
  extra: string[] = [],
  stdin: "piped" | "null" = "null",
): Promise<WaitingLogin> {
  const cli = spawnCli(["login", "--no-browser", "--port", "0", ...extra], {
    env: setting.env,
    stdin,
  });
  try {
    const [, href] = await cli.waitForStderr(AUTHORIZE_URL_PATTERN);
    const authorizeUrl = new URL(href);
    const redirectUri = new URL(authorizeUrl.searchParams.get("redirect_uri") ?? "");
    return { cli, authorizeUrl, redirectUri };
  } catch (error) {
    await cli.close();
    throw error;
  }
}

/** The parsed token file (`{version, tokens: {<origin>: record}}`). */
export async function readTokenFile(
  setting: AuthSetting,
): Promise<{ version: number; tokens: Record<string, Record<string, unknown>> }> {
  return JSON.parse(await Deno.readTextFile(setting.tokensPath));
}

/** The permission bits of a path, e.g. 0o600. */
export async function modeOf(path: string): Promise<number> {
  return ((await Deno.stat(path)).mode ?? 0) & 0o777;
}
