/**
 * `--mock` and `RESTREAM_MOCK` (SPEC.md, "Mock server"): whether a run uses the built-in
 * mock API, and the settings the mock runs with. The light half, loaded at start-up; the
 * server itself is started by mock_backend.ts, imported only when a run asks for the mock.
 *
 * @module
 */

import type { EnvLookup } from "../config.ts";
import { UsageError } from "../errors.ts";

/** The one notice a `--mock` run writes to stderr (plain text, also under `--json`). */
export const MOCK_NOTICE =
  "using the built-in mock API (no account needed; nothing leaves this machine)";

/** The help line of `--mock`. */
export const MOCK_FLAG_SUMMARY =
  "run against a built-in mock API, fresh for this command (no account or network needed; " +
  "'mock serve' shares one between commands)";

/**
 * The mock's generated traffic, the same for `--mock` and `mock serve`: chat keeps flowing
 * and the streaming monitor has live updates to show.
 */
export const MOCK_TRAFFIC = {
  /** Generated chat messages per second. */
  chatRatePerSecond: 1,
  /** Chat heartbeat period, as the real chat API's (about 45 s). */
  heartbeatSeconds: 45,
  /** Period of live streaming updates, in ms. */
  streamingIntervalMs: 2000,
} as const;

/**
 * Reads `RESTREAM_MOCK`: `1`/`true` on, `0`/`false`/empty (or unset) off; any other value is
 * a usage error, so a typo never silently talks to the real API.
 */
export function mockFromEnv(env: EnvLookup): boolean {
  const value = env("RESTREAM_MOCK");
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new UsageError(
    `RESTREAM_MOCK '${value}' is not valid: expected 1 or true (on), 0, false or empty (off)`,
    // The environment is wrong, not the command line: its --help would not help.
    { helpHint: false },
  );
}

/** Whether a run uses the mock: `--mock` given, or `RESTREAM_MOCK` on (checked either way). */
export function mockRequested(flag: boolean, env: EnvLookup): boolean {
  const fromEnv = mockFromEnv(env);
  return flag || fromEnv;
}
