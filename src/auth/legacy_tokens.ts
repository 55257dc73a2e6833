/**
 * The `tokens.json` of the older Python `restream.io` CLI: `access_token`, `refresh_token`,
 * `expires_at` (Unix seconds), for the default API origin. Read here so the token store can
 * migrate it on first use (SPEC.md, "Login and tokens").
 *
 * @module
 */

import * as v from "../valibot.ts";
import { DEFAULT_API_URL } from "../config.ts";
import type { StoredTokens } from "./token_store.ts";

interface LegacyFile {
  access_token: string;
  refresh_token?: string;
  expires_at?: number;
  [key: string]: unknown;
}

const LegacyFileSchema: v.GenericSchema<unknown, LegacyFile> = v.looseObject({
  access_token: v.pipe(v.string(), v.minLength(1)),
  refresh_token: v.optional(v.string()),
  expires_at: v.optional(v.number()),
});

/**
 * The records of an older CLI's token file (keyed by the default origin), or undefined when
 * `data` is not one.
 */
export function readLegacyFile(data: unknown): Record<string, StoredTokens> | undefined {
  const parsed = v.safeParse(LegacyFileSchema, data);
  if (!parsed.success) return undefined;
  const legacy = parsed.output;
  const record: StoredTokens = {
    accessToken: legacy.access_token,
    refreshToken: legacy.refresh_token,
    expiresAt: legacy.expires_at === undefined
      ? undefined
      : new Date(legacy.expires_at * 1000).toISOString(),
    scopes: typeof legacy.scope === "string"
      ? legacy.scope.split(/[\s,]+/).filter((s) => s !== "")
      : [],
  };
  return { [new URL(DEFAULT_API_URL).origin]: record };
}
