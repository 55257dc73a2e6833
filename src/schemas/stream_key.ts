/**
 * Stream keys (GET /v2/user/streamKey, GET /v2/user/events/{id}/streamKey).
 *
 * @module
 */

import { registerSecret } from "../http/mask.ts";
import * as v from "../valibot.ts";

/** A stream key and its SRT URL. Both are secrets: never log them. */
export interface StreamKey {
  /** The RTMP stream key. */
  streamKey: string;
  /** The SRT ingest URL (it embeds the key); null without SRT access. */
  srtUrl?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of a stream key; unknown fields are kept. */
export const StreamKeySchema: v.GenericSchema<unknown, StreamKey> = v.looseObject({
  streamKey: v.string(),
  srtUrl: v.optional(v.nullable(v.string())),
});

/** An event's SRT credentials (Business and Enterprise plans). Secrets: never log them. */
export interface SrtStreamKey {
  /** SRT stream id. */
  streamId: string;
  /** SRT passphrase. */
  passPhrase?: string | null;
  /** SRT ingest URL. */
  url?: string | null;
  /** Fields this client does not know are kept. */
  [key: string]: unknown;
}

/** Schema of an SRT stream key; unknown fields are kept. */
export const SrtStreamKeySchema: v.GenericSchema<unknown, SrtStreamKey> = v.looseObject({
  streamId: v.string(),
  passPhrase: v.optional(v.nullable(v.string())),
  url: v.optional(v.nullable(v.string())),
});

/**
 * Registers the secrets of a stream key or SRT key (the key, the SRT URL with its stream id
 * and passphrase) so they are masked by value wherever text reaches a log or an error; the
 * key itself is returned unchanged, for printing by the commands whose job that is.
 */
export function registerStreamKeySecrets<T extends StreamKey | SrtStreamKey>(key: T): T {
  for (const value of [key.streamKey, key.srtUrl, key.streamId, key.passPhrase, key.url]) {
    registerSecret(value);
    if (typeof value !== "string" || !value.includes("?")) continue;
    // An SRT URL carries the key and passphrase as parameters: each is a secret on its own.
    for (const part of new URLSearchParams(value.slice(value.indexOf("?") + 1)).values()) {
      registerSecret(part);
    }
  }
  return key;
}
